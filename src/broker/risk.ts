/**
 * A portfolio as the default scenarios see it: per buyer, what it owes by age bucket, what the
 * policy would pay if it defaulted, and its default probability under a scenario.
 *
 * The model (rules/README.md, section 17): a buyer defaults as a whole, within the year, with the
 * probability p = Σ exposure(bucket) × rate(bucket) / exposure, the bucket rates weighted by what it
 * owes in each bucket. When it defaults, everything it owes is lost (every invoice falls due) and
 * the policy pays the claim of step 9 on the insured part of all its eligible invoices: insured ×
 * percent, nothing below the minimum claim, less the excess per claim.
 */
import {
  ageBucketIndex,
  AGE_BUCKETS,
  buyerClaim,
  mulDivRound,
  mulDivRoundBig,
  ratioFromNumber,
  type Cents,
  type DefaultScenario,
  type Evaluation,
  type PolicyTerms,
  type Ratio,
} from '../domain';
import { UINT32_RANGE } from './prng';

export interface BuyerRisk {
  buyerId: string;
  /** What the buyer owes (its positive open amounts after credits, VAT included), per `AGE_BUCKETS` entry. */
  exposureByBucket: Cents[];
  exposure: Cents;
  /** Covered amounts (insured × percent) per age bucket. */
  coveredByBucket: Cents[];
  /** Insured part of its eligible lines, the claim's base if it defaulted. */
  insured: Cents;
  /** Insurable amount of its eligible lines: what the insurer pursues after a default. */
  eligible: Cents;
  /** What the policy pays if the buyer defaults (step 9 on `insured`). */
  claimIfDefault: Cents;
}

export interface PortfolioRisk {
  buyers: BuyerRisk[];
  annualAggregateDeductible: Cents;
  maxLiability: Cents | null;
}

const cents = (units: number): Cents => Math.round(units * 100);

/**
 * At bucket level, whether a line is in a *not due* bucket: the evaluation gives the bucket's label
 * and lower edge, and an overdue `0-30` has the lower edge 0 too. The ledger knows (`BucketDef.notDue`);
 * without it, a bucket at 0 days whose label has no digit (`Non échu`, `Not due`, `Current`) is taken as not due.
 */
function isNotDue(line: { bucket: string | null; daysOverdue: number }, notDueBuckets?: ReadonlySet<string>): boolean {
  if (line.bucket === null) return line.daysOverdue <= 0;
  if (notDueBuckets !== undefined) return notDueBuckets.has(line.bucket);
  return line.daysOverdue <= 0 && !/\d/.test(line.bucket);
}

/**
 * The buyers of an evaluation by age bucket. At bucket level `notDueBuckets` names the ledger's
 * *not due* buckets (see `isNotDue`); at invoice level a line is not due when it is 0 days overdue.
 */
export function portfolioRisk(
  evaluation: Evaluation,
  terms: PolicyTerms,
  notDueBuckets?: ReadonlySet<string>,
): PortfolioRisk {
  const byBuyer = new Map<string, { exposure: Cents[]; covered: Cents[] }>();
  for (const line of evaluation.invoices) {
    let sums = byBuyer.get(line.buyerId);
    if (!sums) {
      sums = { exposure: AGE_BUCKETS.map(() => 0), covered: AGE_BUCKETS.map(() => 0) };
      byBuyer.set(line.buyerId, sums);
    }
    const k = ageBucketIndex(line.daysOverdue, isNotDue(line, notDueBuckets));
    // A line left negative by credits means the buyer's other lines are at 0: it owes nothing there.
    sums.exposure[k] += Math.max(0, cents(line.open));
    sums.covered[k] += cents(line.covered);
  }
  const buyers = evaluation.buyers.map((b): BuyerRisk => {
    const sums = byBuyer.get(b.buyerId) ?? { exposure: AGE_BUCKETS.map(() => 0), covered: AGE_BUCKETS.map(() => 0) };
    const insured = cents(b.insured);
    return {
      buyerId: b.buyerId,
      exposureByBucket: sums.exposure,
      exposure: sums.exposure.reduce((a, c) => a + c, 0),
      coveredByBucket: sums.covered,
      insured,
      eligible: cents(b.eligible),
      claimIfDefault: buyerClaim(terms, insured, ratioFromNumber(b.indemnityPercent)).claim,
    };
  });
  return { buyers, annualAggregateDeductible: terms.annualAggregateDeductible, maxLiability: terms.maxLiability };
}

/**
 * A buyer's default probability as an exact fraction `weighted / (exposure × scale)`: `weighted`
 * is Σ exposure(bucket) × rate(bucket) with every percent brought to the one denominator `scale`.
 */
export interface DefaultWeight {
  weighted: bigint;
  /** exposure × scale: p = weighted / denominator (0 when the buyer owes nothing). */
  denominator: bigint;
}

/** 100 × the largest denominator of the scenario's rates (they are powers of 10). */
function rateScale(rates: readonly Ratio[]): bigint {
  return 100n * BigInt(Math.max(...rates.map((r) => r.den)));
}

export function defaultWeight(buyer: BuyerRisk, scenario: DefaultScenario): DefaultWeight {
  const scale = rateScale(scenario.defaultRates);
  let weighted = 0n;
  buyer.exposureByBucket.forEach((e, k) => {
    const rate = scenario.defaultRates[k];
    // rate.num / (100 × rate.den) = rate.num × (scale / (100 × rate.den)) / scale
    weighted += BigInt(e) * BigInt(rate.num) * (scale / (100n * BigInt(rate.den)));
  });
  return { weighted, denominator: BigInt(buyer.exposure) * scale };
}

/** p × amount, rounded half up to the cent; 0 for a buyer that owes nothing. */
export function timesProbability(weight: DefaultWeight, amount: Cents): Cents {
  if (weight.denominator === 0n) return 0;
  return Number(mulDivRoundBig(weight.weighted, BigInt(amount), weight.denominator));
}

/** The Monte Carlo's integer threshold: a uniform draw u in [0, 2^32) means default when u < threshold. */
export function defaultThreshold(weight: DefaultWeight): number {
  if (weight.denominator === 0n) return 0;
  return Number((weight.weighted * BigInt(UINT32_RANGE)) / weight.denominator);
}

/** round(amount × percent / 100) on a bucket total. */
export function expectedLossOfBucket(exposure: Cents, rate: Ratio): Cents {
  return mulDivRound(exposure, rate.num, rate.den * 100);
}
