/**
 * The credit-insurance model: what a ledger, a policy and an evaluation are.
 *
 * Money inside the core is held in integer minor units (cents) so that every total reconciles
 * by construction; the public result (`Evaluation`) carries currency units with two decimals,
 * each derived once from cents, never summed as floats.
 */

import type { CostTerms } from './cost';

/** A calendar day: days since 1970-01-01 (no time, no time zone). */
export type Day = number;

/** An amount in integer minor units (cents) of some currency. */
export type Cents = number;

/** An exact decimal as an integer ratio, e.g. 92.5 % = { num: 925, den: 10 }; den is a power of 10. */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/** A problem with one input row, cell or term. `row` is the 1-based sheet row, or null for the whole input. */
export interface Diagnostic {
  row: number | null;
  column?: string;
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Amount concerned, in the row's own currency units, where there is one (e.g. a row set aside for `no-fx-rate`). */
  amount?: number;
  currency?: string;
}

/** Buyer attributes as the ledger gives them (text kept exactly as shown). */
export interface BuyerAttributes {
  buyerId: string;
  buyerName: string | null;
  country: string | null;
  sector: string | null;
  buyerType: string | null;
}

/** One open item of an invoice-level ledger. */
export interface InvoiceLine extends BuyerAttributes {
  /** 1-based row number in the source sheet. */
  row: number;
  invoiceNo: string | null;
  invoiceDate: Day;
  dueDate: Day;
  /** Open amount in `currency` (negative for a credit note or unallocated cash). */
  open: Cents;
  /** Original invoice amount in `currency`, when the ledger has such a column. */
  amount: Cents | null;
  /** ISO currency code as given, or null when the ledger gives none (then: the policy currency). */
  currency: string | null;
  disputed: boolean | null;
  declaredOn: Day | null;
}

/** An age bucket of a bucket-level balance, in days overdue. */
export interface BucketDef {
  label: string;
  /** True for *non échu* / not due / current. */
  notDue: boolean;
  /** Lower edge in days overdue (0 for not due). */
  from: number;
  /** Upper edge in days overdue, inclusive; null for an open-ended bucket (`> 120`). */
  to: number | null;
}

/** One row of a bucket-level balance. */
export interface BucketRow extends BuyerAttributes {
  row: number;
  currency: string | null;
  /** One amount per bucket of the ledger, in `currency`, aligned with `BucketLedger.buckets`. */
  amounts: Cents[];
  /** The row's `Total` column, when the ledger has one. */
  total: Cents | null;
}

interface LedgerBase {
  /** Rows the reader looked at (data rows below the header, skipped and reported ones included). */
  rowsRead: number;
  /** Rows the reader skipped on purpose (empty, subtotal): counted, not errors. */
  rowsSkipped: number;
  /** What the reader reported: rows it could not read (errors) and everything else worth saying. */
  diagnostics: Diagnostic[];
}

export interface InvoiceLedger extends LedgerBase {
  kind: 'invoice';
  invoices: InvoiceLine[];
  /** True when the ledger has an invoice-amount column distinct from the open amount. */
  hasAmountColumn: boolean;
}

export interface BucketLedger extends LedgerBase {
  kind: 'bucket';
  buckets: BucketDef[];
  rows: BucketRow[];
}

export type Ledger = InvoiceLedger | BucketLedger;

/** A named buyer credit limit (*agrément*). */
export interface NamedLimit {
  buyer: string;
  amount: Cents;
  validFrom: Day | null;
  validTo: Day | null;
}

export interface VatTerms {
  ledgerIncludesVat: boolean;
  rate: Ratio;
}

/** The policy terms, parsed and checked (see DOMAIN.md for the meaning of each). */
export interface PolicyTerms {
  id: string;
  name: string;
  insurer: string;
  version: string;
  currency: string;
  period: { start: Day; end: Day };
  indemnityPercent: { named: Ratio; discretionary: Ratio };
  discretionaryLimit: Cents;
  maxCreditPeriodDays: number | null;
  carenceDays: number;
  declarationDeadlineDays: number | null;
  maxExtensionDays: number | null;
  indemnityWaitingDays: number | null;
  minimumClaim: Cents;
  excessPerClaim: Cents;
  annualAggregateDeductible: Cents;
  maxLiability: Cents | null;
  vat: VatTerms | null;
}

/** Fact values handed to rules, exactly as DOMAIN.md names them. Amounts in currency units, dates as YYYY-MM-DD. */
export interface BuyerFacts {
  buyerId: string;
  buyerName: string | null;
  country: string | null;
  sector: string | null;
  buyerType: string | null;
  namedLimit: number | null;
  buyerExposure: number;
  buyerMaxDaysOverdue: number | null;
}

export interface InvoiceFacts extends BuyerFacts {
  invoiceAmount: number | null;
  openAmount: number;
  currency: string;
  invoiceDate: string;
  dueDate: string;
  daysOverdue: number;
  creditPeriodDays: number;
  disputed: boolean | null;
}

export type FactName = keyof InvoiceFacts;

/** What a rule's event does, once validated. `order` is the rule's position in the file. */
export type RuleEffect =
  | { type: 'exclude'; reason: string; priority: number; order: number }
  | { type: 'limit'; max: Cents }
  | { type: 'indemnity'; percent: Ratio }
  | { type: 'flag'; code: string; message: string };

/**
 * The rules of a policy, ready to run synchronously. Implemented by `rules/` (compiled from the
 * rule file); the core only asks it questions.
 */
export interface RuleSet {
  /** Effects of the rules that use buyer facts only. */
  buyerEffects(facts: BuyerFacts): RuleEffect[];
  /** Effects of the rules that use at least one invoice fact. */
  invoiceEffects(facts: InvoiceFacts): RuleEffect[];
  /** Names of the rules that use invoice facts (skipped at bucket level). */
  readonly invoiceRuleNames: readonly string[];
}

/** A policy ready to evaluate: terms, limits, exchange rates, rules and the identity of the rule file. */
export interface Policy {
  terms: PolicyTerms;
  /** What the cover costs (the rule file's optional `cost` block); the evaluation does not use it. */
  cost?: CostTerms | null;
  limits: NamedLimit[];
  /** Value of one unit of the currency in the policy currency. */
  fxRates: Record<string, Ratio>;
  rules: RuleSet;
  /** sha256 of the canonical JSON of the rule file, as `sha256:<hex>`. */
  hash: string;
}

export type InvoiceStatus = 'covered' | 'partial' | 'over-limit' | 'excluded' | 'credit';
export type LimitKind = 'named' | 'discretionary' | 'none';

/** One evaluated invoice (or, at bucket level, one non-empty bucket of a buyer). Public contract. */
export interface InvoiceResult {
  row: number;
  invoiceNo: string | null;
  buyerId: string;
  /** Bucket label at bucket level; null at invoice level. */
  bucket: string | null;
  invoiceDate: string | null;
  dueDate: string | null;
  /** Open amount in the policy currency, after credits, VAT included. */
  open: number;
  /** Insurable basis (open less VAT; 0 for credits). */
  insurable: number;
  status: InvoiceStatus;
  reason: string | null;
  reasons: string[];
  insured: number;
  overLimit: number;
  covered: number;
  uninsured: number;
  daysOverdue: number;
  declareBy: string | null;
  claimableOn: string | null;
  flags: string[];
}

export interface BuyerResult {
  buyerId: string;
  buyerName: string | null;
  country: string | null;
  open: number;
  eligible: number;
  limit: number;
  limitKind: LimitKind;
  indemnityPercent: number;
  insured: number;
  overLimit: number;
  covered: number;
  uninsured: number;
  /** Insured part of the overdue eligible invoices, the base of the claim. */
  claimBase: number;
  claim: number;
  maxDaysOverdue: number | null;
  flags: string[];
}

export interface Totals {
  open: number;
  eligible: number;
  insured: number;
  overLimit: number;
  covered: number;
  uninsured: number;
  /** Open amount of excluded invoices, by first reason. */
  excludedByReason: Record<string, number>;
  claims: number;
  portfolioIndemnity: number;
}

/** The result of evaluating a ledger against a policy. This JSON is a public contract. */
export interface Evaluation {
  format: 'credit-cover/evaluation@1';
  asOf: string;
  level: 'invoice' | 'bucket';
  policy: { id: string; name: string; insurer: string; version: string; currency: string; hash: string };
  counts: { rowsRead: number; rowsEvaluated: number; rowsSkipped: number; rowsReported: number };
  totals: Totals;
  buyers: BuyerResult[];
  invoices: InvoiceResult[];
  /** Message of each flag code raised by a rule, so adapters can explain it. */
  flagMessages: Record<string, string>;
  diagnostics: Diagnostic[];
}
