/**
 * DOMAIN.md's worked example, every figure as the page states it (worked out by hand there).
 */
import { evaluate } from '../../src/domain';
import { day, invoiceLedger, policy } from '../helpers/build';

const examplePolicy = policy(
  {
    named: 90,
    carenceDays: 30,
    maxCreditPeriodDays: 90,
    declarationDeadlineDays: 45,
    maxExtensionDays: 60,
    minimumClaim: 500,
    excessPerClaim: 100,
    vat: { ledgerIncludesVat: true, rate: 20 },
  },
  [{ buyer: 'B1', amount: 10000, validFrom: '2027-01-01' }],
);

const ledger = invoiceLedger([
  { no: 'A', date: '2027-01-20', due: '2027-03-21', open: 1200 },
  { no: 'B', date: '2027-04-10', due: '2027-05-10', open: 6000, declaredOn: '2027-06-01' },
  { no: 'C', date: '2027-05-05', due: '2027-06-04', open: 7200 },
  { no: 'D', date: '2027-05-20', due: '2027-06-19', open: 4800, disputed: true },
  { no: 'E', date: '2027-06-15', due: '2027-07-15', open: 3600 },
  { no: 'F', date: '2027-06-20', due: '2027-06-20', open: -600 },
]);

describe('the worked example of DOMAIN.md', () => {
  const result = evaluate(ledger, examplePolicy, { asOf: day('2027-06-30') });
  const byNo = Object.fromEntries(result.invoices.map((i) => [i.invoiceNo, i]));

  test.each([
    // invoice, open, status, first reason, insured, covered, uninsured
    ['A', 600, 'excluded', 'carence', 0, 0, 600],
    ['B', 6000, 'covered', null, 5000, 4500, 1500],
    ['C', 7200, 'partial', null, 5000, 4500, 2700],
    ['D', 4800, 'excluded', 'disputed', 0, 0, 4800],
    ['E', 3600, 'excluded', 'stop-shipment', 0, 0, 3600],
    ['F', 0, 'credit', null, 0, 0, 0],
  ])('invoice %s', (no, open, status, reason, insured, covered, uninsured) => {
    const inv = byNo[no];
    expect(inv.open).toBe(open);
    expect(inv.status).toBe(status);
    expect(inv.reason).toBe(reason);
    expect(inv.insured).toBe(insured);
    expect(inv.covered).toBe(covered);
    expect(inv.uninsured).toBe(uninsured);
  });

  test('A is also declaration-late (101 days overdue, undeclared), D is not stop-shipment', () => {
    expect(byNo.A.reasons).toEqual(['carence', 'declaration-late']);
    expect(byNo.A.daysOverdue).toBe(101);
    expect(byNo.D.reasons).toEqual(['disputed']);
    expect(byNo.E.reasons).toEqual(['stop-shipment']);
    expect(byNo.F.reasons).toEqual([]);
  });

  test('deadlines: B must be declared by 06-24', () => {
    expect(byNo.B.declareBy).toBe('2027-06-24');
    expect(byNo.C.declareBy).toBe('2027-07-19');
    expect(byNo.B.claimableOn).toBeNull(); // the example sets no indemnity waiting period
  });

  test('buyer: open 22,200, eligible 11,000, insured 10,000, over-limit 1,000, covered 9,000, uninsured 13,200, claim 8,900', () => {
    const [buyer] = result.buyers;
    expect(buyer).toMatchObject({
      open: 22200,
      eligible: 11000,
      limit: 10000,
      limitKind: 'named',
      indemnityPercent: 90,
      insured: 10000,
      overLimit: 1000,
      covered: 9000,
      uninsured: 13200,
      claimBase: 10000,
      claim: 8900,
    });
  });

  test('portfolio indemnity 8,900', () => {
    expect(result.totals.portfolioIndemnity).toBe(8900);
    expect(result.totals.claims).toBe(8900);
    expect(result.totals.open).toBe(22200);
    expect(result.totals.covered).toBe(9000);
    expect(result.totals.uninsured).toBe(13200);
  });
});
