/**
 * Which rows below the header are data. Every row is read, skipped on purpose, or reported;
 * skipped rows are those a person would not count as an open item:
 *
 * 1. empty: blank in every column the reader uses (a note in an unused column does not make data);
 * 2. a total row: its leftmost non-blank cell starts with a total word (`Total`, `Sous-total`,
 *    `Subtotal`, `Total général`, `Grand total`, `Totaux`, `Cumul`), its buyer id cell is blank or
 *    is that very cell, and it has no invoice date;
 * 3. an anonymous subtotal: no buyer id, no buyer name, no invoice number or date, but an amount.
 *
 * A row with an invoice date or a buyer id is never skipped: if it cannot be read it is reported.
 * A buyer literally named "Total …" on a name-only bucket balance would be skipped by rule 2; an
 * info diagnostic names every skipped total row, so that stays visible.
 */
import { normaliseLabel } from './labels';
import { isBlank, isCellError, type Cell } from './table';

const TOTAL_WORDS = /^(?:sous total|sub total|subtotal|grand total|total general|totaux|total|cumul)(?: |$)/;

export interface RowColumns {
  /** Every column the layout reads. */
  used: readonly number[];
  /** The buyer id column (the name column on a name-only sheet). */
  buyerId: number;
  buyerName: number | null;
  /** Invoice number and dates (none at bucket level). */
  invoice: readonly number[];
  invoiceDate: number | null;
  amounts: readonly number[];
}

export type RowKind = { kind: 'data' } | { kind: 'empty' } | { kind: 'subtotal'; reason: string };

/** Plain ASCII, where normalising cannot create the letters of a total word out of others. */
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;
const TOTAL_LETTERS = /tot|cumul/i;

export function isTotalLabel(text: string): boolean {
  // Every row's first cell is asked; most are ids like "CLI-011435", which cannot hold a total word.
  if (ASCII.test(text) && !TOTAL_LETTERS.test(text)) return false;
  return TOTAL_WORDS.test(normaliseLabel(text));
}

export function classifyRow(cells: readonly Cell[], columns: RowColumns): RowKind {
  const at = (index: number | null): Cell => (index === null ? null : (cells[index] ?? null));
  const filled = (index: number | null): boolean => index !== null && !isBlank(at(index));
  if (!columns.used.some(filled)) return { kind: 'empty' };

  let leftmost = -1;
  for (let i = 0; i < cells.length && leftmost < 0; i++) {
    const cell = cells[i];
    if (!isBlank(cell) && !isCellError(cell)) leftmost = i;
  }
  const label = leftmost >= 0 ? cells[leftmost] : null;
  if (
    typeof label === 'string' &&
    isTotalLabel(label) &&
    (!filled(columns.buyerId) || columns.buyerId === leftmost) &&
    !filled(columns.invoiceDate)
  ) {
    return { kind: 'subtotal', reason: `a total row ("${label.trim()}")` };
  }

  const anonymous = !filled(columns.buyerId) && !filled(columns.buyerName) && !columns.invoice.some(filled);
  if (anonymous && columns.amounts.some(filled)) {
    return { kind: 'subtotal', reason: 'amounts without a buyer or an invoice (a subtotal row)' };
  }
  return { kind: 'data' };
}
