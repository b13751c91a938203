/**
 * The bucket-level evaluation (DOMAIN.md "Bucket level"), figures worked out by hand.
 */
import { evaluate, type Evaluation } from '../../src/domain';
import { bucketLedger, day, policy, STANDARD_BUCKETS, type TestRule } from '../helpers/build';

const asOf = { asOf: day('2027-06-30') };
const lines = (e: Evaluation, buyer: string) =>
  Object.fromEntries(e.invoices.filter((i) => i.buyerId === buyer).map((i) => [i.bucket, i]));

describe('bucket level', () => {
  // Buckets: Non échu, 1-30, 31-60, 61-90, 91-120, > 120.
  const p = policy(
    {
      declarationDeadlineDays: 60,
      discretionaryLimit: 10000,
      discretionary: 70,
      named: 90,
      maxExtensionDays: 60,
      carenceDays: 30,
    },
    [{ buyer: 'Y', amount: 2500, validFrom: '2027-01-01' }],
  );
  const ledger = bucketLedger(STANDARD_BUCKETS, [
    { buyer: 'X', amounts: [1000, 2000, 3000, 4000, 0, -500], total: 9500 },
    { buyer: 'Y', amounts: [2000, 1000, 0, 0, 2000, 0], total: 9999 },
  ]);
  const e = evaluate(ledger, p, asOf);

  test('credits go to the oldest positive bucket; a bucket emptied keeps its line as credit', () => {
    const x = lines(e, 'X');
    // −500 (> 120) → the oldest positive bucket, 61-90: 4000 → 3500. The 91-120 bucket is empty: no line.
    expect(Object.keys(x)).toEqual(['Non échu', '1-30', '31-60', '61-90', '> 120']);
    expect(x['61-90'].open).toBe(3500);
    expect(x['> 120']).toMatchObject({ open: 0, status: 'credit', invoiceNo: null, row: 2 });
  });

  test('declaration-late when the lower edge is past the deadline; the limit is used from the oldest bucket', () => {
    const x = lines(e, 'X');
    expect(x['61-90']).toMatchObject({
      status: 'excluded',
      reasons: ['declaration-late'],
      covered: 0,
      uninsured: 3500,
    });
    // Discretionary 10,000 at 70 %: 31-60 3000 → 2100, 1-30 2000 → 1400, not due 1000 → 700.
    expect(x['31-60']).toMatchObject({ status: 'covered', insured: 3000, covered: 2100 });
    expect(x['1-30']).toMatchObject({ status: 'covered', insured: 2000, covered: 1400 });
    expect(x['Non échu']).toMatchObject({ status: 'covered', insured: 1000, covered: 700, daysOverdue: 0 });
    const [bx] = e.buyers;
    // Open 1000 + 2000 + 3000 + 3500 + 0 = 9500; covered 4200; claim on the overdue buckets 5000 × 70 % = 3500.
    expect(bx).toMatchObject({
      open: 9500,
      covered: 4200,
      uninsured: 5300,
      claimBase: 5000,
      claim: 3500,
      limitKind: 'discretionary',
    });
  });

  test('check-declaration flags the buckets that may hold invoices to declare within 15 days', () => {
    const x = lines(e, 'X');
    // deadline 60 − 15 = 45: 31-60 (31 ≤ 60, 60 ≥ 45) yes; 1-30 (30 < 45) no; not due never.
    expect(x['31-60'].flags).toEqual(['check-declaration']);
    expect(x['1-30'].flags).toEqual([]);
    expect(x['Non échu'].flags).toEqual([]);
    expect(e.buyers[0].flags).toEqual(['check-declaration']);
  });

  test('a named limit binds from the oldest eligible bucket to not due', () => {
    const y = lines(e, 'Y');
    expect(y['91-120'].reasons).toEqual(['declaration-late']);
    // Limit 2500 at 90 %: 1-30 1000 → 900; not due 1500 of 2000 → 1350.
    expect(y['1-30']).toMatchObject({ status: 'covered', insured: 1000, covered: 900 });
    expect(y['Non échu']).toMatchObject({ status: 'partial', insured: 1500, overLimit: 500, covered: 1350 });
    expect(e.buyers[1]).toMatchObject({ claimBase: 1000, claim: 900, limit: 2500, limitKind: 'named' });
  });

  test('diagnostics: total mismatch, checks not evaluated, declarations assumed', () => {
    expect(e.diagnostics.filter((d) => d.code === 'total-mismatch')).toEqual([
      expect.objectContaining({ row: 3, severity: 'warning' }),
    ]);
    const notEvaluated = e.diagnostics.filter((d) => d.code === 'not-evaluated').map((d) => d.message.split(':')[0]);
    expect(notEvaluated).toEqual(['outside-period', 'carence', 'disputed', 'stop-shipment']);
    expect(e.diagnostics.some((d) => d.code === 'declarations-assumed')).toBe(true);
  });

  test('totals reconcile: open = covered + uninsured', () => {
    expect(e.totals.open).toBe(9500 + 5000);
    expect(e.totals.covered).toBe(4200 + 2250);
    expect(e.totals.uninsured).toBe(14500 - 6450);
  });

  test('named entries but none in force at T: no-limit on every bucket, limit shows the latest amount', () => {
    const expired = policy({ discretionaryLimit: 10000 }, [
      { buyer: 'Z', amount: 3000, validFrom: '2027-01-01', validTo: '2027-03-31' },
      { buyer: 'Z', amount: 4000, validFrom: '2027-04-01', validTo: '2027-05-31' },
    ]);
    const r = evaluate(
      bucketLedger(STANDARD_BUCKETS, [{ buyer: 'Z', amounts: [100, 200, 0, 0, 0, 0] }]),
      expired,
      asOf,
    );
    expect(r.invoices.map((i) => i.reasons)).toEqual([['no-limit'], ['no-limit']]);
    expect(r.buyers[0]).toMatchObject({ limit: 4000, limitKind: 'named', covered: 0 });
  });

  test('rows of one buyer merge; currencies convert; rules on invoice facts are skipped and listed', () => {
    const rules: TestRule[] = [
      {
        buyerOnly: false,
        name: 'big-invoices',
        when: () => true,
        effect: { type: 'exclude', reason: 'big', priority: 1, order: 0 },
      },
      {
        buyerOnly: true,
        when: (f) => f.country === 'RU',
        effect: { type: 'exclude', reason: 'sanctioned', priority: 1, order: 1 },
      },
    ];
    const p2 = policy({ discretionaryLimit: 100000 }, [], rules, { USD: 0.9 });
    const r = evaluate(
      bucketLedger(STANDARD_BUCKETS, [
        { buyer: 'M', amounts: [100, 0, 0, 0, 0, 0], country: 'FR', name: 'First name' },
        { buyer: 'M', amounts: [0, 200, 0, 0, 0, 0], currency: 'USD', country: 'RU', name: 'Second name' },
        { buyer: 'R', amounts: [50, 0, 0, 0, 0, 0], country: 'RU' },
      ]),
      p2,
      asOf,
    );
    // M: attributes from its first row (FR), 200 USD × 0.9 = 180 EUR in 1-30.
    expect(lines(r, 'M')['1-30']).toMatchObject({ open: 180, status: 'covered', row: 2 });
    expect(r.buyers[0]).toMatchObject({ buyerName: 'First name', country: 'FR', open: 280 });
    expect(lines(r, 'R')['Non échu'].reasons).toEqual(['rule:sanctioned']);
    expect(r.diagnostics.filter((d) => d.code === 'rule-skipped').map((d) => d.message)).toEqual([
      expect.stringContaining('"big-invoices"'),
    ]);
    expect(r.counts).toMatchObject({ rowsRead: 3, rowsEvaluated: 3 });
  });
});

test('check-declaration stays on the buckets that raised it', () => {
  const p = policy({ declarationDeadlineDays: 60, discretionaryLimit: 10000 });
  // Column order puts 31-60 (flagged) before 1-30 and not due, which must stay unflagged.
  const buckets = [STANDARD_BUCKETS[2], STANDARD_BUCKETS[1], STANDARD_BUCKETS[0]];
  const r = evaluate(bucketLedger(buckets, [{ buyer: 'X', amounts: [100, 100, 100] }]), p, asOf);
  expect(r.invoices.map((i) => [i.bucket, i.flags])).toEqual([
    ['31-60', ['check-declaration']],
    ['1-30', []],
    ['Non échu', []],
  ]);
});
