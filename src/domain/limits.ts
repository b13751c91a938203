/**
 * A buyer's named limits (agréments) and the limit and indemnity percent that apply to it.
 */
import { ratioMin } from './money';
import type { Cents, Day, LimitKind, NamedLimit, PolicyTerms, Ratio, RuleEffect } from './types';

/** The named-limit entries of one buyer, indexed once per policy. */
export class LimitIndex {
  private readonly byBuyer = new Map<string, NamedLimit[]>();

  constructor(limits: readonly NamedLimit[]) {
    for (const limit of limits) {
      const list = this.byBuyer.get(limit.buyer);
      if (list) list.push(limit);
      else this.byBuyer.set(limit.buyer, [limit]);
    }
  }

  entries(buyerId: string): readonly NamedLimit[] {
    return this.byBuyer.get(buyerId) ?? NO_LIMITS;
  }
}

const NO_LIMITS: readonly NamedLimit[] = [];

export function inForce(limit: NamedLimit, day: Day): boolean {
  return (limit.validFrom === null || limit.validFrom <= day) && (limit.validTo === null || day <= limit.validTo);
}

export function anyInForce(entries: readonly NamedLimit[], day: Day): boolean {
  for (const entry of entries) if (inForce(entry, day)) return true;
  return false;
}

/** The named limit that applies at T: the one in force, else the latest (an expired limit still caps). */
export function namedLimitAt(entries: readonly NamedLimit[], asOf: Day): NamedLimit | null {
  let latest: NamedLimit | null = null;
  for (const entry of entries) {
    if (inForce(entry, asOf)) return entry;
    if (latest === null || (entry.validFrom ?? -Infinity) >= (latest.validFrom ?? -Infinity)) latest = entry;
  }
  return latest;
}

/** Cover starts at the later of the policy start and the buyer's earliest named-limit validFrom. */
export function coverStart(terms: PolicyTerms, entries: readonly NamedLimit[]): Day {
  let earliest: Day | null = null;
  for (const entry of entries) {
    if (entry.validFrom !== null && (earliest === null || entry.validFrom < earliest)) earliest = entry.validFrom;
  }
  return earliest === null ? terms.period.start : Math.max(terms.period.start, earliest);
}

export interface BuyerCover {
  kind: LimitKind;
  /** The named limit's amount before rule caps, or null without one (the `namedLimit` fact). */
  namedAmount: Cents | null;
  limit: Cents;
  percent: Ratio;
}

/** Step 5: the limit (named, else discretionary, capped by `limit` events) and the percent (lowered by `indemnity`). */
export function buyerCover(
  terms: PolicyTerms,
  entries: readonly NamedLimit[],
  asOf: Day,
  effects: readonly RuleEffect[],
): BuyerCover {
  const named = namedLimitAt(entries, asOf);
  const kind: LimitKind = named ? 'named' : terms.discretionaryLimit > 0 ? 'discretionary' : 'none';
  let limit = named ? named.amount : terms.discretionaryLimit;
  let percent = kind === 'named' ? terms.indemnityPercent.named : terms.indemnityPercent.discretionary;
  for (const effect of effects) {
    if (effect.type === 'limit') limit = Math.min(limit, effect.max);
    else if (effect.type === 'indemnity') percent = ratioMin(percent, effect.percent);
  }
  return { kind, namedAmount: named ? named.amount : null, limit, percent };
}
