/**
 * The same rules run by json-rules-engine itself: the reference the compiled rules are tested
 * against, and the engine to ask when a rule's firing must be explained. Slow and asynchronous;
 * the core never uses it.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { BuyerFacts, InvoiceFacts, RuleEffect } from '../domain/types';
import { byRunOrder, effectOf, rulePriority } from './effects';
import type { RuleJson } from './ruleFile';

function rejectPath(): never {
  // The format has no `path`; reaching here means a file got past validation with one.
  throw new Error('fact paths are not supported by credit-cover/rules@1');
}

/**
 * The engine calls its path resolver only when a fact's value is an object, and none of ours is: a
 * `path` would be silently ignored, the rule judged on the whole fact. Refused up front instead, on
 * a condition and on a `{ "fact": … }` value alike.
 */
function refusePaths(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(refusePaths);
  } else if (typeof node === 'object' && node !== null) {
    if (Object.prototype.hasOwnProperty.call(node, 'path')) rejectPath();
    Object.values(node).forEach(refusePaths);
  }
}

/**
 * Effects of the rules that fire on these facts, in run order (higher priority first, then file
 * order). A fresh engine per call: an Engine's `status` is shared by its runs, so two concurrent
 * runs on one engine could stop each other.
 */
export async function referenceEffects(
  rules: readonly RuleJson[],
  facts: BuyerFacts | InvoiceFacts,
): Promise<RuleEffect[]> {
  const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: rejectPath });
  rules.forEach((rule) => engine.addRule(toEngineRule(rule)));
  const { results } = await engine.run({ ...facts });
  const order = new Map(rules.map((rule, i) => [rule.name, i]));
  return results
    .map((result) => order.get(result.name))
    .filter((i): i is number => i !== undefined)
    .map((i) => ({ i, order: i, priority: rulePriority(rules[i]) }))
    .sort(byRunOrder)
    .map(({ i }) => effectOf(rules[i], i));
}

function toEngineRule(rule: RuleJson): RuleProperties {
  // A deep copy: the engine keeps and annotates what it is given, and the caller's JSON stays untouched.
  const copy = JSON.parse(JSON.stringify({ conditions: rule.conditions, event: rule.event })) as {
    conditions: TopLevelCondition;
    event: RuleProperties['event'];
  };
  refusePaths(copy.conditions);
  return { name: rule.name, priority: rulePriority(rule), conditions: copy.conditions, event: copy.event };
}
