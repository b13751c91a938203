/**
 * Why a buyer's covered amount differs between two policies: the first difference, in the order
 * the evaluation applies its steps (DOMAIN.md), that explains it.
 *
 * 1. an invoice set aside under one policy only (`no-fx-rate`: no exchange rate for its currency);
 * 2. the buyer's limit (named or discretionary, after rule caps) when it binds: the policy with the
 *    lower limit covers less and has eligible exposure beyond that limit, so it would cover no more
 *    whatever its exclusions;
 * 3. an invoice whose covered amount differs and that one policy excludes (or excludes for another
 *    reason), with the policy term behind a built-in reason (carence 30 vs 60 days …);
 * 4. the buyer's limit, when it differs and changes the insured amount;
 * 5. its percentage of indemnity (named or discretionary, lowered by rules);
 * 6. the insurable basis (VAT treatment);
 * 7. an exclusion of another invoice, which changes how the limit is used up by the others;
 * 8. otherwise `other` (never expected; kept so a difference is always explained by something).
 */
import {
  formatIsoDay,
  type Evaluation,
  type InvoiceResult,
  type LimitKind,
  type PolicyTerms,
  type BuyerResult,
} from '../domain';

/** A policy term behind a built-in exclusion reason, on each side (null: not set / not checked). */
export type TermDifference =
  | {
      term: 'carenceDays' | 'maxCreditPeriodDays' | 'declarationDeadlineDays' | 'maxExtensionDays';
      a: number | null;
      b: number | null;
    }
  | { term: 'period'; a: string; b: string };

export type Difference =
  /** An invoice excluded by `reason` under policy `in` (the other policy's first reason, if any, in `otherReason`). */
  | {
      kind: 'excluded';
      row: number;
      invoiceNo: string | null;
      bucket: string | null;
      reason: string;
      in: 'a' | 'b';
      otherReason: string | null;
      term: TermDifference | null;
    }
  | { kind: 'no-fx-rate'; row: number; currency: string | null; in: 'a' | 'b' }
  | { kind: 'limit'; a: number; b: number; kindA: LimitKind; kindB: LimitKind }
  /** `kindA`/`kindB`: a named buyer gets the named percentage, a discretionary one the discretionary. */
  | { kind: 'percent'; a: number; b: number; kindA: LimitKind; kindB: LimitKind }
  | { kind: 'vat'; insurableA: number; insurableB: number; vatA: number | null; vatB: number | null }
  /** Another invoice's exclusion frees or takes up some of the limit. */
  | {
      kind: 'allocation';
      row: number;
      invoiceNo: string | null;
      bucket: string | null;
      reason: string;
      in: 'a' | 'b';
      term: TermDifference | null;
    }
  | { kind: 'other'; coveredA: number; coveredB: number };

export interface Side {
  terms: PolicyTerms;
  evaluation: Evaluation;
}

const lineKey = (l: { row: number; bucket: string | null }): string => `${l.row}\u0000${l.bucket ?? ''}`;

const TERM_OF_REASON: Record<
  string,
  'carenceDays' | 'maxCreditPeriodDays' | 'declarationDeadlineDays' | 'maxExtensionDays' | 'period'
> = {
  carence: 'carenceDays',
  'credit-period': 'maxCreditPeriodDays',
  'declaration-late': 'declarationDeadlineDays',
  'stop-shipment': 'maxExtensionDays',
  'outside-period': 'period',
};

/** The term that decides a built-in reason, when the two policies set it differently. */
export function termDifference(reason: string, a: PolicyTerms, b: PolicyTerms): TermDifference | null {
  const term = TERM_OF_REASON[reason];
  if (term === undefined) return null;
  if (term === 'period') {
    const show = (t: PolicyTerms): string => `${formatIsoDay(t.period.start)}/${formatIsoDay(t.period.end)}`;
    return show(a) === show(b) ? null : { term, a: show(a), b: show(b) };
  }
  return a[term] === b[term] ? null : { term, a: a[term], b: b[term] };
}

function firstReason(line: InvoiceResult | undefined): string | null {
  return line !== undefined && line.status === 'excluded' ? line.reasons[0] : null;
}

/** The line of an exclusion that differs, as seen from the side that excludes. */
function exclusionDifference(
  la: InvoiceResult,
  lb: InvoiceResult,
  a: Side,
  b: Side,
): { reason: string; in: 'a' | 'b'; otherReason: string | null; term: TermDifference | null } | null {
  const ra = firstReason(la);
  const rb = firstReason(lb);
  if (ra === rb) return null;
  // The side that excludes where the other does not; when both exclude, policy B's reason is shown.
  const side: 'a' | 'b' = rb !== null ? 'b' : 'a';
  const reason = (side === 'b' ? rb : ra) as string;
  return { reason, in: side, otherReason: side === 'b' ? ra : rb, term: termDifference(reason, a.terms, b.terms) };
}

/**
 * The first difference explaining why `buyerId` is covered differently under `a` and `b`
 * (whose evaluations are of the same ledger at the same date).
 */
export function explainDifference(buyerId: string, a: Side, b: Side): Difference {
  const linesA = a.evaluation.invoices.filter((l) => l.buyerId === buyerId);
  const linesB = b.evaluation.invoices.filter((l) => l.buyerId === buyerId);
  const byKeyB = new Map(linesB.map((l) => [lineKey(l), l]));
  const byKeyA = new Map(linesA.map((l) => [lineKey(l), l]));

  // 1. Set aside under one policy only: its rows are missing from that evaluation.
  const missing = (lines: InvoiceResult[], other: Map<string, InvoiceResult>, side: Side, where: 'a' | 'b') => {
    const line = lines.find((l) => !other.has(lineKey(l)));
    if (line === undefined) return null;
    const diagnostic = side.evaluation.diagnostics.find((d) => d.row === line.row && d.code === 'no-fx-rate');
    return { kind: 'no-fx-rate' as const, row: line.row, currency: diagnostic?.currency ?? null, in: where };
  };
  const setAside = missing(linesA, byKeyB, b, 'b') ?? missing(linesB, byKeyA, a, 'a');
  if (setAside !== null) return setAside;

  const pairs = linesA.map((la) => ({ la, lb: byKeyB.get(lineKey(la)) as InvoiceResult }));
  const buyerA = a.evaluation.buyers.find((x) => x.buyerId === buyerId) as BuyerResult;
  const buyerB = b.evaluation.buyers.find((x) => x.buyerId === buyerId) as BuyerResult;
  const limitDiffers = buyerA.limit !== buyerB.limit || buyerA.limitKind !== buyerB.limitKind;
  const limit = {
    kind: 'limit' as const,
    a: buyerA.limit,
    b: buyerB.limit,
    kindA: buyerA.limitKind,
    kindB: buyerB.limitKind,
  };

  // 2. A lower limit that binds, on the side that covers less.
  const lower = buyerA.limit < buyerB.limit ? buyerA : buyerB.limit < buyerA.limit ? buyerB : null;
  const other = lower === buyerA ? buyerB : buyerA;
  if (limitDiffers && lower !== null && lower.overLimit > 0 && lower.covered < other.covered) return limit;

  // 3. An exclusion on a line whose covered amount differs.
  for (const { la, lb } of pairs) {
    if (la.covered === lb.covered) continue;
    const excluded = exclusionDifference(la, lb, a, b);
    if (excluded !== null)
      return { kind: 'excluded', row: la.row, invoiceNo: la.invoiceNo, bucket: la.bucket, ...excluded };
  }

  // 4. and 5. The limit when it changes what is insured, then the percent.
  if (limitDiffers && buyerA.insured !== buyerB.insured) return limit;
  if (buyerA.indemnityPercent !== buyerB.indemnityPercent)
    return {
      kind: 'percent',
      a: buyerA.indemnityPercent,
      b: buyerB.indemnityPercent,
      kindA: buyerA.limitKind,
      kindB: buyerB.limitKind,
    };
  if (limitDiffers) return limit;

  // 6. The insurable basis.
  const insurable = (lines: InvoiceResult[]): number =>
    lines.reduce((sum, l) => sum + Math.round(l.insurable * 100), 0) / 100;
  const [insurableA, insurableB] = [insurable(linesA), insurable(linesB)];
  if (insurableA !== insurableB) {
    const vat = (t: PolicyTerms): number | null => (t.vat?.ledgerIncludesVat ? t.vat.rate.num / t.vat.rate.den : null);
    return { kind: 'vat', insurableA, insurableB, vatA: vat(a.terms), vatB: vat(b.terms) };
  }

  // 7. An exclusion elsewhere changes how the limit is used up.
  for (const { la, lb } of pairs) {
    const excluded = exclusionDifference(la, lb, a, b);
    if (excluded !== null)
      return {
        kind: 'allocation',
        row: la.row,
        invoiceNo: la.invoiceNo,
        bucket: la.bucket,
        reason: excluded.reason,
        in: excluded.in,
        term: excluded.term,
      };
  }
  return { kind: 'other', coveredA: buyerA.covered, coveredB: buyerB.covered };
}
