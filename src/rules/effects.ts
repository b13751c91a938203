/** What a fired rule does, in the core's terms (cents, exact ratios). Shared by the compiled rules and the reference. */
import type { RuleEffect } from '../domain/types';
import { centsFromUnits, ratioFromNumber } from '../domain/money';
import type { RuleJson } from './ruleFile';

/** json-rules-engine's default: `options.priority || 1`. */
export function rulePriority(rule: RuleJson): number {
  return rule.priority ?? 1;
}

/** The effect of a validated rule; `order` is its index in the file. */
export function effectOf(rule: RuleJson, order: number): RuleEffect {
  const event = rule.event;
  switch (event.type) {
    case 'exclude':
      return { type: 'exclude', reason: event.params.reason, priority: rulePriority(rule), order };
    case 'limit': {
      const max = centsFromUnits(event.params.max);
      if (max === null) throw new RangeError(`rule ${rule.name}: limit max ${event.params.max} is not an amount`);
      return { type: 'limit', max };
    }
    case 'indemnity':
      return { type: 'indemnity', percent: ratioFromNumber(event.params.percent) };
    case 'flag':
      return { type: 'flag', code: event.params.code, message: event.params.message };
  }
}

/** The order json-rules-engine runs rules in: higher priority first, then (within a priority) file order. */
export function byRunOrder(a: { priority: number; order: number }, b: { priority: number; order: number }): number {
  return b.priority - a.priority || a.order - b.order;
}
