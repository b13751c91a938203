/**
 * Finding the header row. Ledgers rarely start at row 1: a company name, a title such as
 * "Balance âgée clients au 30/06/2027" and blank rows often sit above the headers.
 */
import { headerText } from './labels';
import { mapHeaders, type HeaderMapping, type RoleOverrides } from './mapping';
import type { Table } from './table';

/** How far down the header row is looked for. */
export const HEADER_SCAN_ROWS = 30;

export interface HeaderRow {
  /** 0-based index into `table.values`. */
  index: number;
  headers: string[];
  mapping: HeaderMapping;
}

export function rowHeaders(table: Table, index: number): string[] {
  return (table.values[index] ?? []).map(headerText);
}

/** A header row must at least say who the buyer is and where an amount is. */
export function isPlausibleHeader(mapping: HeaderMapping): boolean {
  const { columns, buckets } = mapping;
  const buyer = columns.buyerId !== undefined || columns.buyerName !== undefined;
  const money =
    columns.open !== undefined || columns.amount !== undefined || columns.total !== undefined || buckets.length > 0;
  return buyer && money;
}

function score(mapping: HeaderMapping): number {
  return Object.keys(mapping.columns).length + mapping.buckets.length;
}

/** The row among the first `HEADER_SCAN_ROWS` that maps the most columns (the first one on a tie), or null. */
export function findHeaderRow(table: Table, overrides: RoleOverrides = {}): HeaderRow | null {
  let best: HeaderRow | null = null;
  let bestScore = 0;
  const last = Math.min(table.values.length, HEADER_SCAN_ROWS);
  for (let index = 0; index < last; index++) {
    const headers = rowHeaders(table, index);
    if (headers.every((h) => h === '')) continue;
    const mapping = mapHeaders(headers, index + 1, overrides);
    if (!isPlausibleHeader(mapping)) continue;
    const s = score(mapping);
    if (s > bestScore) {
      best = { index, headers, mapping };
      bestScore = s;
    }
  }
  return best;
}
