/**
 * Reading the sheet the user picked, for the pane's preview (header row, column mapping) and for
 * the evaluation itself, which reads it again: the user may have edited it in between.
 */
import { readSheet, SUMMARY_SHEET_NAME, type SheetRead } from '../excel';
import { readLedger, type ReadResult, type Role } from '../sheet';
import type { WorkbookHost } from './host';

export type RoleOverrides = Partial<Record<Role, string>>;

/** The sheets a ledger may be on: all but credit-cover's own summary. */
export function ledgerSheetNames(sheetNames: readonly string[]): string[] {
  return sheetNames.filter((name) => name.toLowerCase() !== SUMMARY_SHEET_NAME);
}

/** The workbook's sheets a ledger may be on, in tab order (after a run added the summary sheet). */
export async function listLedgerSheets(host: WorkbookHost): Promise<string[]> {
  return host.run(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    await context.sync();
    return ledgerSheetNames(sheets.items.map((sheet) => sheet.name));
  });
}

/**
 * `sheetName`, or the active sheet. When the active sheet is credit-cover's summary (Excel shows it
 * after a run), the ledger of the last run is read instead, else the first other sheet.
 */
export async function readLedgerSheet(host: WorkbookHost, sheetName?: string): Promise<SheetRead> {
  const options = { wholeSheetAtOnce: host.wholeSheetAtOnce };
  const read = await host.run((context) => readSheet(context, sheetName, options));
  if (sheetName !== undefined || read.sheetName.toLowerCase() !== SUMMARY_SHEET_NAME) return read;
  const candidates = ledgerSheetNames(read.sheetNames);
  const previous = read.lastRun?.sheetName;
  const next = previous !== undefined && candidates.includes(previous) ? previous : candidates[0];
  return next === undefined ? read : host.run((context) => readSheet(context, next, options));
}

/**
 * The ledger of a sheet read. The reader infers the date order and decimal separator from the sheet
 * itself, as the command line does: Office's display language says nothing about how the ledger
 * was written, so it is not passed as a locale.
 */
export function readLedgerTable(read: SheetRead, overrides: RoleOverrides): ReadResult {
  return readLedger(read.table, { map: overrides });
}

/** What the reader made of the sheet, before any evaluation: rows it can evaluate, rows it cannot read. */
export function ledgerPreview(result: ReadResult): { rows: number; unreadable: number } | null {
  const ledger = result.ledger;
  if (ledger === null) return null;
  const rows = ledger.kind === 'invoice' ? new Set(ledger.invoices.map((i) => i.row)).size : ledger.rows.length;
  const unreadable = new Set(
    result.diagnostics.filter((d) => d.severity === 'error' && d.row !== null).map((d) => d.row),
  ).size;
  return { rows, unreadable };
}
