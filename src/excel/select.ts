/// <reference types="office-js" />
/**
 * Selecting a buyer's rows in the ledger: one `RangeAreas` (`Worksheet.getRanges`, ExcelApi 1.9)
 * over all of them, neighbouring rows merged into one area, selected in one sync.
 *
 * Excel documents no limit on the number of areas or the length of the address, but a selection
 * cannot be built from several requests (each `select()` replaces the last). So a selection Excel
 * refuses is tried again with the first half of the areas, then a quarter …: the rows at the top
 * are selected, and the result says how many were left out.
 */
import { MAX_ROWS, columnName } from './address';

export interface SelectRowsOptions {
  /** 1-based columns to select; whole rows when absent. */
  columns?: { first: number; last: number };
  /** Areas in the first try; more are left out from the start. */
  maxAreas?: number;
}

export interface SelectionReport {
  /** The address selected (without the sheet), `''` when no row was given. */
  address: string;
  areas: number;
  rowsSelected: number;
  rowsRequested: number;
  /** Rows left out because Excel refused the full selection. */
  truncated: boolean;
  syncs: number;
}

export const DEFAULT_MAX_AREAS = 2000;

/** Sorted, unique, valid row numbers merged into runs of neighbours. */
export function rowRuns(rows: readonly number[]): { first: number; last: number }[] {
  const sorted = [...new Set(rows.filter((r) => Number.isInteger(r) && r >= 1 && r <= MAX_ROWS))].sort((a, b) => a - b);
  const runs: { first: number; last: number }[] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last.last + 1) last.last = r;
    else runs.push({ first: r, last: r });
  }
  return runs;
}

export async function selectRows(
  context: Excel.RequestContext,
  sheetName: string,
  rows: readonly number[],
  options: SelectRowsOptions = {},
): Promise<SelectionReport> {
  const runs = rowRuns(rows);
  const requested = runs.reduce((n, r) => n + r.last - r.first + 1, 0);
  const area = ({ first, last }: { first: number; last: number }): string =>
    options.columns
      ? `${columnName(options.columns.first)}${first}:${columnName(options.columns.last)}${last}`
      : `${first}:${last}`;
  if (runs.length === 0) {
    return { address: '', areas: 0, rowsSelected: 0, rowsRequested: 0, truncated: false, syncs: 0 };
  }

  let count = Math.min(runs.length, options.maxAreas ?? DEFAULT_MAX_AREAS);
  let syncs = 0;
  for (;;) {
    const chosen = runs.slice(0, count);
    const address = chosen.map(area).join(',');
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRanges(address).select();
    try {
      syncs++;
      await context.sync();
      const selected = chosen.reduce((n, r) => n + r.last - r.first + 1, 0);
      return {
        address,
        areas: count,
        rowsSelected: selected,
        rowsRequested: requested,
        truncated: selected < requested,
        syncs,
      };
    } catch (error) {
      // Only a refusal of the selection's size is worth a smaller try; anything else is the caller's.
      if (count === 1 || !isSizeRefusal(error)) throw error;
      count = Math.ceil(count / 2);
    }
  }
}

function isSizeRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'InvalidArgument' || code === 'InvalidReference' || code === 'RequestPayloadSizeLimitExceeded';
}
