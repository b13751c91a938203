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
  // A Set, not `includes`: a file of 10,000 rules firing on every invoice must stay linear.
  const reasons = new Set<string>();
  for (const { reason } of excludes) reasons.add('rule:' + reason);
  return [...reasons];
}

/** Adds the flag codes of `effects` to `flags` (no duplicates) and records each code's message. */
export function collectFlags(effects: readonly RuleEffect[], flags: string[], messages: Map<string, string>): void {
  let seen: Set<string> | null = null;
  for (const effect of effects) {
    if (effect.type !== 'flag') continue;
    seen ??= new Set(flags);
    if (!seen.has(effect.code)) {
      seen.add(effect.code);
      flags.push(effect.code);
    }
    if (!messages.has(effect.code)) messages.set(effect.code, effect.message);
  }
}

export function addFlag(flags: string[], code: string): void {
  if (!flags.includes(code)) flags.push(code);
}

/** Adds `codes` to `flags`, without duplicates, in linear time. */
export function addFlags(flags: string[], codes: readonly string[]): void {
  if (codes.length === 0) return;
  const seen = new Set(flags);
  for (const code of codes) {
    if (!seen.has(code)) {
      seen.add(code);
      flags.push(code);
    }
  }
}
