/**
 * The examples a rule file carries (`tests`): each gives some facts and the outcome the broker
 * expects; loading the file runs them, so a file that contradicts its own examples never loads.
 */
import type {
  BuyerFacts,
  Cents,
  Day,
  FactName,
  InvoiceFacts,
  LimitKind,
  NamedLimit,
  Policy,
  Ratio,
  RuleEffect,
} from '../domain/types';
import { parseIsoDay } from '../domain/days';
import { buyerCover, namedLimitAt } from '../domain/limits';
import { centsFromUnits, ratioCompare, ratioFromNumber, ratioToNumber, unitsFromCents } from '../domain/money';
import { BUYER_FACT_NAMES, FACT_NAMES } from './facts';
import type { RuleFileJson, RuleTestJson } from './ruleFile';

export interface RuleTestResult {
  name: string;
  passed: boolean;
  /** What differed, "expected …, got …" clauses joined by "; "; empty when the test passed. */
  message: string;
}

/** What the rules decide for one set of facts, as a test sees it. */
export interface RuleTestOutcome {
  excludedReasons: string[];
  limit: Cents;
  limitKind: LimitKind;
  indemnityPercent: Ratio;
  flags: string[];
}

/** The buyer's named-limit entries as a test sees them: a stated `namedLimit` fact stands for exactly that limit. */
function limitEntries(policy: Policy, test: RuleTestJson, facts: Record<FactName, unknown>): NamedLimit[] {
  if (!Object.prototype.hasOwnProperty.call(test.facts, 'namedLimit'))
    return policy.limits.filter((l) => l.buyer === facts.buyerId);
  const amount = typeof facts.namedLimit === 'number' ? centsFromUnits(facts.namedLimit) : null;
  return amount === null ? [] : [{ buyer: String(facts.buyerId), amount, validFrom: null, validTo: null }];
}

function asOfOf(policy: Policy, test: RuleTestJson): Day {
  return (test.asOf === undefined ? null : parseIsoDay(test.asOf)) ?? policy.terms.period.start;
}

/**
 * Test facts completed as the spec says: absent facts are null, except currency (the policy
 * currency) and namedLimit (the buyer's limit in this file at asOf, else its latest, else null).
 */
export function completeTestFacts(policy: Policy, test: RuleTestJson): Record<FactName, unknown> {
  const facts = {} as Record<FactName, unknown>;
  for (const name of FACT_NAMES)
    facts[name] = Object.prototype.hasOwnProperty.call(test.facts, name) ? test.facts[name] : null;
  if (!Object.prototype.hasOwnProperty.call(test.facts, 'currency')) facts.currency = policy.terms.currency;
  if (!Object.prototype.hasOwnProperty.call(test.facts, 'namedLimit')) {
    const named = namedLimitAt(limitEntries(policy, test, facts), asOfOf(policy, test));
    facts.namedLimit = named === null ? null : unitsFromCents(named.amount);
  }
  return facts;
}

/** Runs the buyer and invoice rules on the facts; limit and percent come from the core's own step 5. */
export function testOutcome(policy: Policy, test: RuleTestJson): RuleTestOutcome {
  const facts = completeTestFacts(policy, test);
  const buyerFacts = {} as Record<keyof BuyerFacts, unknown>;
  for (const name of BUYER_FACT_NAMES) buyerFacts[name] = facts[name];
  // Test facts may be null where the evaluator always has a value; the rules handle null either way.
  const effects: RuleEffect[] = [
    ...policy.rules.buyerEffects(buyerFacts as BuyerFacts),
    ...policy.rules.invoiceEffects(facts as InvoiceFacts),
  ];
  const cover = buyerCover(policy.terms, limitEntries(policy, test, facts), asOfOf(policy, test), effects);
  const excludedReasons: string[] = [];
  const flags = new Set<string>();
  for (const e of effects) {
    if (e.type === 'exclude') excludedReasons.push(e.reason);
    else if (e.type === 'flag') flags.add(e.code);
  }
  return {
    excludedReasons,
    limit: cover.limit,
    limitKind: cover.kind,
    indemnityPercent: cover.percent,
    flags: [...flags].sort(),
  };
}

function list(items: readonly string[]): string {
  return '[' + items.map((s) => JSON.stringify(s)).join(', ') + ']';
}

function compare(test: RuleTestJson, got: RuleTestOutcome): string[] {
  const { expect } = test;
  const diffs: string[] = [];
  const excludedText =
    got.excludedReasons.length === 0
      ? 'not excluded'
      : `excluded ${got.excludedReasons.map((r) => JSON.stringify(r)).join(', ')}`;
  if (expect.excluded === false && got.excludedReasons.length > 0)
    diffs.push(`expected not excluded, got ${excludedText}`);
  if (typeof expect.excluded === 'string' && !got.excludedReasons.includes(expect.excluded))
    diffs.push(`expected excluded ${JSON.stringify(expect.excluded)}, got ${excludedText}`);
  if (expect.limit !== undefined && centsFromUnits(expect.limit) !== got.limit)
    diffs.push(`expected limit ${expect.limit}, got ${unitsFromCents(got.limit)} (${got.limitKind})`);
  if (expect.limitKind !== undefined && expect.limitKind !== got.limitKind)
    diffs.push(`expected limitKind ${JSON.stringify(expect.limitKind)}, got ${JSON.stringify(got.limitKind)}`);
  if (
    expect.indemnityPercent !== undefined &&
    ratioCompare(ratioFromNumber(expect.indemnityPercent), got.indemnityPercent) !== 0
  )
    diffs.push(`expected indemnityPercent ${expect.indemnityPercent}, got ${ratioToNumber(got.indemnityPercent)}`);
  if (expect.flags !== undefined) {
    const want = [...new Set(expect.flags)].sort();
    if (want.join('\u0000') !== got.flags.join('\u0000'))
      diffs.push(`expected flags ${list(want)}, got ${list(got.flags)}`);
  }
  return diffs;
}

export function runRuleFileTests(policy: Policy, json: RuleFileJson): RuleTestResult[] {
  return (json.tests ?? []).map((test) => {
    const diffs = compare(test, testOutcome(policy, test));
    return { name: test.name, passed: diffs.length === 0, message: diffs.join('; ') };
  });
}
