/**
 * `broker/`: the broker's tools on top of the evaluation — comparing policies on one ledger, what
 * cover costs and is expected to pay under default scenarios, and the seeded Monte Carlo of those
 * scenarios. The public door of the layer.
 *
 * | folder    | what lives there                                                              | may import | never imports                          |
 * |-----------|-------------------------------------------------------------------------------|------------|----------------------------------------|
 * | `broker/` | comparison of evaluations, difference explanations and their FR/EN phrases,   | `domain/`  | `rules/`, `sheet/`, Office, Node APIs, |
 * |           | expected cost and indemnity per scenario, Monte Carlo, its seeded generator   |            | React, ExcelJS                         |
 *
 * Like `domain/`, it is synchronous and deterministic (the Monte Carlo draws from a seeded
 * generator, never from Math.random) and returns plain data, so the command line (`cli/compare`)
 * and the task pane's Compare tab show the same figures. Text is produced only for differences
 * (`differenceText`); table and sheet layouts belong to each host.
 */
export {
  comparePolicies,
  runCost,
  CompareError,
  type AnnualCostUnits,
  type BuyerComparison,
  type ComparedPolicy,
  type CompareOptions,
  type Comparison,
  type PolicyRun,
} from './compare';
export { explainDifference, termDifference, type Difference, type Side, type TermDifference } from './difference';
export { differenceText, formatAmount, type Lang } from './text';
export {
  scenarioReport,
  type BucketOutcome,
  type HorizonOutcome,
  type PolicyScenarios,
  type ScenarioOutcome,
  type ScenarioPolicyInput,
  type ScenarioReport,
} from './scenarios';
export { simulate, type SimulatedHorizon, type SimulatedPortfolio, type SimulationSettings } from './monte-carlo';
export { portfolioRisk, defaultWeight, defaultThreshold, type BuyerRisk, type PortfolioRisk } from './risk';
export { mulberry32, UINT32_RANGE, type Prng } from './prng';
export { comparisonReport, type ComparisonReport, type ReportOptions } from './report';
