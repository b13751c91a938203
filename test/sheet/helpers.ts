/**
 * Helpers for the reader's tests: ISO days, and the accounting every read must satisfy.
 */
import { parseIsoDay } from '../../src/domain/days';
import type { ReadResult } from '../../src/sheet';

export function day(iso: string): number {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

/** Sheet rows with an error diagnostic (the rows reported, not read). */
export function reportedRows(result: ReadResult): number[] {
  const rows = result.diagnostics.filter((d) => d.severity === 'error' && d.row !== null).map((d) => d.row as number);
  return [...new Set(rows)].sort((a, b) => a - b);
}

/** rowsRead = rows read + rowsSkipped + rows reported, and the reported rows are exactly these. */
export function expectAccounted(
  result: ReadResult,
  expected: { read: number; skipped: number; reported: number[] },
): void {
  const ledger = result.ledger;
  if (ledger === null) throw new Error(`no ledger: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const read = ledger.kind === 'invoice' ? ledger.invoices.length : ledger.rows.length;
  expect({ read, skipped: ledger.rowsSkipped, reported: reportedRows(result) }).toEqual(expected);
  expect(ledger.rowsRead).toBe(read + ledger.rowsSkipped + reportedRows(result).length);
}

/** The diagnostics of one code, as { row, column, message } for compact assertions. */
export function diagnosticsOf(
  result: ReadResult,
  code: string,
): { row: number | null; column?: string; message: string }[] {
  return result.diagnostics
    .filter((d) => d.code === code)
    .map((d) =>
      d.column === undefined
        ? { row: d.row, message: d.message }
        : { row: d.row, column: d.column, message: d.message },
    );
}
