/**
 * What each custom function computes, as plain functions of the policy store and the arguments
 * Excel passes: thin wrappers over the core's own lookups (limits.ts, money.ts, evaluate). They
 * return a value or throw a `CoverError` (`#N/A` / `#VALUE!` with a message); `functions.ts` only
 * tags them for Excel and streams their results.
 */
import {
  applyPercent,
  evaluate,
  excelSerialFromDay,
  excludeVat,
  ratioToNumber,
  unitsFromCents,
  type BuyerCover,
  type Cents,
  type InvoiceLedger,
  type InvoiceLine,
  type LimitKind,
  type Policy,
  type PolicyTerms,
  type RuleSet,
} from '../domain';
import { amountArg, buyerArg, dateArg, optionalDateArg, optionalYesNoArg } from './args';
import { invalidValue, notAvailable } from './errors';
import type { ActivePolicy, BuyerLookup, KnownBuyer, PolicyStore } from './policy-store';
import { argumentName, texts, type FunctionId, type Texts } from './texts';

/** The active policy, or `#N/A` saying why there is none. */
export function activePolicy(store: PolicyStore): ActivePolicy {
  const state = store.state();
  if (state.kind === 'active') return state.active;
  const t = texts(store.lang);
  if (state.kind === 'unreadable') throw notAvailable(t.unreadablePolicy(state.detail));
  throw notAvailable(state.kind === 'pending' ? t.pending : t.noPolicy);
}

/** Reads the arguments of one call: the policy first (without one nothing can be answered), then each argument. */
class Call {
  readonly active: ActivePolicy;
  readonly t: Texts;

  constructor(
    private readonly store: PolicyStore,
    private readonly fn: FunctionId,
  ) {
    this.active = activePolicy(store);
    this.t = texts(store.lang);
  }

  arg(param: string): string {
    return argumentName(this.store.lang, this.fn, param);
  }

  buyer(value: unknown): BuyerLookup {
    const { id, numeric } = buyerArg(value, this.arg('buyer'), this.t);
    return this.active.buyer(numeric ? this.active.resolveNumericId(id) : id);
  }
}

/** `=COVER.INSURED_LIMIT(buyer)`: named limit (in force at the as-of date, else the latest), else discretionary, capped by `limit` rules. */
export function insuredLimit(store: PolicyStore, buyer: unknown): number {
  return unitsFromCents(new Call(store, 'INSURED_LIMIT').buyer(buyer).cover.limit);
}

/** `=COVER.LIMIT_KIND(buyer)`: `named`, `discretionary` or `none`. */
export function limitKind(store: PolicyStore, buyer: unknown): LimitKind {
  return new Call(store, 'LIMIT_KIND').buyer(buyer).cover.kind;
}

/** `=COVER.INDEMNITY_PERCENT(buyer)`: 90 for 90 %, lowered by `indemnity` rules. */
export function indemnityPercent(store: PolicyStore, buyer: unknown): number {
  return ratioToNumber(new Call(store, 'INDEMNITY_PERCENT').buyer(buyer).cover.percent);
}

/**
 * round(min(insurable, limit) × percent / 100), half up, where the insurable amount is the exposure
 * less VAT when the policy says the ledger includes it (step 3: VAT is never insured); 0 for an
 * exposure of 0 or less.
 */
export function coveredCents(exposure: Cents, cover: BuyerCover, terms: PolicyTerms): Cents {
  if (exposure <= 0) return 0;
  const insurable = terms.vat?.ledgerIncludesVat ? excludeVat(exposure, terms.vat.rate) : exposure;
  return applyPercent(Math.min(insurable, cover.limit), cover.percent);
}

/** `=COVER.COVERED(buyer, exposure)`. */
export function covered(store: PolicyStore, buyer: unknown, exposure: unknown): number {
  const call = new Call(store, 'COVERED');
  const lookup = call.buyer(buyer);
  const cents = amountArg(exposure, call.arg('exposure'), call.t);
  return unitsFromCents(coveredCents(cents, lookup.cover, call.active.terms));
}

/** `=COVER.UNINSURED(buyer, exposure)`: exposure − covered (the VAT, the part over the limit, the retained share). */
export function uninsured(store: PolicyStore, buyer: unknown, exposure: unknown): number {
  const call = new Call(store, 'UNINSURED');
  const lookup = call.buyer(buyer);
  const cents = amountArg(exposure, call.arg('exposure'), call.t);
  return unitsFromCents(cents - coveredCents(cents, lookup.cover, call.active.terms));
}

/**
 * `=COVER.COVER_STATUS(buyer, amount, invoice_date, due_date, [disputed], [declared_on])`: the real
 * evaluation (DOMAIN.md steps 1–8) of a ledger holding this one invoice, at the policy's as-of date.
 * The buyer's attributes (name, country, sector, type) come from the last evaluation when it knows
 * the buyer, and so do its exposure and days overdue, which the rules then see for the whole buyer
 * rather than for this invoice alone. Being alone, the invoice has the whole limit to itself and
 * no other invoice can trigger stop-shipment.
 */
export function coverStatus(
  store: PolicyStore,
  buyer: unknown,
  amount: unknown,
  invoiceDate: unknown,
  dueDate: unknown,
  disputed: unknown,
  declaredOn: unknown,
): string {
  const call = new Call(store, 'COVER_STATUS');
  const { active, t } = call;
  const lookup = call.buyer(buyer);
  const known = lookup.known;
  const line: InvoiceLine = {
    row: 1,
    invoiceNo: null,
    buyerId: lookup.buyerId,
    buyerName: known?.buyerName ?? null,
    country: known?.country ?? null,
    sector: known?.sector ?? null,
    buyerType: known?.buyerType ?? null,
    open: amountArg(amount, call.arg('amount'), t),
    amount: null,
    currency: null,
    invoiceDate: dateArg(invoiceDate, call.arg('invoice_date'), t),
    dueDate: dateArg(dueDate, call.arg('due_date'), t),
    disputed: optionalYesNoArg(disputed, call.arg('disputed'), t),
    declaredOn: optionalDateArg(declaredOn, call.arg('declared_on'), t),
  };
  const ledger: InvoiceLedger = {
    kind: 'invoice',
    invoices: [line],
    hasAmountColumn: false,
    rowsRead: 1,
    rowsSkipped: 0,
    diagnostics: [],
  };
  const policy = known === null ? active.policy : withBuyerTotals(active.policy, known);
  const [invoice] = evaluate(ledger, policy, { asOf: active.asOf }).invoices;
  return invoice.status === 'excluded' ? `excluded: ${invoice.reason}` : invoice.status;
}

/** The policy, its rules seeing the buyer's exposure and days overdue from the last evaluation. */
function withBuyerTotals(policy: Policy, known: KnownBuyer): Policy {
  const totals = { buyerExposure: known.exposure, buyerMaxDaysOverdue: known.maxDaysOverdue };
  const rules = policy.rules;
  const seeingTotals: RuleSet = {
    buyerEffects: (facts) => rules.buyerEffects({ ...facts, ...totals }),
    invoiceEffects: (facts) => rules.invoiceEffects({ ...facts, ...totals }),
    invoiceRuleNames: rules.invoiceRuleNames,
  };
  return { ...policy, rules: seeingTotals };
}

/** `=COVER.DECLARE_BY(due_date)`: due date + declarationDeadlineDays, as an Excel date serial. */
export function declareBy(store: PolicyStore, dueDate: unknown): number {
  const call = new Call(store, 'DECLARE_BY');
  const due = dateArg(dueDate, call.arg('due_date'), call.t);
  const days = call.active.terms.declarationDeadlineDays;
  if (days === null) throw notAvailable(call.t.noDeclarationDeadline);
  return excelSerialFromDay(due + days);
}

/** `=COVER.CLAIMABLE_ON(due_date)`: due date + indemnityWaitingDays, as an Excel date serial. */
export function claimableOn(store: PolicyStore, dueDate: unknown): number {
  const call = new Call(store, 'CLAIMABLE_ON');
  const due = dateArg(dueDate, call.arg('due_date'), call.t);
  const days = call.active.terms.indemnityWaitingDays;
  if (days === null) throw notAvailable(call.t.noWaitingPeriod);
  return excelSerialFromDay(due + days);
}

type FieldValue = string | number | null;

const units = (c: Cents | null): number | null => (c === null ? null : unitsFromCents(c));

/**
 * The fields of `=COVER.POLICY(field)`: the policy's identity, the as-of date and every numeric term
 * by its rule-file name, as the core holds it (absent excess or deductible: 0). Dates are Excel
 * serials; amounts currency units; percentages 90 for 90 %. null: the policy does not set it.
 */
const POLICY_FIELDS: Readonly<Record<string, (a: ActivePolicy) => FieldValue>> = {
  id: (a) => a.terms.id,
  name: (a) => a.terms.name,
  version: (a) => a.terms.version,
  insurer: (a) => a.terms.insurer,
  currency: (a) => a.terms.currency,
  hash: (a) => a.policy.hash,
  as_of: (a) => excelSerialFromDay(a.asOf),
  'period.start': (a) => excelSerialFromDay(a.terms.period.start),
  'period.end': (a) => excelSerialFromDay(a.terms.period.end),
  'indemnityPercent.named': (a) => ratioToNumber(a.terms.indemnityPercent.named),
  'indemnityPercent.discretionary': (a) => ratioToNumber(a.terms.indemnityPercent.discretionary),
  discretionaryLimit: (a) => units(a.terms.discretionaryLimit),
  maxCreditPeriodDays: (a) => a.terms.maxCreditPeriodDays,
  carenceDays: (a) => a.terms.carenceDays,
  declarationDeadlineDays: (a) => a.terms.declarationDeadlineDays,
  maxExtensionDays: (a) => a.terms.maxExtensionDays,
  indemnityWaitingDays: (a) => a.terms.indemnityWaitingDays,
  minimumClaim: (a) => units(a.terms.minimumClaim),
  excessPerClaim: (a) => units(a.terms.excessPerClaim),
  annualAggregateDeductible: (a) => units(a.terms.annualAggregateDeductible),
  maxLiability: (a) => units(a.terms.maxLiability),
  'vat.rate': (a) => (a.terms.vat === null ? null : ratioToNumber(a.terms.vat.rate)),
};

export const POLICY_FIELD_NAMES: readonly string[] = Object.keys(POLICY_FIELDS);

/** Case, `_`, `-` and spaces do not matter: `as_of`, `asOf`, `AS OF`; `discretionary_limit`. */
const fieldKey = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, '');
const FIELD_BY_KEY = new Map(POLICY_FIELD_NAMES.map((name) => [fieldKey(name), name]));

/** `=COVER.POLICY(field)`. */
export function policyField(store: PolicyStore, field: unknown): string | number {
  const call = new Call(store, 'POLICY');
  const { t } = call;
  const arg = call.arg('field');
  if (field === null || field === undefined || (typeof field === 'string' && field.trim() === ''))
    throw invalidValue(t.missing(arg));
  const name = typeof field === 'string' ? FIELD_BY_KEY.get(fieldKey(field)) : undefined;
  if (name === undefined) throw invalidValue(t.expectedField(arg, t.describe(field), POLICY_FIELD_NAMES));
  const value = POLICY_FIELDS[name](call.active);
  if (value === null) throw notAvailable(t.noTerm(name));
  return value;
}
