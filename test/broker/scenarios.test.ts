/**
 * Default scenarios: the expected figures worked out by hand, and the seeded Monte Carlo (exact
 * reproducibility, statistical sanity against the exact expectation of the same model).
 */
import {
  defaultThreshold,
  defaultWeight,
  mulberry32,
  portfolioRisk,
  scenarioReport,
  simulate,
  type ScenarioPolicyInput,
} from '../../src/broker';
import {
  annualCost,
  ageBucketIndex,
  evaluate,
  ratioFromNumber,
  type DefaultScenario,
  type ScenarioSet,
} from '../../src/domain';
import { bucketLedger, day, invoiceLedger, policy } from '../helpers/build';

/*
 * The portfolio, as of 2027-06-30. Policy: named 90 %, discretionary 70 %, discretionary limit
 * 5,000, minimum claim 1,000, excess 200 per claim, no VAT. B1 has a named limit of 10,000.
 *
 * B1  F1 issued 02-01, due 03-03: 119 days overdue → 91-120, open 4,000
 *     F2 issued 05-01, due 05-31: 30 days overdue  → 1-30,   open 6,000
 *     F3 issued 06-15, due 07-15: not due          → notDue, open 2,000
 *     The limit is used up in invoice-date order: F1 4,000 + F2 6,000 = 10,000; F3 over the limit.
 *     insured 10,000, covered 9,000; claim if it defaulted = 10,000 × 90 % − 200 = 8,800.
 * B2  G1 issued 04-16, due 05-16: 45 days overdue → 31-60, open 800, discretionary 70 %.
 *     insured 800 < minimum claim 1,000 → claim if it defaulted = 0.
 * B3  H1 issued 06-01, due 07-01: not due, open 3,000; H2 credit note −500 applied to H1 → 2,500.
 *     insured 2,500, claim if it defaulted = 2,500 × 70 % − 200 = 1,550.
 */
const terms = {
  named: 90,
  discretionary: 70,
  discretionaryLimit: 5000,
  minimumClaim: 1000,
  excessPerClaim: 200,
};
const ledger = invoiceLedger([
  { buyer: 'B1', no: 'F1', date: '2027-02-01', due: '2027-03-03', open: 4000 },
  { buyer: 'B1', no: 'F2', date: '2027-05-01', due: '2027-05-31', open: 6000 },
  { buyer: 'B1', no: 'F3', date: '2027-06-15', due: '2027-07-15', open: 2000 },
  { buyer: 'B2', no: 'G1', date: '2027-04-16', due: '2027-05-16', open: 800 },
  { buyer: 'B3', no: 'H1', date: '2027-06-01', due: '2027-07-01', open: 3000 },
  { buyer: 'B3', no: 'H2', date: '2027-06-10', due: '2027-06-10', open: -500 },
]);
const AS_OF = day('2027-06-30');

function run(extra: Parameters<typeof policy>[0] = {}) {
  const p = policy({ ...terms, ...extra }, [{ buyer: 'B1', amount: 10000, validFrom: '2027-01-01' }]);
  p.cost = {
    premium: { basis: 'fixed', amount: 60000 },
    annualInsuredTurnover: null,
    namedLimitRequestFee: 5000,
    monitoringFeePerBuyer: 2000,
    recoveryCommission: ratioFromNumber(10),
  };
  return { p, evaluation: evaluate(ledger, p, { asOf: AS_OF }) };
}

/** Rates notDue 1 %, 1-30 2 %, 31-60 5 %, 61-90 10 %, 91-120 20 %, over 120 40 %; recovery 25 %. */
const scenario: DefaultScenario = {
  name: 'test',
  description: '',
  defaultRates: [1, 2, 5, 10, 20, 40].map(ratioFromNumber),
  recovery: ratioFromNumber(25),
};

function input(extra: Parameters<typeof policy>[0] = {}): ScenarioPolicyInput {
  const { p, evaluation } = run(extra);
  return {
    key: 'A',
    terms: p.terms,
    evaluation,
    // Premium 600 + 1 named-limit request × 50 + 1 monitored buyer × 20 = 670.
    cost: annualCost(p.cost, { namedLimitRequests: 1, monitoredBuyers: 1 }),
    recoveryCommission: ratioFromNumber(10),
  };
}

const set = (extra: Partial<ScenarioSet> = {}): ScenarioSet => ({
  scenarios: [scenario],
  years: 3,
  monteCarlo: null,
  ...extra,
});

describe('ageBucketIndex', () => {
  test.each([
    [0, true, 0],
    [0, false, 1], // a bucket-level 0-30 is overdue
    [1, false, 1],
    [30, false, 1],
    [31, false, 2],
    [60, false, 2],
    [61, false, 3],
    [90, false, 3],
    [91, false, 4],
    [120, false, 4],
    [121, false, 5],
    [900, false, 5],
  ])('%i days overdue (not due: %s) → bucket %i', (days, notDue, index) => {
    expect(ageBucketIndex(days, notDue)).toBe(index);
  });
});

describe('portfolioRisk', () => {
  const { p, evaluation } = run();
  const risk = portfolioRisk(evaluation, p.terms);
  const [b1, b2, b3] = risk.buyers;

  test('exposure by age bucket, in cents, credits netted', () => {
    expect(b1.exposureByBucket).toEqual([200000, 600000, 0, 0, 400000, 0]);
    expect(b2.exposureByBucket).toEqual([0, 0, 80000, 0, 0, 0]);
    // H1 2,500 after the credit; the used-up credit note H2 (20 days overdue) adds nothing.
    expect(b3.exposureByBucket).toEqual([250000, 0, 0, 0, 0, 0]);
    expect(b1.coveredByBucket).toEqual([0, 540000, 0, 0, 360000, 0]);
  });

  test('the claim each buyer would give rise to, step 9 on all its insured invoices', () => {
    expect([b1.claimIfDefault, b2.claimIfDefault, b3.claimIfDefault]).toEqual([880000, 0, 155000]);
    expect([b1.eligible, b2.eligible, b3.eligible]).toEqual([1200000, 80000, 250000]);
  });

  test('default probability: bucket rates weighted by exposure, exactly', () => {
    // B1: (2,000 × 1 % + 6,000 × 2 % + 4,000 × 20 %) / 12,000 = 940 / 12,000.
    const w = defaultWeight(b1, scenario);
    expect(Number(w.weighted) / Number(w.denominator)).toBeCloseTo(940 / 12000, 15);
    // Threshold = floor(2^32 × 940 / 12,000) = floor(4,294,967,296 × 0.078333…) = floor(336,439,104.85…).
    expect(defaultThreshold(w)).toBe(336439104);
  });

  test('bucket level: the ledger says which bucket is not due; without it, a label without digits', () => {
    const buckets = [
      { label: 'Non échu', notDue: true, from: 0, to: 0 },
      { label: '0-30', notDue: false, from: 0, to: 30 },
      { label: '> 120', notDue: false, from: 121, to: null },
    ];
    const l = bucketLedger(buckets, [{ buyer: 'C1', amounts: [100, 200, 300] }]);
    const q = policy({ discretionaryLimit: 10000 });
    const e = evaluate(l, q, { asOf: AS_OF });
    expect(portfolioRisk(e, q.terms, new Set(['Non échu'])).buyers[0].exposureByBucket).toEqual([
      10000, 20000, 0, 0, 0, 30000,
    ]);
    expect(portfolioRisk(e, q.terms).buyers[0].exposureByBucket).toEqual([10000, 20000, 0, 0, 0, 30000]);
  });
});

describe('scenarioReport: the expected figures', () => {
  const report = scenarioReport([input()], set());
  const [outcome] = report.policies[0].outcomes;

  test('expected loss per bucket = exposure × rate', () => {
    expect(outcome.buckets.map((b) => [b.bucket, b.exposure, b.defaultRatePercent, b.expectedLoss])).toEqual([
      ['notDue', 4500, 1, 45], // (2,000 + 2,500) × 1 %
      ['1-30', 6000, 2, 120],
      ['31-60', 800, 5, 40],
      ['61-90', 0, 10, 0],
      ['91-120', 4000, 20, 800],
      ['over120', 0, 40, 0],
    ]);
  });

  test('indemnity, recoveries, commission, cost and net for one year', () => {
    // Claims: B1 940/12,000 × 8,800 = 689.333… → 689.33; B2 5 % × 0 = 0; B3 1 % × 1,550 = 15.50.
    expect(outcome.expectedClaims).toBe(704.83);
    // Recoveries: 25 % of p × eligible: B1 940 × 25 % = 235; B2 40 × 25 % = 10; B3 25 × 25 % = 6.25.
    expect(outcome.expectedRecoveries).toBe(251.25);
    expect(outcome.horizons[0]).toEqual({
      years: 1,
      expectedLoss: 1005, // 45 + 120 + 40 + 800
      expectedIndemnity: 704.83, // no deductible, no cap
      expectedUninsuredLoss: 300.17, // 1,005 − 704.83
      cost: 670,
      expectedRecoveryCommission: 25.13, // 10 % × 251.25 = 25.125, half up
      net: 9.7, // 704.83 − 670 − 25.13
      monteCarlo: null,
    });
    expect(report.policies[0].annualCost).toBe(670);
  });

  test('every year of the horizon repeats the first', () => {
    expect(
      outcome.horizons.map((h) => [h.years, h.expectedIndemnity, h.cost, h.expectedRecoveryCommission, h.net]),
    ).toEqual([
      [1, 704.83, 670, 25.13, 9.7],
      [2, 1409.66, 1340, 50.26, 19.4],
      [3, 2114.49, 2010, 75.39, 29.1],
    ]);
  });

  test('the annual aggregate deductible and the maximum liability act on the expected total', () => {
    const deducted = scenarioReport([input({ annualAggregateDeductible: 500 })], set()).policies[0].outcomes[0];
    expect(deducted.horizons[0].expectedIndemnity).toBe(204.83); // 704.83 − 500
    const capped = scenarioReport([input({ maxLiability: 150 })], set()).policies[0].outcomes[0];
    expect(capped.horizons[0].expectedIndemnity).toBe(150);
    expect(capped.horizons[1].expectedIndemnity).toBe(300);
  });

  test('without cost terms, net and cost are null and the rest stands', () => {
    const noCost = { ...input(), cost: annualCost(null, { namedLimitRequests: 0, monitoredBuyers: 0 }) };
    const h = scenarioReport([noCost], set()).policies[0].outcomes[0].horizons[0];
    expect(h).toMatchObject({ cost: null, net: null, expectedIndemnity: 704.83 });
  });
});

describe('the seeded Monte Carlo', () => {
  const RUNS = 20000;
  const mc = (seed: number, extra: Parameters<typeof policy>[0] = {}) =>
    scenarioReport([input(extra)], set({ monteCarlo: { runs: RUNS, seed } })).policies[0].outcomes[0].horizons;

  test('the same seed gives the same result, to the cent; another seed another', () => {
    const a = mc(42);
    expect(mc(42)).toEqual(a);
    expect(mc(43).map((h) => h.monteCarlo)).not.toEqual(a.map((h) => h.monteCarlo));
  });

  test('seed 42: the figures this implementation draws (a change here changes every user result)', () => {
    // Close to the exact expectations (loss 1,005, indemnity 704.83, uninsured 300.17), as the next test checks.
    expect(mc(42)[0].monteCarlo).toEqual({
      years: 1,
      meanLoss: 1022.7,
      meanIndemnity: 718.31,
      meanUninsuredLoss: 304.38,
      p95UninsuredLoss: 3200,
    });
  });

  test('its mean matches the exact expectation of the model within 4 standard errors', () => {
    // E[uninsured per year] = Σ p × (exposure − claim)
    //   = 940/12,000 × (12,000 − 8,800) + 5 % × 800 + 1 % × (2,500 − 1,550) = 250.67 + 40 + 9.50 = 300.17.
    // Var = Σ p(1 − p)(exposure − claim)² = 739,300 + 30,400 + 8,935 ≈ 778,635: sd ≈ 882, SE ≈ 882/√20,000 ≈ 6.24.
    const [one, , three] = mc(7);
    expect(Math.abs((one.monteCarlo?.meanUninsuredLoss ?? 0) - 300.17)).toBeLessThan(4 * 6.24);
    expect(Math.abs((three.monteCarlo?.meanUninsuredLoss ?? 0) - 3 * 300.17)).toBeLessThan(4 * 6.24 * Math.sqrt(3));
    // Loss = uninsured + indemnity in every run, so in the means too (to a cent of rounding).
    const m = one.monteCarlo as NonNullable<typeof one.monteCarlo>;
    expect(Math.abs(m.meanLoss - m.meanUninsuredLoss - m.meanIndemnity)).toBeLessThanOrEqual(0.01);
    // Var(loss) = 0.0722 × 12,000² + 0.0475 × 800² + 0.0099 × 2,500² ≈ 10,489,000: sd ≈ 3,239, SE ≈ 22.9.
    expect(Math.abs(m.meanLoss - 1005)).toBeLessThan(4 * 22.9);
  });

  test('95th percentile: B1 alone defaulting (uninsured 12,000 − 8,800 = 3,200) spans the 92nd to 99th percentiles', () => {
    // P(nobody) ≈ 0.8668, + B2 alone (800) → 0.9124, + B3 alone (950) → 0.9212, + B2 and B3 (1,750) → 0.9217,
    // + B1 alone (3,200) → 0.9954: the 95th percentile is 3,200 whatever the seed, at this many runs.
    expect(mc(1)[0].monteCarlo?.p95UninsuredLoss).toBe(3200);
    expect(mc(99)[0].monteCarlo?.p95UninsuredLoss).toBe(3200);
  });

  test('the aggregate deductible is applied to each year of each run: the mean uninsured loss grows', () => {
    // With a 500 deductible, each year's claims lose up to 500: more uninsured than without.
    const plain = mc(5)[0].monteCarlo?.meanUninsuredLoss ?? 0;
    const deducted = mc(5, { annualAggregateDeductible: 500 })[0].monteCarlo?.meanUninsuredLoss ?? 0;
    expect(deducted).toBeGreaterThan(plain);
    // Same draws (same seed): the gap is exactly the deductible's bite, ≤ 500 × P(some claim).
    expect(deducted - plain).toBeLessThanOrEqual(500);
  });
});

describe('simulate', () => {
  test('a buyer with threshold 2^32 always defaults, 0 never; common draws across portfolios', () => {
    const always = {
      thresholds: [4294967296],
      exposures: [1000],
      claims: [600],
      annualAggregateDeductible: 0,
      maxLiability: null,
    };
    const never = { ...always, thresholds: [0] };
    const [a, n] = simulate([always, never], { runs: 10, seed: 3, years: 2 });
    expect(a[0]).toEqual({ years: 1, meanLoss: 10, meanIndemnity: 6, meanUninsuredLoss: 4, p95UninsuredLoss: 4 });
    expect(a[1]).toEqual({ years: 2, meanLoss: 20, meanIndemnity: 12, meanUninsuredLoss: 8, p95UninsuredLoss: 8 });
    expect(n[1]).toEqual({ years: 2, meanLoss: 0, meanIndemnity: 0, meanUninsuredLoss: 0, p95UninsuredLoss: 0 });
  });

  test('rejects portfolios of different buyers and bad settings', () => {
    const p = { thresholds: [1], exposures: [1], claims: [1], annualAggregateDeductible: 0, maxLiability: null };
    expect(() => simulate([p, { ...p, thresholds: [1, 2] }], { runs: 1, seed: 1, years: 1 })).toThrow(/same buyers/);
    expect(() => simulate([p], { runs: 0, seed: 1, years: 1 })).toThrow(RangeError);
  });
});

describe('mulberry32', () => {
  // Reference values from an independent implementation of the published algorithm (Python, 32-bit masks).
  test.each([
    [0, [1144304738, 1416247, 958946056, 627933444, 2007157716]],
    [1, [2693262067, 11749833, 2265367787, 4213581821, 4159151403]],
    [42, [2581720956, 1925393290, 3661312704, 2876485805, 750819978]],
    [4294967295, [3850105811, 813802916, 3073704848, 4054706436, 3630262831]],
  ])('seed %i', (seed, values) => {
    const g = mulberry32(seed);
    expect(values.map(() => g.next())).toEqual(values);
  });

  test('the well-known first draw for seed 1 is 0.6270739405881613 of 2^32', () => {
    expect(mulberry32(1).next() / 2 ** 32).toBe(0.6270739405881613);
  });

  test('refuses a seed that is not a 32-bit unsigned integer', () => {
    for (const seed of [-1, 1.5, 2 ** 32, NaN]) expect(() => mulberry32(seed)).toThrow(RangeError);
  });
});
