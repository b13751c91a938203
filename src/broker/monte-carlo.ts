/**
 * The seeded Monte Carlo of the default scenarios: in each run and each year, every buyer defaults
 * or not (one Bernoulli draw with its bucket-weighted probability, `risk.ts`); the year's claims
 * then go through the annual aggregate deductible and the maximum liability exactly as step 9 says,
 * which the expected figures can only approximate.
 *
 * Every policy of a comparison sees the same draws (common random numbers): run r, year y, buyer i
 * use the same uniform number whatever the policy, so a difference between two policies is theirs,
 * not the dice's. Same seed, same buyers, same result, to the cent.
 */
import { mulDivRoundBig, unitsFromCents, type Cents } from '../domain';
import { mulberry32 } from './prng';

/** One policy's portfolio under one scenario, aligned on the comparison's list of buyers. */
export interface SimulatedPortfolio {
  /** Per buyer: default when a draw in [0, 2^32) is below it (0: never). */
  thresholds: readonly number[];
  /** Per buyer: what is lost when it defaults. */
  exposures: readonly Cents[];
  /** Per buyer: the claim the policy pays when it defaults. */
  claims: readonly Cents[];
  annualAggregateDeductible: Cents;
  maxLiability: Cents | null;
}

/** Over a horizon of 1, 2 or 3 years: the sums of the years, averaged over the runs. Currency units. */
export interface SimulatedHorizon {
  years: number;
  meanLoss: number;
  meanIndemnity: number;
  meanUninsuredLoss: number;
  /** Nearest-rank 95th percentile of the uninsured loss: 95 % of the runs lose no more. */
  p95UninsuredLoss: number;
}

export interface SimulationSettings {
  runs: number;
  seed: number;
  years: number;
}

/** Results per portfolio, then per horizon (1 … years). */
export function simulate(
  portfolios: readonly SimulatedPortfolio[],
  settings: SimulationSettings,
): SimulatedHorizon[][] {
  const { runs, seed, years } = settings;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a whole number ≥ 1, got ${runs}`);
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`years must be a whole number ≥ 1, got ${years}`);
  const buyerCount = portfolios.length === 0 ? 0 : portfolios[0].thresholds.length;
  for (const p of portfolios) {
    if (p.thresholds.length !== buyerCount || p.exposures.length !== buyerCount || p.claims.length !== buyerCount)
      throw new RangeError('every portfolio must list the same buyers');
  }
  const prng = mulberry32(seed);
  const P = portfolios.length;
  // uninsured[p][h][run], in cents (whole numbers: exact in a double far beyond any ledger).
  const uninsured = portfolios.map(() => Array.from({ length: years }, () => new Float64Array(runs)));
  const sums = portfolios.map(() => Array.from({ length: years }, () => ({ loss: 0n, indemnity: 0n, uninsured: 0n })));
  const loss = new Array<number>(P);
  const claims = new Array<number>(P);
  const cumLoss = new Array<number>(P);
  const cumIndemnity = new Array<number>(P);

  for (let run = 0; run < runs; run++) {
    cumLoss.fill(0);
    cumIndemnity.fill(0);
    for (let year = 0; year < years; year++) {
      loss.fill(0);
      claims.fill(0);
      for (let i = 0; i < buyerCount; i++) {
        const u = prng.next();
        for (let p = 0; p < P; p++) {
          if (u < portfolios[p].thresholds[i]) {
            loss[p] += portfolios[p].exposures[i];
            claims[p] += portfolios[p].claims[i];
          }
        }
      }
      for (let p = 0; p < P; p++) {
        const { annualAggregateDeductible, maxLiability } = portfolios[p];
        const afterDeductible = Math.max(0, claims[p] - annualAggregateDeductible);
        const indemnity = maxLiability === null ? afterDeductible : Math.min(maxLiability, afterDeductible);
        cumLoss[p] += loss[p];
        cumIndemnity[p] += indemnity;
        const s = sums[p][year];
        s.loss += BigInt(cumLoss[p]);
        s.indemnity += BigInt(cumIndemnity[p]);
        s.uninsured += BigInt(cumLoss[p] - cumIndemnity[p]);
        uninsured[p][year][run] = cumLoss[p] - cumIndemnity[p];
      }
    }
  }

  const rank = Math.ceil(0.95 * runs) - 1;
  const mean = (sum: bigint): number => unitsFromCents(Number(mulDivRoundBig(sum, 1n, BigInt(runs))));
  return portfolios.map((_, p) =>
    sums[p].map((s, h) => ({
      years: h + 1,
      meanLoss: mean(s.loss),
      meanIndemnity: mean(s.indemnity),
      meanUninsuredLoss: mean(s.uninsured),
      p95UninsuredLoss: unitsFromCents(uninsured[p][h].sort()[rank]),
    })),
  );
}
