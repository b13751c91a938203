/**
 * The whole comparison of a ledger under several policies: side by side (`compare.ts`) and under
 * the default scenarios (`scenarios.ts`), in one plain-data report — the JSON the command line
 * writes with `compare --json`, and what the task pane's Compare tab shows.
 */
import type { ScenarioSet } from '../domain';
import { comparePolicies, runCost, type CompareOptions, type Comparison, type PolicyRun } from './compare';
import { scenarioReport, type ScenarioReport } from './scenarios';

export interface ComparisonReport extends Comparison {
  scenarios: ScenarioReport;
}

export interface ReportOptions extends CompareOptions {
  /** At bucket level, the labels of the ledger's *not due* buckets (see `portfolioRisk`). */
  notDueBuckets?: ReadonlySet<string>;
}

export function comparisonReport(
  runs: readonly PolicyRun[],
  scenarios: ScenarioSet,
  options: ReportOptions = {},
): ComparisonReport {
  const comparison = comparePolicies(runs, options);
  const report = scenarioReport(
    runs.map((run) => ({
      key: run.key,
      terms: run.policy.terms,
      evaluation: run.evaluation,
      cost: runCost(run, options),
      recoveryCommission: run.policy.cost?.recoveryCommission ?? { num: 0, den: 1 },
      notDueBuckets: options.notDueBuckets,
    })),
    scenarios,
  );
  return { ...comparison, scenarios: report };
}
