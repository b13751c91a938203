/**
 * Builders for hand-written test inputs: policies with terms in plain units and ISO dates, ledgers
 * from short rows. They convert; they compute nothing the tests assert.
 */
import {
  parseIsoDay,
  ratioFromNumber,
  type BucketDef,
  type BucketLedger,
  type BucketRow,
  type BuyerFacts,
  type InvoiceFacts,
  type InvoiceLedger,
  type InvoiceLine,
  type Policy,
  type PolicyTerms,
  type RuleEffect,
  type RuleSet,
} from '../../src/domain';

export function day(iso: string): number {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

const cents = (units: number): number => Math.round(units * 100);

export interface TermsInput {
  currency?: string;
  period?: { start: string; end: string };
  named?: number;
  discretionary?: number;
  discretionaryLimit?: number;
  maxCreditPeriodDays?: number | null;
  carenceDays?: number;
  declarationDeadlineDays?: number | null;
  maxExtensionDays?: number | null;
  indemnityWaitingDays?: number | null;
  minimumClaim?: number;
  excessPerClaim?: number;
  annualAggregateDeductible?: number;
  maxLiability?: number | null;
  vat?: { ledgerIncludesVat: boolean; rate: number } | null;
}

export function terms(input: TermsInput = {}): PolicyTerms {
  const period = input.period ?? { start: '2027-01-01', end: '2027-12-31' };
  return {
    id: 'TEST',
    name: 'Test policy',
    insurer: 'Test Insurer',
    version: '1.0.0',
    currency: input.currency ?? 'EUR',
    period: { start: day(period.start), end: day(period.end) },
    indemnityPercent: {
      named: ratioFromNumber(input.named ?? 90),
      discretionary: ratioFromNumber(input.discretionary ?? 70),
    },
    discretionaryLimit: cents(input.discretionaryLimit ?? 0),
    maxCreditPeriodDays: input.maxCreditPeriodDays ?? null,
    carenceDays: input.carenceDays ?? 0,
    declarationDeadlineDays: input.declarationDeadlineDays ?? null,
    maxExtensionDays: input.maxExtensionDays ?? null,
    indemnityWaitingDays: input.indemnityWaitingDays ?? null,
    minimumClaim: cents(input.minimumClaim ?? 0),
    excessPerClaim: cents(input.excessPerClaim ?? 0),
    annualAggregateDeductible: cents(input.annualAggregateDeductible ?? 0),
    maxLiability: input.maxLiability === undefined || input.maxLiability === null ? null : cents(input.maxLiability),
    vat: input.vat ? { ledgerIncludesVat: input.vat.ledgerIncludesVat, rate: ratioFromNumber(input.vat.rate) } : null,
  };
}

/** A hand-written rule: a predicate on facts and the effect it has when true. */
export interface TestRule {
  buyerOnly: boolean;
  when: (facts: InvoiceFacts) => boolean;
  effect: RuleEffect;
  name?: string;
}

export function ruleSet(rules: TestRule[] = []): RuleSet {
  return {
    buyerEffects: (facts: BuyerFacts) =>
      rules.filter((r) => r.buyerOnly && r.when(facts as InvoiceFacts)).map((r) => r.effect),
    invoiceEffects: (facts: InvoiceFacts) => rules.filter((r) => !r.buyerOnly && r.when(facts)).map((r) => r.effect),
    invoiceRuleNames: rules.filter((r) => !r.buyerOnly).map((r, i) => r.name ?? `invoice-rule-${i}`),
  };
}

export interface LimitInput {
  buyer: string;
  amount: number;
  validFrom?: string | null;
  validTo?: string | null;
}

export function policy(
  t: TermsInput = {},
  limits: LimitInput[] = [],
  rules: TestRule[] = [],
  fxRates: Record<string, number> = {},
): Policy {
  return {
    terms: terms(t),
    limits: limits.map((l) => ({
      buyer: l.buyer,
      amount: cents(l.amount),
      validFrom: l.validFrom ? day(l.validFrom) : null,
      validTo: l.validTo ? day(l.validTo) : null,
    })),
    fxRates: Object.fromEntries(Object.entries(fxRates).map(([c, r]) => [c, ratioFromNumber(r)])),
    rules: ruleSet(rules),
    hash: 'sha256:test',
  };
}

export interface InvoiceInput {
  buyer?: string;
  no?: string;
  date: string;
  due: string;
  open: number;
  amount?: number;
  currency?: string;
  disputed?: boolean;
  declaredOn?: string;
  country?: string;
  buyerType?: string;
  sector?: string;
  name?: string;
}

export function invoiceLedger(rows: InvoiceInput[], hasAmountColumn = false): InvoiceLedger {
  const invoices: InvoiceLine[] = rows.map((r, i) => ({
    row: i + 2,
    buyerId: r.buyer ?? 'B1',
    buyerName: r.name ?? null,
    country: r.country ?? null,
    sector: r.sector ?? null,
    buyerType: r.buyerType ?? null,
    invoiceNo: r.no ?? `F${i + 1}`,
    invoiceDate: day(r.date),
    dueDate: day(r.due),
    open: cents(r.open),
    amount: r.amount === undefined ? null : cents(r.amount),
    currency: r.currency ?? null,
    disputed: r.disputed ?? null,
    declaredOn: r.declaredOn ? day(r.declaredOn) : null,
  }));
  return { kind: 'invoice', invoices, hasAmountColumn, rowsRead: invoices.length, rowsSkipped: 0, diagnostics: [] };
}

export function bucketLedger(
  buckets: BucketDef[],
  rows: { buyer: string; amounts: number[]; total?: number; currency?: string; name?: string; country?: string }[],
): BucketLedger {
  const out: BucketRow[] = rows.map((r, i) => ({
    row: i + 2,
    buyerId: r.buyer,
    buyerName: r.name ?? null,
    country: r.country ?? null,
    sector: null,
    buyerType: null,
    currency: r.currency ?? null,
    amounts: r.amounts.map(cents),
    total: r.total === undefined ? null : cents(r.total),
  }));
  return { kind: 'bucket', buckets, rows: out, rowsRead: out.length, rowsSkipped: 0, diagnostics: [] };
}

export const STANDARD_BUCKETS: BucketDef[] = [
  { label: 'Non échu', notDue: true, from: 0, to: 0 },
  { label: '1-30', notDue: false, from: 1, to: 30 },
  { label: '31-60', notDue: false, from: 31, to: 60 },
  { label: '61-90', notDue: false, from: 61, to: 90 },
  { label: '91-120', notDue: false, from: 91, to: 120 },
  { label: '> 120', notDue: false, from: 121, to: null },
];
