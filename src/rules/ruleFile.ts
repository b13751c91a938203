/**
 * The shape of a `credit-cover/rules@1` file once it has passed validation: what
 * rules/schema/credit-cover-rules-1.schema.json accepts, as TypeScript types.
 */
import type { FactName } from '../domain/types';
import type { OperatorName } from './operators';

export const RULE_FILE_FORMAT = 'credit-cover/rules@1';

/** Hostile-input bounds, checked before anything expensive runs. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DEPTH = 32;
export const MAX_RULES = 10_000;

export type JsonScalar = string | number | boolean | null;

export interface FactReference {
  fact: FactName;
}

export interface LeafCondition {
  fact: FactName;
  operator: OperatorName;
  value: JsonScalar | JsonScalar[] | FactReference;
}

export interface AllCondition {
  all: ConditionJson[];
}
export interface AnyCondition {
  any: ConditionJson[];
}
export interface NotCondition {
  not: ConditionJson;
}

export type TopLevelConditionJson = AllCondition | AnyCondition | NotCondition;
export type ConditionJson = TopLevelConditionJson | LeafCondition;

export type EventJson =
  | { type: 'exclude'; params: { reason: string } }
  | { type: 'indemnity'; params: { percent: number } }
  | { type: 'limit'; params: { max: number } }
  | { type: 'flag'; params: { code: string; message: string } };

export type EventType = EventJson['type'];
export const EVENT_TYPES: readonly EventType[] = ['exclude', 'indemnity', 'limit', 'flag'];

export interface RuleJson {
  name: string;
  description?: string;
  priority?: number;
  conditions: TopLevelConditionJson;
  event: EventJson;
}

export interface LimitJson {
  buyer: string;
  amount: number;
  validFrom: string | null;
  validTo: string | null;
  note?: string;
}

export interface PolicyJson {
  id: string;
  name?: string;
  insurer?: string;
  version: string;
  currency: string;
  period: { start: string; end: string };
  indemnityPercent: { named: number; discretionary: number };
  discretionaryLimit?: number;
  maxCreditPeriodDays?: number;
  carenceDays?: number;
  declarationDeadlineDays?: number;
  maxExtensionDays?: number;
  indemnityWaitingDays?: number;
  minimumClaim?: number;
  excessPerClaim?: number;
  annualAggregateDeductible?: number;
  maxLiability?: number;
  vat?: { ledgerIncludesVat: boolean; rate: number };
}

/** The premium of a `cost` block: a rate on the insured turnover (with a minimum), or a fixed amount. */
export type PremiumJson =
  { basis: 'insuredTurnover'; ratePercent: number; minimum?: number } | { basis: 'fixed'; amount: number };

/** The optional `cost` block: what the cover costs a year, in the policy currency. */
export interface CostJson {
  premium: PremiumJson;
  annualInsuredTurnover?: number;
  fees?: { perNamedLimitRequest?: number; perMonitoredBuyerPerYear?: number };
  recoveryCommissionPercent?: number;
}

export interface RuleTestExpect {
  excluded?: string | false;
  limit?: number;
  limitKind?: 'named' | 'discretionary' | 'none';
  indemnityPercent?: number;
  flags?: string[];
}

export interface RuleTestJson {
  name: string;
  asOf?: string;
  facts: Partial<Record<FactName, JsonScalar>>;
  expect: RuleTestExpect;
}

export interface RuleFileJson {
  $schema?: string;
  format: typeof RULE_FILE_FORMAT;
  policy: PolicyJson;
  cost?: CostJson;
  limits?: LimitJson[];
  fxRates?: Record<string, number>;
  rules?: RuleJson[];
  tests?: RuleTestJson[];
}

export function isFactReference(value: unknown): value is FactReference {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
