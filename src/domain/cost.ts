/**
 * What cover costs a year: the premium (a rate on the insured turnover with a minimum premium, or a
 * fixed amount) and the fees for named-limit requests and buyer monitoring. Integer cents, one
 * rounding per figure, half away from zero, like the evaluation.
 *
 * Readings (rules/README.md, section 16):
 * - named-limit requests a year = the buyers with at least one granted entry (amount > 0) in the
 *   file: each was asked for once; a reduction, a cancellation or a refusal is the insurer's act;
 * - monitored buyers = the buyers with a named limit above 0 in force at the as-of date;
 * - the same counts, premium and fees are assumed for every year of a horizon.
 */
import { inForce } from './limits';
import { applyPercent } from './money';
import type { Cents, Day, NamedLimit, Ratio } from './types';

/** The premium: a percentage of the insured turnover (at least `minimum`), or a fixed amount. */
export type Premium =
  | { basis: 'insuredTurnover'; /** percent, e.g. 0.28 for 0.28 % */ rate: Ratio; minimum: Cents }
  | { basis: 'fixed'; amount: Cents };

/** The cost terms of a policy (`cost` in the rule file), in the policy currency. */
export interface CostTerms {
  premium: Premium;
  /** The turnover the premium rate applies to, as the offer states it; null when the file gives none. */
  annualInsuredTurnover: Cents | null;
  namedLimitRequestFee: Cents;
  monitoringFeePerBuyer: Cents;
  /** Percent of the amounts the insurer recovers, kept as its commission. */
  recoveryCommission: Ratio;
}

export interface CostCounts {
  namedLimitRequests: number;
  monitoredBuyers: number;
}

export interface AnnualCost {
  /** The turnover the rate was applied to (null for a fixed premium without a stated turnover). */
  turnover: Cents | null;
  /** round(turnover × rate / 100), or the fixed amount. */
  premiumBeforeMinimum: Cents;
  minimumApplied: boolean;
  premium: Cents;
  namedLimitRequests: number;
  limitRequestFees: Cents;
  monitoredBuyers: number;
  monitoringFees: Cents;
  /** premium + limitRequestFees + monitoringFees. */
  total: Cents;
}

export type AnnualCostResult =
  | { ok: true; cost: AnnualCost }
  /** `no-cost-terms`: the file has no `cost` block; `no-turnover`: a rate premium and no turnover anywhere. */
  | { ok: false; problem: 'no-cost-terms' | 'no-turnover' };

/** How many limit requests and monitored buyers the fees are charged on (see the file comment). */
export function costCounts(limits: readonly NamedLimit[], asOf: Day): CostCounts {
  const requested = new Set<string>();
  const monitored = new Set<string>();
  for (const limit of limits) {
    if (limit.amount <= 0) continue;
    requested.add(limit.buyer);
    if (inForce(limit, asOf)) monitored.add(limit.buyer);
  }
  return { namedLimitRequests: requested.size, monitoredBuyers: monitored.size };
}

/**
 * The cost of one year. `turnover` (the CLI's --turnover) overrides the file's
 * `annualInsuredTurnover`: to compare offers, every policy is priced on the client's one turnover.
 */
export function annualCost(
  terms: CostTerms | null | undefined,
  counts: CostCounts,
  turnover: Cents | null = null,
): AnnualCostResult {
  if (terms === null || terms === undefined) return { ok: false, problem: 'no-cost-terms' };
  const base = turnover ?? terms.annualInsuredTurnover;
  let premiumBeforeMinimum: Cents;
  let premium: Cents;
  if (terms.premium.basis === 'insuredTurnover') {
    if (base === null) return { ok: false, problem: 'no-turnover' };
    premiumBeforeMinimum = applyPercent(base, terms.premium.rate);
    premium = Math.max(premiumBeforeMinimum, terms.premium.minimum);
  } else {
    premiumBeforeMinimum = terms.premium.amount;
    premium = terms.premium.amount;
  }
  const limitRequestFees = counts.namedLimitRequests * terms.namedLimitRequestFee;
  const monitoringFees = counts.monitoredBuyers * terms.monitoringFeePerBuyer;
  return {
    ok: true,
    cost: {
      turnover: base,
      premiumBeforeMinimum,
      minimumApplied: premium !== premiumBeforeMinimum,
      premium,
      namedLimitRequests: counts.namedLimitRequests,
      limitRequestFees,
      monitoredBuyers: counts.monitoredBuyers,
      monitoringFees,
      total: premium + limitRequestFees + monitoringFees,
    },
  };
}
