/** A validated rule file's terms, limits and rates in the core's units: cents, exact ratios, day numbers. */
import type { CostTerms } from '../domain/cost';
import type { Cents, Day, NamedLimit, PolicyTerms, Ratio } from '../domain/types';
import { parseIsoDay } from '../domain/days';
import { centsFromUnits, ratioFromNumber } from '../domain/money';
import type { CostJson, LimitJson, PolicyJson } from './ruleFile';

// The throws below guard invariants validation has already established.
function day(text: string): Day {
  const d = parseIsoDay(text);
  if (d === null) throw new RangeError(`not a calendar date: ${text}`);
  return d;
}

function cents(units: number): Cents {
  const c = centsFromUnits(units);
  if (c === null) throw new RangeError(`not an amount: ${units}`);
  return c;
}

const optionalCents = (units: number | undefined, absent: Cents): Cents =>
  units === undefined ? absent : cents(units);
const optionalDays = (days: number | undefined): number | null => days ?? null;

export function termsFromJson(p: PolicyJson): PolicyTerms {
  return {
    id: p.id,
    name: p.name ?? '',
    insurer: p.insurer ?? '',
    version: p.version,
    currency: p.currency,
    period: { start: day(p.period.start), end: day(p.period.end) },
    indemnityPercent: {
      named: ratioFromNumber(p.indemnityPercent.named),
      discretionary: ratioFromNumber(p.indemnityPercent.discretionary),
    },
    discretionaryLimit: optionalCents(p.discretionaryLimit, 0),
    maxCreditPeriodDays: optionalDays(p.maxCreditPeriodDays),
    carenceDays: p.carenceDays ?? 0,
    declarationDeadlineDays: optionalDays(p.declarationDeadlineDays),
    maxExtensionDays: optionalDays(p.maxExtensionDays),
    indemnityWaitingDays: optionalDays(p.indemnityWaitingDays),
    minimumClaim: optionalCents(p.minimumClaim, 0),
    excessPerClaim: optionalCents(p.excessPerClaim, 0),
    annualAggregateDeductible: optionalCents(p.annualAggregateDeductible, 0),
    maxLiability: p.maxLiability === undefined ? null : cents(p.maxLiability),
    vat: p.vat === undefined ? null : { ledgerIncludesVat: p.vat.ledgerIncludesVat, rate: ratioFromNumber(p.vat.rate) },
  };
}

export function limitsFromJson(limits: readonly LimitJson[] | undefined): NamedLimit[] {
  return (limits ?? []).map((l) => ({
    buyer: l.buyer,
    amount: cents(l.amount),
    validFrom: l.validFrom === null ? null : day(l.validFrom),
    validTo: l.validTo === null ? null : day(l.validTo),
  }));
}

export function fxRatesFromJson(rates: Readonly<Record<string, number>> | undefined): Record<string, Ratio> {
  const out: Record<string, Ratio> = {};
  for (const [currency, rate] of Object.entries(rates ?? {})) out[currency] = ratioFromNumber(rate);
  return out;
}

/** The `cost` block in cents and exact ratios; null when the file has none. */
export function costFromJson(c: CostJson | undefined): CostTerms | null {
  if (c === undefined) return null;
  const premium: CostTerms['premium'] =
    c.premium.basis === 'fixed'
      ? { basis: 'fixed', amount: cents(c.premium.amount) }
      : {
          basis: 'insuredTurnover',
          rate: ratioFromNumber(c.premium.ratePercent),
          minimum: optionalCents(c.premium.minimum, 0),
        };
  return {
    premium,
    annualInsuredTurnover: c.annualInsuredTurnover === undefined ? null : cents(c.annualInsuredTurnover),
    namedLimitRequestFee: optionalCents(c.fees?.perNamedLimitRequest, 0),
    monitoringFeePerBuyer: optionalCents(c.fees?.perMonitoredBuyerPerYear, 0),
    recoveryCommission: ratioFromNumber(c.recoveryCommissionPercent ?? 0),
  };
}
