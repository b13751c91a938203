/**
 * Comparing policies on one ledger: the side-by-side totals, the annual cost, and for every buyer
 * covered differently the first difference that explains it. Figures worked out by hand below.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  comparePolicies,
  comparisonReport,
  CompareError,
  differenceText,
  type Difference,
  type PolicyRun,
} from '../../src/broker';
import { evaluate, ratioFromNumber, DEFAULT_SCENARIOS, type CostTerms, type Policy } from '../../src/domain';
import { loadRuleFile } from '../../src/rules';
import { day, invoiceLedger, policy, type TestRule } from '../helpers/build';

/*
 * Policy A (reference): named 90 %, discretionary 70 %, discretionary limit 5,000, carence 30 days,
 *   USD at 0.9; P1 named 20,000. Cost: 0.3 % of the turnover, minimum 5,000, turnover 2,000,000;
 *   100 per limit request, 50 per monitored buyer.
 * Policy B: named 75 %, discretionary 70 %, discretionary limit 2,000, carence 60 days, no USD rate;
 *   P1 named 20,000 and N2 named 10,000; a rule excludes the sector BTP. Cost: fixed 4,000; 80 per
 *   request, 40 per monitored buyer.
 * Ledger as of 2027-06-30 (invoices due 2027-06-30 unless said: 0 days overdue):
 *   P1 10,000 issued 05-01          A 90 % → 9,000   B 75 % → 7,500       percent
 *   C1  1,000 issued 02-15, due 04-16: A past carence (01-31) → 700; B in carence (till 03-01) → 0
 *   L1  8,000 issued 05-01          A 5,000 × 70 % = 3,500; B 2,000 × 70 % = 1,400 (limit binds in B)
 *   S1  1,000 issued 05-01, BTP     A 700; B excluded by the rule → 0
 *   U1  1,000 USD issued 05-01      A 900 EUR × 70 % = 630; B sets the row aside (no USD rate)
 *   N2  4,000 issued 05-01          A discretionary 70 % → 2,800; B named 75 % → 3,000 (percent)
 *   E1    500 issued 05-01          A and B 350: not listed
 */
const btp: TestRule = {
  buyerOnly: true,
  when: (f) => f.sector === 'BTP',
  effect: { type: 'exclude', reason: 'excluded-sector', priority: 1, order: 0 },
};
const costA: CostTerms = {
  premium: { basis: 'insuredTurnover', rate: ratioFromNumber(0.3), minimum: 500000 },
  annualInsuredTurnover: 200000000,
  namedLimitRequestFee: 10000,
  monitoringFeePerBuyer: 5000,
  recoveryCommission: ratioFromNumber(10),
};
const costB: CostTerms = {
  premium: { basis: 'fixed', amount: 400000 },
  annualInsuredTurnover: null,
  namedLimitRequestFee: 8000,
  monitoringFeePerBuyer: 4000,
  recoveryCommission: ratioFromNumber(0),
};
const A: Policy = {
  ...policy(
    { named: 90, discretionary: 70, discretionaryLimit: 5000, carenceDays: 30 },
    [{ buyer: 'P1', amount: 20000, validFrom: '2027-01-01' }],
    [],
    { USD: 0.9 },
  ),
  cost: costA,
};
const B: Policy = {
  ...policy(
    { named: 75, discretionary: 70, discretionaryLimit: 2000, carenceDays: 60 },
    [
      { buyer: 'P1', amount: 20000, validFrom: '2027-01-01' },
      { buyer: 'N2', amount: 10000, validFrom: '2027-01-01' },
    ],
    [btp],
  ),
  cost: costB,
};
const ledger = invoiceLedger([
  { buyer: 'P1', date: '2027-05-01', due: '2027-06-30', open: 10000 },
  { buyer: 'C1', date: '2027-02-15', due: '2027-04-16', open: 1000 },
  { buyer: 'L1', date: '2027-05-01', due: '2027-06-30', open: 8000 },
  { buyer: 'S1', date: '2027-05-01', due: '2027-06-30', open: 1000, sector: 'BTP' },
  { buyer: 'U1', date: '2027-05-01', due: '2027-06-30', open: 1000, currency: 'USD' },
  { buyer: 'N2', date: '2027-05-01', due: '2027-06-30', open: 4000 },
  { buyer: 'E1', date: '2027-05-01', due: '2027-06-30', open: 500 },
]);
const asOf = day('2027-06-30');
const runs: PolicyRun[] = [
  { key: 'A', source: 'a.json', policy: A, evaluation: evaluate(ledger, A, { asOf }) },
  { key: 'B', source: 'b.json', policy: B, evaluation: evaluate(ledger, B, { asOf }) },
];

describe('comparePolicies', () => {
  const c = comparePolicies(runs);
  const buyer = (id: string) => c.buyers.find((b) => b.buyerId === id);
  const why = (id: string): Difference | null => buyer(id)?.differences[1] ?? null;

  test('side by side: the totals of each evaluation', () => {
    // A: open 10,000 + 1,000 + 8,000 + 1,000 + 900 + 4,000 + 500 = 25,400; B without U1: 24,500.
    // A covered 9,000 + 700 + 3,500 + 700 + 630 + 2,800 + 350 = 17,680; B 7,500 + 1,400 + 3,000 + 350 = 12,250.
    expect(c.policies.map((p) => [p.key, p.totals.open, p.totals.covered])).toEqual([
      ['A', 25400, 17680],
      ['B', 24500, 12250],
    ]);
    expect(c.excludedReasons).toEqual(['carence', 'rule:excluded-sector']);
    expect(c.policies[1].totals.excludedByReason).toEqual({ carence: 1000, 'rule:excluded-sector': 1000 });
    expect(c.policies.map((p) => p.buyersByLimitKind)).toEqual([
      { named: 1, discretionary: 6, none: 0 },
      { named: 2, discretionary: 4, none: 0 },
    ]);
  });

  test('annual cost: premium, then fees on the limit requests and the monitored buyers', () => {
    // A: 2,000,000 × 0.3 % = 6,000 ≥ 5,000; 1 request × 100; 1 monitored × 50 → 6,150.
    expect(c.policies[0].cost).toEqual({
      turnover: 2000000,
      premiumBeforeMinimum: 6000,
      minimumApplied: false,
      premium: 6000,
      namedLimitRequests: 1,
      limitRequestFees: 100,
      monitoredBuyers: 1,
      monitoringFees: 50,
      total: 6150,
    });
    // B: fixed 4,000; 2 requests × 80; 2 monitored × 40 → 4,240.
    expect(c.policies[1].cost?.total).toBe(4240);
    expect(c.policies.map((p) => p.recoveryCommissionPercent)).toEqual([10, 0]);
  });

  test('the client turnover prices every rate premium: 1,000,000 × 0.3 % = 3,000, below the 5,000 minimum', () => {
    const cost = comparePolicies(runs, { turnover: 100000000 }).policies[0].cost;
    expect(cost).toMatchObject({ turnover: 1000000, premiumBeforeMinimum: 3000, minimumApplied: true, premium: 5000 });
    expect(cost?.total).toBe(5150);
  });

  test('the buyers covered differently, largest gap first (E1 is covered the same)', () => {
    // Gaps: L1 2,100, P1 1,500, C1 700, S1 700 (ledger order), U1 630 (absent from B), N2 200.
    expect(c.buyers.map((b) => [b.buyerId, b.covered])).toEqual([
      ['L1', [3500, 1400]],
      ['P1', [9000, 7500]],
      ['C1', [700, 0]],
      ['S1', [700, 0]],
      ['U1', [630, null]],
      ['N2', [2800, 3000]],
    ]);
    expect(c.buyerCount).toBe(7);
    expect(c.buyers.every((b) => b.differences[0] === null)).toBe(true);
  });

  test('each difference is the first that explains it', () => {
    expect(why('P1')).toEqual({ kind: 'percent', a: 90, b: 75, kindA: 'named', kindB: 'named' });
    expect(why('C1')).toMatchObject({
      kind: 'excluded',
      reason: 'carence',
      in: 'b',
      otherReason: null,
      term: { term: 'carenceDays', a: 30, b: 60 },
    });
    expect(why('L1')).toEqual({ kind: 'limit', a: 5000, b: 2000, kindA: 'discretionary', kindB: 'discretionary' });
    expect(why('S1')).toMatchObject({ kind: 'excluded', reason: 'rule:excluded-sector', in: 'b', term: null });
    expect(why('U1')).toEqual({ kind: 'no-fx-rate', row: 6, currency: 'USD', in: 'b' });
    // N2's 4,000 is within both limits: the same amount is insured, the percentage differs with the kind of limit.
    expect(why('N2')).toEqual({ kind: 'percent', a: 70, b: 75, kindA: 'discretionary', kindB: 'named' });
  });

  test.each<[string, 'en' | 'fr', string]>([
    ['P1', 'en', 'indemnity 90 % vs 75 %'],
    ['P1', 'fr', 'quotité 90 % contre 75 %'],
    ['C1', 'en', 'carence 30 vs 60 days'],
    ['C1', 'fr', 'carence 30 contre 60 jours'],
    ['L1', 'en', 'limit 5,000 vs 2,000'],
    ['L1', 'fr', 'limite 5 000 contre 2 000'],
    ['S1', 'en', 'excluded by rule:excluded-sector in B'],
    ['S1', 'fr', 'exclu par rule:excluded-sector dans B'],
    ['U1', 'en', 'no exchange rate for USD in B'],
    ['N2', 'en', 'indemnity 70 % (discretionary limit) vs 75 % (named limit)'],
    ['N2', 'fr', 'quotité 70 % (limite discrétionnaire) contre 75 % (agrément)'],
  ])('%s in %s: "%s"', (id, lang, text) => {
    expect(differenceText(why(id) as Difference, 'A', 'B', lang)).toBe(text);
  });

  test('a higher limit that does not bind does not hide an exclusion', () => {
    // B' = A with a 60-day carence and a higher discretionary limit: C1 is excluded in B', whose limit
    // (8,000) is higher, not binding: the carence explains it.
    const B2: Policy = policy({ named: 90, discretionary: 70, discretionaryLimit: 8000, carenceDays: 60 }, [
      { buyer: 'P1', amount: 20000, validFrom: '2027-01-01' },
    ]);
    const c2 = comparePolicies([
      runs[0],
      { key: 'B', source: null, policy: B2, evaluation: evaluate(ledger, B2, { asOf }) },
    ]);
    expect(c2.buyers.find((b) => b.buyerId === 'C1')?.differences[1]).toMatchObject({
      kind: 'excluded',
      reason: 'carence',
    });
    // L1: 8,000 × 70 % = 5,600 vs 3,500 in A, whose lower limit binds: "limit 5,000 vs 8,000".
    expect(c2.buyers.find((b) => b.buyerId === 'L1')?.differences[1]).toMatchObject({
      kind: 'limit',
      a: 5000,
      b: 8000,
    });
  });

  test('refuses fewer than two policies, two currencies or two as-of dates', () => {
    expect(() => comparePolicies([runs[0]])).toThrow(CompareError);
    const usd = policy({ currency: 'USD' });
    const other: PolicyRun = { key: 'B', source: null, policy: usd, evaluation: evaluate(ledger, usd, { asOf }) };
    expect(() => comparePolicies([runs[0], other])).toThrow(/two currencies/);
    const later: PolicyRun = { ...runs[1], evaluation: evaluate(ledger, B, { asOf: asOf + 1 }) };
    expect(() => comparePolicies([runs[0], later])).toThrow(/as of 2027-07-01/);
  });
});

describe('comparisonReport on the sample rule files', () => {
  const root = path.resolve(__dirname, '../..');
  const load = (name: string): Policy => {
    const loaded = loadRuleFile(readFileSync(path.join(root, 'rules', name), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    return loaded.policy;
  };
  const fr = load('fr-pme-globale.json');
  const strict = load('strict.json');
  const report = comparisonReport(
    [fr, strict].map((p, i) => ({
      key: 'AB'[i],
      source: null,
      policy: p,
      evaluation: evaluate(ledger, p, { asOf }),
    })),
    DEFAULT_SCENARIOS,
  );

  test('the cost of each sample policy as of 2027-06-30, from its cost block', () => {
    // fr-pme-globale: 4,500,000 × 0.3 % = 13,500 (≥ 9,000); 8 SIRENs with a granted limit × 95 = 760;
    // 7 in force above 0 on 06-30 (523698744 cancelled on 04-15) × 60 = 420 → 14,680.
    expect(report.policies[0].cost).toMatchObject({
      premium: 13500,
      limitRequestFees: 760,
      monitoringFees: 420,
      total: 14680,
    });
    // strict: 4,500,000 × 0.2 % = 9,000 (≥ 7,500); 3 limits, all in force on 06-30: 3 × 120 + 3 × 75 → 9,585.
    expect(report.policies[1].cost).toMatchObject({
      premium: 9000,
      limitRequestFees: 360,
      monitoringFees: 225,
      total: 9585,
    });
    expect(report.policies.map((p) => p.recoveryCommissionPercent)).toEqual([10, 15]);
  });

  test('every policy gets every default scenario over 3 years', () => {
    expect(report.scenarios.scenarios.map((s) => s.name)).toEqual(['base', 'stressed']);
    expect(report.scenarios.policies.map((p) => p.outcomes.map((o) => o.horizons.length))).toEqual([
      [3, 3],
      [3, 3],
    ]);
    expect(report.scenarios.policies.map((p) => p.annualCost)).toEqual([14680, 9585]);
  });
});
