/**
 * Validated rules compiled into plain closures: the synchronous `RuleSet` the core asks once per
 * buyer and once per invoice. The semantics are json-rules-engine 7.3.1's (rule.js, condition.js,
 * operators), held to it by the differential tests against `reference.ts`.
 */
import type { BuyerFacts, FactName, InvoiceFacts, RuleEffect, RuleSet } from '../domain/types';
import { isBuyerFact } from './facts';
import { OPERATORS } from './operators';
import { byRunOrder, effectOf, rulePriority } from './effects';
import { isFactReference, type ConditionJson, type RuleJson } from './ruleFile';

export type FactValues = Readonly<Partial<Record<FactName, unknown>>>;
export type Predicate = (facts: FactValues) => boolean;

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * A condition as a predicate. Mirrors rule.js: `all`/`any` over an empty list hold (its
 * prioritizeAndRun resolves true for zero conditions, whatever the operator), one condition is
 * that condition, `not` negates. Condition priorities only order evaluation; with side-effect-free
 * facts they cannot change a result, so they are not modelled.
 */
export function compileCondition(node: ConditionJson): Predicate {
  // Same precedence as Condition.booleanOperator: any, then all, then not.
  if (hasOwn(node, 'any')) return group((node as { any: ConditionJson[] }).any.map(compileCondition), 'any');
  if (hasOwn(node, 'all')) return group((node as { all: ConditionJson[] }).all.map(compileCondition), 'all');
  if (hasOwn(node, 'not')) {
    const inner = compileCondition((node as { not: ConditionJson }).not);
    return (facts) => !inner(facts);
  }
  const leaf = node as Extract<ConditionJson, { fact: string }>;
  const evaluate = OPERATORS[leaf.operator];
  const name = leaf.fact;
  const value = leaf.value;
  if (isFactReference(value)) {
    const other = value.fact;
    return (facts) => evaluate(facts[name], facts[other]);
  }
  return (facts) => evaluate(facts[name], value);
}

function group(children: Predicate[], operator: 'all' | 'any'): Predicate {
  if (children.length === 0) return () => true;
  if (children.length === 1) return children[0];
  return operator === 'all' ? (facts) => children.every((c) => c(facts)) : (facts) => children.some((c) => c(facts));
}

/** Every fact a condition names, on either side of a comparison. */
export function factsOf(node: ConditionJson, into: Set<FactName> = new Set()): Set<FactName> {
  if ('all' in node) node.all.forEach((c) => factsOf(c, into));
  else if ('any' in node) node.any.forEach((c) => factsOf(c, into));
  else if ('not' in node) factsOf(node.not, into);
  else {
    into.add(node.fact);
    if (isFactReference(node.value)) into.add(node.value.fact);
  }
  return into;
}

export function usesInvoiceFacts(rule: RuleJson): boolean {
  for (const fact of factsOf(rule.conditions)) if (!isBuyerFact(fact)) return true;
  return false;
}

interface CompiledRule {
  holds: Predicate;
  effect: RuleEffect;
}

function run(rules: readonly CompiledRule[], facts: FactValues): RuleEffect[] {
  const effects: RuleEffect[] = [];
  for (const rule of rules) if (rule.holds(facts)) effects.push(rule.effect);
  return effects;
}

/**
 * Effects come out in the order json-rules-engine runs the rules: higher priority first, then file
 * order. Effect objects are frozen and shared between calls.
 */
export function compileRules(rules: readonly RuleJson[]): RuleSet {
  const entries = rules.map((rule, order) => ({ rule, order, priority: rulePriority(rule) })).sort(byRunOrder);
  const buyer: CompiledRule[] = [];
  const invoice: CompiledRule[] = [];
  for (const { rule, order } of entries) {
    const compiled = { holds: compileCondition(rule.conditions), effect: Object.freeze(effectOf(rule, order)) };
    (usesInvoiceFacts(rule) ? invoice : buyer).push(compiled);
  }
  const invoiceRuleNames = Object.freeze(rules.filter(usesInvoiceFacts).map((r) => r.name));
  return {
    buyerEffects: (facts: BuyerFacts) => run(buyer, facts),
    invoiceEffects: (facts: InvoiceFacts) => run(invoice, facts),
    invoiceRuleNames,
  };
}
