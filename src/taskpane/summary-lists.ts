/**
 * The short lists the pane shows under the totals, taken from an evaluation: the buyers with the
 * largest uninsured exposure, the invoices to declare, the diagnostics. The summary sheet has the
 * full lists, in the same order (`sheet/output`).
 */
import { parseIsoDay, type BuyerResult, type Diagnostic, type Evaluation, type InvoiceResult } from '../domain';
import { linesToDeclare } from '../sheet/output';

export const TOP_BUYERS = 10;
export const DECLARATIONS_SHOWN = 10;
export const DIAGNOSTICS_SHOWN = 20;

/** The buyers with the largest uninsured exposure first (ties in ledger order), as the summary sheet sorts them. */
export function topUninsured(evaluation: Evaluation, count = TOP_BUYERS): BuyerResult[] {
  return evaluation.buyers
    .map((buyer, i) => ({ buyer, i }))
    .sort((a, b) => b.buyer.uninsured - a.buyer.uninsured || a.i - b.i)
    .slice(0, count)
    .map((x) => x.buyer);
}

export interface Declaration {
  line: InvoiceResult;
  buyerName: string | null;
  /** Days from the as-of date to the deadline. */
  daysLeft: number | null;
}

/** The lines the summary sheet lists to declare (earliest deadline first), with the days left. */
export function declarations(evaluation: Evaluation): Declaration[] {
  const names = new Map(evaluation.buyers.map((b) => [b.buyerId, b.buyerName]));
  const asOf = parseIsoDay(evaluation.asOf);
  return linesToDeclare(evaluation).map((line) => {
    const deadline = line.declareBy === null ? null : parseIsoDay(line.declareBy);
    return {
      line,
      buyerName: names.get(line.buyerId) ?? null,
      daysLeft: deadline === null || asOf === null ? null : deadline - asOf,
    };
  });
}

const SEVERITY_ORDER: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then information; in row order within each (sheet-wide ones first). */
export function sortedDiagnostics(evaluation: Evaluation): Diagnostic[] {
  return evaluation.diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] || (a.d.row ?? 0) - (b.d.row ?? 0) || a.i - b.i,
    )
    .map((x) => x.d);
}
