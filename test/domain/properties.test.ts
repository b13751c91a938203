/**
 * Properties that hold for any ledger and any policy (fast-check, fixed seed in CI).
 */
import fc from 'fast-check';
import {
  convert,
  evaluate,
  type Evaluation,
  type InvoiceLedger,
  type InvoiceLine,
  type Policy,
} from '../../src/domain';
import { day, policy, type TestRule } from '../helpers/build';

const START = day('2027-01-01');

const buyers = ['B1', 'B2', 'B3', 'B4'];

const lineArb = fc.record({
  buyerId: fc.constantFrom(...buyers),
  invoiceDate: fc.integer({ min: START - 60, max: START + 400 }),
  term: fc.integer({ min: 0, max: 200 }),
  open: fc.oneof(fc.integer({ min: -500_000, max: 5_000_000 }), fc.integer({ min: -5, max: 5 })),
  currency: fc.constantFrom(null, 'EUR', 'USD', 'CHF'),
  disputed: fc.constantFrom(null, true, false),
  declaredAfterDue: fc.option(fc.integer({ min: 0, max: 120 })),
  country: fc.constantFrom('FR', 'DE', 'RU'),
});

const ledgerArb = fc.array(lineArb, { minLength: 0, maxLength: 40 }).map((rows): InvoiceLedger => {
  const invoices: InvoiceLine[] = rows.map((r, i) => ({
    row: i + 2,
    buyerId: r.buyerId,
    buyerName: `Name ${r.buyerId}`,
    country: r.country,
    sector: null,
    buyerType: null,
    invoiceNo: `F${i}`,
    invoiceDate: r.invoiceDate,
    dueDate: r.invoiceDate + r.term,
    open: r.open,
    amount: null,
    currency: r.currency,
    disputed: r.disputed,
    declaredOn: r.declaredAfterDue === null ? null : r.invoiceDate + r.term + r.declaredAfterDue,
  }));
  return {
    kind: 'invoice',
    invoices,
    hasAmountColumn: false,
    rowsRead: invoices.length,
    rowsSkipped: 0,
    diagnostics: [],
  };
});

const policyArb = fc
  .record({
    named: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
    discretionary: fc.integer({ min: 0, max: 100 }),
    discretionaryLimit: fc.constantFrom(0, 5000, 20000),
    carenceDays: fc.constantFrom(0, 30, 90),
    maxCreditPeriodDays: fc.constantFrom(null, 60, 120),
    declarationDeadlineDays: fc.constantFrom(null, 30, 60),
    maxExtensionDays: fc.constantFrom(null, 30, 60),
    minimumClaim: fc.constantFrom(0, 500, 5000),
    excessPerClaim: fc.constantFrom(0, 100),
    annualAggregateDeductible: fc.constantFrom(0, 1000),
    maxLiability: fc.constantFrom(null, 10000),
    vat: fc.constantFrom(null, { ledgerIncludesVat: true, rate: 20 }, { ledgerIncludesVat: true, rate: 5.5 }),
    limits: fc.array(
      fc.record({
        buyer: fc.constantFrom(...buyers),
        amount: fc.integer({ min: 0, max: 60000 }),
        from: fc.integer({ min: 0, max: 200 }),
      }),
      { maxLength: 2 },
    ),
    sanctionRU: fc.boolean(),
    cap: fc.option(fc.integer({ min: 0, max: 30000 })),
  })
  .map((p): Policy => {
    const rules: TestRule[] = [];
    if (p.sanctionRU) {
      rules.push({
        buyerOnly: true,
        when: (f) => f.country === 'RU',
        effect: { type: 'exclude', reason: 'ru', priority: 1, order: 0 },
      });
    }
    if (p.cap !== null)
      rules.push({ buyerOnly: true, when: (f) => f.country === 'DE', effect: { type: 'limit', max: p.cap * 100 } });
    // At most one limit per buyer: overlapping duplicates are rejected by the rule-file loader.
    const seen = new Set<string>();
    const limits = p.limits
      .filter((l) => !seen.has(l.buyer) && seen.add(l.buyer))
      .map((l) => ({ buyer: l.buyer, amount: l.amount, validFrom: isoOf(START + l.from) }));
    return policy(p, limits, rules, { USD: 0.9237 });
  });

function isoOf(d: number): string {
  const date = new Date(d * 86400000);
  return date.toISOString().slice(0, 10);
}

const asOfArb = fc.integer({ min: START, max: START + 500 });
const c = (units: number) => Math.round(units * 100);

function checkReconciliation(ledger: InvoiceLedger, p: Policy, e: Evaluation): void {
  for (const inv of e.invoices) expect(c(inv.open)).toBe(c(inv.covered) + c(inv.uninsured));
  // Totals are the sums of the invoices (and of the buyers), to the cent.
  const sum = (xs: number[]) => xs.reduce((a, b) => a + c(b), 0);
  for (const key of ['open', 'covered', 'uninsured', 'insured', 'overLimit'] as const) {
    expect(c(e.totals[key])).toBe(sum(e.invoices.map((i) => i[key])));
    expect(c(e.totals[key])).toBe(sum(e.buyers.map((b) => b[key])));
  }
  for (const b of e.buyers) {
    const own = e.invoices.filter((i) => i.buyerId === b.buyerId);
    expect(c(b.open)).toBe(sum(own.map((i) => i.open)));
    expect(c(b.covered)).toBe(sum(own.map((i) => i.covered)));
    expect(c(b.insured)).toBeLessThanOrEqual(c(b.limit));
    expect(b.claim).toBeGreaterThanOrEqual(0);
  }
  // Nothing lost: every converted open amount read is in the totals, or set aside with a diagnostic.
  let expectedOpen = 0;
  let setAside = 0;
  for (const line of ledger.invoices) {
    const currency = line.currency ?? 'EUR';
    if (currency === 'EUR') expectedOpen += line.open;
    else if (p.fxRates[currency]) expectedOpen += convert(line.open, p.fxRates[currency]);
    else setAside++;
  }
  expect(c(e.totals.open)).toBe(expectedOpen);
  expect(e.diagnostics.filter((d) => d.code === 'no-fx-rate')).toHaveLength(setAside);
  expect(e.invoices.length + setAside).toBe(ledger.invoices.length);
  if (p.terms.maxLiability !== null) expect(c(e.totals.portfolioIndemnity)).toBeLessThanOrEqual(p.terms.maxLiability);
}

describe('evaluation properties', () => {
  const params = { seed: 20271126, numRuns: 300 };

  test('every row, buyer and total reconciles to the cent; insured never exceeds the limit', () => {
    fc.assert(
      fc.property(ledgerArb, policyArb, asOfArb, (ledger, p, asOf) => {
        checkReconciliation(ledger, p, evaluate(ledger, p, { asOf }));
      }),
      params,
    );
  });

  test('the same input gives byte-identical JSON, and shuffling the rows changes nothing', () => {
    fc.assert(
      fc.property(ledgerArb, policyArb, asOfArb, fc.infiniteStream(fc.nat()), (ledger, p, asOf, randoms) => {
        const first = JSON.stringify(evaluate(ledger, p, { asOf }));
        expect(JSON.stringify(evaluate(ledger, p, { asOf }))).toBe(first);
        const shuffled = [...ledger.invoices];
        const it = randoms[Symbol.iterator]();
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = it.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        expect(JSON.stringify(evaluate({ ...ledger, invoices: shuffled }, p, { asOf }))).toBe(first);
      }),
      params,
    );
  });

  test('amounts are exact: a million-cent-scale ledger totals match a BigInt reference sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -9_999_999_99, max: 9_999_999_99 }), { maxLength: 200 }), (amounts) => {
        const ledger: InvoiceLedger = {
          kind: 'invoice',
          hasAmountColumn: false,
          rowsRead: amounts.length,
          rowsSkipped: 0,
          diagnostics: [],
          invoices: amounts.map((open, i) => ({
            row: i + 2,
            buyerId: `B${i % 7}`,
            buyerName: null,
            country: null,
            sector: null,
            buyerType: null,
            invoiceNo: null,
            invoiceDate: START + 10,
            dueDate: START + 40,
            open,
            amount: null,
            currency: null,
            disputed: null,
            declaredOn: null,
          })),
        };
        const e = evaluate(ledger, policy({ discretionaryLimit: 1_000_000 }), { asOf: START + 100 });
        const reference = amounts.reduce((a, b) => a + BigInt(b), 0n);
        expect(BigInt(Math.round(e.totals.open * 100))).toBe(reference);
        expect(BigInt(c(e.totals.covered)) + BigInt(c(e.totals.uninsured))).toBe(reference);
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
