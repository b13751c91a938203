/**
 * The rule-file language `credit-cover/rules@1`: the public door of `rules/`.
 *
 * `referenceEffects` (json-rules-engine itself, for differential tests and explanations) is not
 * re-exported here: import it from './rules/reference' where it is wanted, so that bundles of the
 * core (custom functions, task pane) do not carry json-rules-engine and its dependencies.
 */
export { loadRuleFile, loadRuleFileJson, type LoadOptions, type LoadResult } from './load';
export { formatRuleFileError, type RuleFileError } from './errors';
export { runRuleFileTests, type RuleTestResult } from './selftest';
export { compileRules } from './compile';
export { canonicalJson, contentHash } from './canonical';
export { RULE_FILE_SCHEMA } from './schema';
export { BUYER_FACT_NAMES, FACT_NAMES, INVOICE_FACT_NAMES } from './facts';
export { OPERATOR_NAMES, type OperatorName } from './operators';
export {
  EVENT_TYPES,
  MAX_DEPTH,
  MAX_FILE_BYTES,
  MAX_RULES,
  RULE_FILE_FORMAT,
  type ConditionJson,
  type CostJson,
  type EventJson,
  type LimitJson,
  type PolicyJson,
  type PremiumJson,
  type RuleFileJson,
  type RuleJson,
  type RuleTestJson,
} from './ruleFile';
export {
  loadScenarioFile,
  scenarioSetFromJson,
  SCENARIO_FILE_FORMAT,
  SCENARIO_FILE_SCHEMA,
  type ScenarioFileJson,
  type ScenarioJson,
  type ScenarioLoadResult,
} from './scenario-file';
export {
  diffRuleFiles,
  type FxChange,
  type LimitChange,
  type RuleChange,
  type RuleField,
  type RuleFileDiff,
  type TermChange,
} from './diff';
export {
  applyLimitDecisions,
  bumpVersion,
  LimitUpdateError,
  type AppliedDecision,
  type LimitChangeKind,
  type LimitDecision,
  type LimitDecisionKind,
  type LimitUpdate,
} from './limit-update';
