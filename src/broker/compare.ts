/**
 * One ledger, several policies, side by side: the totals of each evaluation, what each policy
 * costs a year, and the buyers whose covered amount differs, each with the first difference that
 * explains it (`difference.ts`). Plain data, the same for the command line and the task pane.
 */
import {
  annualCost,
  costCounts,
  parseIsoDay,
  unitsFromCents,
  type AnnualCost,
  type AnnualCostResult,
  type Cents,
  type Evaluation,
  type LimitKind,
  type Policy,
  type Totals,
} from '../domain';
import { explainDifference, type Difference } from './difference';

/** One policy applied to the ledger. */
export interface PolicyRun {
  /** Short key of the policy in tables and explanations: A, B, C … */
  key: string;
  /** Where the rule file came from (a path, a workbook setting …), for the reader; null when unknown. */
  source: string | null;
  policy: Policy;
  evaluation: Evaluation;
}

export interface CompareOptions {
  /** The client's annual insured turnover, in cents; prices every rate premium (overrides the files'). */
  turnover?: Cents | null;
}

/** The annual cost in currency units. */
export interface AnnualCostUnits {
  turnover: number | null;
  premiumBeforeMinimum: number;
  minimumApplied: boolean;
  premium: number;
  namedLimitRequests: number;
  limitRequestFees: number;
  monitoredBuyers: number;
  monitoringFees: number;
  total: number;
}

export interface ComparedPolicy {
  key: string;
  source: string | null;
  id: string;
  name: string;
  insurer: string;
  version: string;
  hash: string;
  totals: Totals;
  /** Buyers by kind of limit under this policy. */
  buyersByLimitKind: Record<LimitKind, number>;
  cost: AnnualCostUnits | null;
  /** Why `cost` is null: `no-cost-terms` (no `cost` block) or `no-turnover` (a rate and no turnover). */
  costProblem: 'no-cost-terms' | 'no-turnover' | null;
  /** Commission on recovered amounts, percent (0 without a `cost` block). */
  recoveryCommissionPercent: number;
}

export interface BuyerComparison {
  buyerId: string;
  buyerName: string | null;
  /** Open amount under the first policy (the same ledger: it differs only for rows set aside). */
  open: number;
  /** Aligned with `Comparison.policies`; null where the policy set every row of the buyer aside. */
  covered: (number | null)[];
  uninsured: (number | null)[];
  limit: (number | null)[];
  limitKind: (LimitKind | null)[];
  indemnityPercent: (number | null)[];
  /** Against the first policy: null for the first policy and for every policy covering the same amount. */
  differences: (Difference | null)[];
}

export interface Comparison {
  format: 'credit-cover/comparison@1';
  asOf: string;
  level: 'invoice' | 'bucket';
  currency: string;
  policies: ComparedPolicy[];
  /** Every first exclusion reason of any policy, sorted: the rows of the "excluded by reason" block. */
  excludedReasons: string[];
  /** Buyers of the ledger (under any policy). */
  buyerCount: number;
  /** The buyers whose covered amount is not the same under every policy, largest gap first. */
  buyers: BuyerComparison[];
}

export class CompareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompareError';
  }
}

function costUnits(c: AnnualCost): AnnualCostUnits {
  return {
    turnover: c.turnover === null ? null : unitsFromCents(c.turnover),
    premiumBeforeMinimum: unitsFromCents(c.premiumBeforeMinimum),
    minimumApplied: c.minimumApplied,
    premium: unitsFromCents(c.premium),
    namedLimitRequests: c.namedLimitRequests,
    limitRequestFees: unitsFromCents(c.limitRequestFees),
    monitoredBuyers: c.monitoredBuyers,
    monitoringFees: unitsFromCents(c.monitoringFees),
    total: unitsFromCents(c.total),
  };
}

/** The annual cost of a run's policy at the evaluation's as-of date. */
export function runCost(run: PolicyRun, options: CompareOptions = {}): AnnualCostResult {
  const asOf = parseIsoDay(run.evaluation.asOf) as number;
  return annualCost(run.policy.cost, costCounts(run.policy.limits, asOf), options.turnover ?? null);
}

/** Compares evaluations of one ledger at one as-of date under several policies of one currency. */
export function comparePolicies(runs: readonly PolicyRun[], options: CompareOptions = {}): Comparison {
  if (runs.length < 2) throw new CompareError('a comparison needs at least two policies');
  const [first] = runs;
  for (const run of runs) {
    if (run.evaluation.asOf !== first.evaluation.asOf)
      throw new CompareError(
        `policy ${run.key} was evaluated as of ${run.evaluation.asOf}, not ${first.evaluation.asOf}`,
      );
    if (run.evaluation.policy.currency !== first.evaluation.policy.currency)
      throw new CompareError(
        `policy ${run.key} is in ${run.evaluation.policy.currency} and policy ${first.key} in ${first.evaluation.policy.currency}: ` +
          'amounts in two currencies cannot be compared side by side',
      );
  }

  const policies = runs.map((run): ComparedPolicy => {
    const cost = runCost(run, options);
    const kinds: Record<LimitKind, number> = { named: 0, discretionary: 0, none: 0 };
    for (const b of run.evaluation.buyers) kinds[b.limitKind]++;
    const commission = run.policy.cost?.recoveryCommission;
    return {
      key: run.key,
      source: run.source,
      ...run.evaluation.policy,
      totals: run.evaluation.totals,
      buyersByLimitKind: kinds,
      cost: cost.ok ? costUnits(cost.cost) : null,
      costProblem: cost.ok ? null : cost.problem,
      recoveryCommissionPercent: commission === undefined ? 0 : commission.num / commission.den,
    };
  });

  const reasons = new Set<string>();
  for (const run of runs) for (const r of Object.keys(run.evaluation.totals.excludedByReason)) reasons.add(r);

  // Buyers in the order they first appear: the first policy's, then any only a later one evaluated.
  const ids: string[] = [];
  const seen = new Set<string>();
  const byKey = runs.map((run) => new Map(run.evaluation.buyers.map((b) => [b.buyerId, b])));
  for (const map of byKey)
    for (const id of map.keys())
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }

  const buyers: { row: BuyerComparison; gap: number; order: number }[] = [];
  ids.forEach((id, order) => {
    const results = byKey.map((map) => map.get(id) ?? null);
    const covered = results.map((b) => (b === null ? null : b.covered));
    if (covered.every((c) => c === covered[0])) return;
    const reference = { terms: first.policy.terms, evaluation: first.evaluation };
    const differences = runs.map((run, i): Difference | null =>
      i === 0 || covered[i] === covered[0]
        ? null
        : explainDifference(id, reference, { terms: run.policy.terms, evaluation: run.evaluation }),
    );
    const some = results.find((b) => b !== null);
    const amounts = covered.map((c) => c ?? 0);
    buyers.push({
      row: {
        buyerId: id,
        buyerName: some?.buyerName ?? null,
        open: some?.open ?? 0,
        covered,
        uninsured: results.map((b) => (b === null ? null : b.uninsured)),
        limit: results.map((b) => (b === null ? null : b.limit)),
        limitKind: results.map((b) => (b === null ? null : b.limitKind)),
        indemnityPercent: results.map((b) => (b === null ? null : b.indemnityPercent)),
        differences,
      },
      gap: Math.round((Math.max(...amounts) - Math.min(...amounts)) * 100),
      order,
    });
  });
  buyers.sort((x, y) => y.gap - x.gap || x.order - y.order);

  return {
    format: 'credit-cover/comparison@1',
    asOf: first.evaluation.asOf,
    level: first.evaluation.level,
    currency: first.evaluation.policy.currency,
    policies,
    excludedReasons: [...reasons].sort(),
    buyerCount: ids.length,
    buyers: buyers.map((b) => b.row),
  };
}
