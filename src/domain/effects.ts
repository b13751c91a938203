/**
 * What fired rules mean for one invoice: exclusion reasons in priority order, flags without duplicates.
 */
import type { RuleEffect } from './types';

/** `rule:<reason>` for each exclude effect, highest priority first, then file order, without duplicates. */
export function exclusionReasons(effects: readonly RuleEffect[]): string[] {
  const excludes: { reason: string; priority: number; order: number }[] = [];
  for (const effect of effects) if (effect.type === 'exclude') excludes.push(effect);
  if (excludes.length === 0) return [];
  excludes.sort((a, b) => b.priority - a.priority || a.order - b.order);
  const reasons: string[] = [];
  for (const { reason } of excludes) {
    const tagged = 'rule:' + reason;
    if (!reasons.includes(tagged)) reasons.push(tagged);
  }
  return reasons;
}

/** Adds the flag codes of `effects` to `flags` (no duplicates) and records each code's message. */
export function collectFlags(effects: readonly RuleEffect[], flags: string[], messages: Map<string, string>): void {
  for (const effect of effects) {
    if (effect.type !== 'flag') continue;
    if (!flags.includes(effect.code)) flags.push(effect.code);
    if (!messages.has(effect.code)) messages.set(effect.code, effect.message);
  }
}

export function addFlag(flags: string[], code: string): void {
  if (!flags.includes(code)) flags.push(code);
}
