/**
 * What each policy is expected to cost and pay under named default scenarios, over 1 to 3 years:
 * the expected figures worked out exactly (one rounding per figure), and, when asked, a seeded
 * Monte Carlo of the same model (`monte-carlo.ts`) for the spread of the uninsured loss.
 *
 * Per policy and scenario, for one year (rules/README.md, section 17):
 * - expected loss = Σ over the buckets of exposure × default rate;
 * - expected indemnity = Σ over the buyers of p × claim if it defaulted (its covered part under the
 *   claims rules of step 9), then the annual aggregate deductible and the maximum liability applied
 *   to that expected total — an approximation: the deductible and the cap act on each year's actual
 *   claims, which only the Monte Carlo sees;
 * - expected recoveries = Σ p × eligible exposure × recovery rate; commission = recoveries × the
 *   policy's recovery commission;
 * - net = expected indemnity − annual cost − commission;
 * and every year of the horizon repeats the first (the ledger stands for the book all year).
 */
import {
  AGE_BUCKETS,
  applyPercent,
  ratioToNumber,
  unitsFromCents,
  type AgeBucket,
  type AnnualCostResult,
  type Cents,
  type Evaluation,
  type PolicyTerms,
  type Ratio,
  type ScenarioSet,
} from '../domain';
import { simulate, type SimulatedHorizon, type SimulatedPortfolio } from './monte-carlo';
import {
  defaultThreshold,
  defaultWeight,
  expectedLossOfBucket,
  portfolioRisk,
  timesProbability,
  type PortfolioRisk,
} from './risk';

export interface ScenarioPolicyInput {
  /** The policy's key in the comparison (A, B, C …). */
  key: string;
  terms: PolicyTerms;
  evaluation: Evaluation;
  /** The annual cost (`domain/cost`); without it the net figures are null. */
  cost: AnnualCostResult;
  /** The policy's commission on recovered amounts, percent (0 without a `cost` block). */
  recoveryCommission: Ratio;
  /** At bucket level, the labels of the ledger's *not due* buckets. */
  notDueBuckets?: ReadonlySet<string>;
}

export interface BucketOutcome {
  bucket: AgeBucket;
  exposure: number;
  covered: number;
  defaultRatePercent: number;
  expectedLoss: number;
}

/** Figures over a horizon; currency units; `cost` and `net` are null when the cost is unknown. */
export interface HorizonOutcome {
  years: number;
  expectedLoss: number;
  expectedIndemnity: number;
  expectedUninsuredLoss: number;
  cost: number | null;
  expectedRecoveryCommission: number;
  net: number | null;
  monteCarlo: SimulatedHorizon | null;
}

export interface ScenarioOutcome {
  scenario: string;
  buckets: BucketOutcome[];
  /** Σ p × claim before the annual aggregate deductible and the maximum liability. */
  expectedClaims: number;
  expectedRecoveries: number;
  horizons: HorizonOutcome[];
}

export interface PolicyScenarios {
  key: string;
  annualCost: number | null;
  outcomes: ScenarioOutcome[];
}

export interface ScenarioReport {
  years: number;
  scenarios: {
    name: string;
    description: string;
    defaultRatePercent: Record<AgeBucket, number>;
    recoveryPercent: number;
  }[];
  monteCarlo: { runs: number; seed: number } | null;
  policies: PolicyScenarios[];
}

interface Annual {
  buckets: BucketOutcome[];
  expectedLoss: Cents;
  expectedClaims: Cents;
  expectedIndemnity: Cents;
  expectedRecoveries: Cents;
  commission: Cents;
}

function annualExpectation(risk: PortfolioRisk, scenario: ScenarioSet['scenarios'][number], commission: Ratio): Annual {
  const exposure = AGE_BUCKETS.map(() => 0);
  const covered = AGE_BUCKETS.map(() => 0);
  let expectedClaims = 0;
  let expectedRecoveries = 0;
  for (const buyer of risk.buyers) {
    buyer.exposureByBucket.forEach((e, k) => (exposure[k] += e));
    buyer.coveredByBucket.forEach((c, k) => (covered[k] += c));
    const weight = defaultWeight(buyer, scenario);
    expectedClaims += timesProbability(weight, buyer.claimIfDefault);
    expectedRecoveries += applyPercent(timesProbability(weight, buyer.eligible), scenario.recovery);
  }
  const buckets = AGE_BUCKETS.map((bucket, k) => ({
    bucket,
    exposure: exposure[k],
    covered: covered[k],
    rate: scenario.defaultRates[k],
    expectedLoss: expectedLossOfBucket(exposure[k], scenario.defaultRates[k]),
  }));
  const afterDeductible = Math.max(0, expectedClaims - risk.annualAggregateDeductible);
  const expectedIndemnity = risk.maxLiability === null ? afterDeductible : Math.min(risk.maxLiability, afterDeductible);
  return {
    buckets: buckets.map((b) => ({
      bucket: b.bucket,
      exposure: unitsFromCents(b.exposure),
      covered: unitsFromCents(b.covered),
      defaultRatePercent: ratioToNumber(b.rate),
      expectedLoss: unitsFromCents(b.expectedLoss),
    })),
    expectedLoss: buckets.reduce((a, b) => a + b.expectedLoss, 0),
    expectedClaims,
    expectedIndemnity,
    expectedRecoveries,
    commission: applyPercent(expectedRecoveries, commission),
  };
}

/**
 * The scenario report of a comparison. `set.monteCarlo` null: expected figures only. The buyers of
 * every policy are simulated together, in the order they first appear (policy A's, then any that
 * only a later policy evaluated, e.g. rows another policy set aside for want of an exchange rate).
 */
export function scenarioReport(inputs: readonly ScenarioPolicyInput[], set: ScenarioSet): ScenarioReport {
  const risks = inputs.map((input) => portfolioRisk(input.evaluation, input.terms, input.notDueBuckets));
  const buyerIds: string[] = [];
  const seen = new Set<string>();
  for (const risk of risks)
    for (const b of risk.buyers)
      if (!seen.has(b.buyerId)) {
        seen.add(b.buyerId);
        buyerIds.push(b.buyerId);
      }

  const policies: PolicyScenarios[] = inputs.map((input) => ({
    key: input.key,
    annualCost: input.cost.ok ? unitsFromCents(input.cost.cost.total) : null,
    outcomes: [],
  }));

  for (const scenario of set.scenarios) {
    const simulated = set.monteCarlo === null ? null : simulateScenario(risks, buyerIds, scenario, set);
    inputs.forEach((input, p) => {
      const annual = annualExpectation(risks[p], scenario, input.recoveryCommission);
      const cost = input.cost.ok ? input.cost.cost.total : null;
      const horizons: HorizonOutcome[] = [];
      for (let years = 1; years <= set.years; years++) {
        const indemnity = annual.expectedIndemnity * years;
        const commission = annual.commission * years;
        horizons.push({
          years,
          expectedLoss: unitsFromCents(annual.expectedLoss * years),
          expectedIndemnity: unitsFromCents(indemnity),
          expectedUninsuredLoss: unitsFromCents((annual.expectedLoss - annual.expectedIndemnity) * years),
          cost: cost === null ? null : unitsFromCents(cost * years),
          expectedRecoveryCommission: unitsFromCents(commission),
          net: cost === null ? null : unitsFromCents(indemnity - cost * years - commission),
          monteCarlo: simulated === null ? null : simulated[p][years - 1],
        });
      }
      policies[p].outcomes.push({
        scenario: scenario.name,
        buckets: annual.buckets,
        expectedClaims: unitsFromCents(annual.expectedClaims),
        expectedRecoveries: unitsFromCents(annual.expectedRecoveries),
        horizons,
      });
    });
  }

  return {
    years: set.years,
    scenarios: set.scenarios.map((s) => ({
      name: s.name,
      description: s.description,
      defaultRatePercent: Object.fromEntries(
        AGE_BUCKETS.map((b, k) => [b, ratioToNumber(s.defaultRates[k])]),
      ) as Record<AgeBucket, number>,
      recoveryPercent: ratioToNumber(s.recovery),
    })),
    monteCarlo: set.monteCarlo,
    policies,
  };
}

function simulateScenario(
  risks: readonly PortfolioRisk[],
  buyerIds: readonly string[],
  scenario: ScenarioSet['scenarios'][number],
  set: ScenarioSet,
): SimulatedHorizon[][] {
  const portfolios: SimulatedPortfolio[] = risks.map((risk) => {
    const byId = new Map(risk.buyers.map((b) => [b.buyerId, b]));
    const thresholds: number[] = [];
    const exposures: number[] = [];
    const claims: number[] = [];
    for (const id of buyerIds) {
      const buyer = byId.get(id);
      thresholds.push(buyer ? defaultThreshold(defaultWeight(buyer, scenario)) : 0);
      exposures.push(buyer ? buyer.exposure : 0);
      claims.push(buyer ? buyer.claimIfDefault : 0);
    }
    return {
      thresholds,
      exposures,
      claims,
      annualAggregateDeductible: risk.annualAggregateDeductible,
      maxLiability: risk.maxLiability,
    };
  });
  const { runs, seed } = set.monteCarlo as { runs: number; seed: number };
  return simulate(portfolios, { runs, seed, years: set.years });
}
