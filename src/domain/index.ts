export * from './types';
export { evaluate, type EvaluateOptions } from './evaluate';
export { DECLARE_SOON_DAYS } from './invoice-level';
export * from './days';
export * from './money';
export { LimitIndex, namedLimitAt, buyerCover, coverStart, anyInForce, inForce, type BuyerCover } from './limits';
export { buyerClaim, portfolioIndemnity } from './claims';
export {
  annualCost,
  costCounts,
  type AnnualCost,
  type AnnualCostResult,
  type CostCounts,
  type CostTerms,
  type Premium,
} from './cost';
export {
  AGE_BUCKETS,
  DEFAULT_SCENARIOS,
  MAX_RUNS,
  MAX_YEARS,
  ageBucketIndex,
  type AgeBucket,
  type DefaultScenario,
  type MonteCarloSettings,
  type ScenarioSet,
} from './scenario';
