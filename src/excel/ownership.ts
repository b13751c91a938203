/**
 * How credit-cover knows its own output in a workbook, so that a re-run replaces exactly what an
 * earlier run wrote and nothing else:
 * - each ledger sheet carries a hidden sheet-scoped defined name, `CreditCover.Output`, over the
 *   exposure columns (header row to last data row). A defined name follows its cells when the user
 *   inserts rows or columns or renames the sheet, which a stored address would not;
 * - a hidden workbook name, `CreditCover.Summary`, points at A1 of the summary sheet;
 * - the workbook setting `credit-cover.output` records the last run (sheet, block, language, as-of
 *   date, policy, and whether the run completed), for the task pane to show.
 * Before anything is cleared, the header cells of the block must still be credit-cover's headers
 * (or its "incomplete" marker): a name the user pointed elsewhere does not make their cells ours.
 */
import { EXPOSURE_COLUMN_KEYS, allExposureHeaderSets, allSummaryTitles, type Lang } from '../sheet/output-labels';
import type { CellRange } from '../sheet/output';
import { isBlank, type Cell } from '../sheet/table';
import { tryParseAddress } from './address';

/** Stable across languages, and the same as the CLI's, so either host finds the other's sheet. */
export const SUMMARY_SHEET_NAME = 'credit-cover';
export const OUTPUT_NAME = 'CreditCover.Output';
export const SUMMARY_NAME = 'CreditCover.Summary';
export const OUTPUT_SETTING = 'credit-cover.output';
export const OUTPUT_RECORD_FORMAT = 'credit-cover/output@1';
export const EXPOSURE_WIDTH = EXPOSURE_COLUMN_KEYS.length;

/**
 * Written first over the status header and the summary's title, replaced last: a run that stops
 * half-way leaves it in view, and a re-run recognises the cells as its own.
 */
export const INCOMPLETE_MARKERS: Record<Lang, string> = {
  fr: 'credit-cover : incomplet — relancez',
  en: 'credit-cover: incomplete — run again',
};

export function isIncompleteMarker(value: unknown): boolean {
  return typeof value === 'string' && Object.values(INCOMPLETE_MARKERS).includes(value.trim());
}

export function isSummaryTitle(value: unknown): boolean {
  return typeof value === 'string' && (allSummaryTitles().includes(value.trim()) || isIncompleteMarker(value));
}

export interface OutputRecord {
  format: typeof OUTPUT_RECORD_FORMAT;
  sheetName: string;
  /** The exposure columns as last written, header row to last data row (`J1:Q1001`). */
  block: string;
  summarySheet: string;
  complete: boolean;
  /**
   * While a run is incomplete: the earlier blocks it is replacing (`J1:Q1001`), so that a run
   * stopped half-way leaves no cell of theirs that a re-run would not know as its own.
   */
  pending: string[];
  lang: Lang;
  asOf: string | null;
  policy: { id: string; version: string; hash: string } | null;
}

/** The stored record, or null for anything else (a setting edited by hand is not trusted). */
export function parseOutputRecord(value: unknown): OutputRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.format !== OUTPUT_RECORD_FORMAT || typeof v.sheetName !== 'string' || typeof v.block !== 'string') return null;
  if (tryParseAddress(v.block) === null) return null;
  const policy = v.policy as Record<string, unknown> | null | undefined;
  return {
    format: OUTPUT_RECORD_FORMAT,
    sheetName: v.sheetName,
    block: v.block,
    summarySheet: typeof v.summarySheet === 'string' ? v.summarySheet : SUMMARY_SHEET_NAME,
    complete: v.complete === true,
    pending: Array.isArray(v.pending)
      ? v.pending.filter((a): a is string => typeof a === 'string' && tryParseAddress(a) !== null)
      : [],
    lang: v.lang === 'en' ? 'en' : 'fr',
    asOf: typeof v.asOf === 'string' ? v.asOf : null,
    policy:
      policy && typeof policy.id === 'string' && typeof policy.version === 'string' && typeof policy.hash === 'string'
        ? { id: policy.id, version: policy.version, hash: policy.hash }
        : null,
  };
}

const text = (cell: unknown): string => (typeof cell === 'string' ? cell.trim() : '');

/**
 * The header cells of a block a name or the record points at (`tracked`), or of one found by its
 * headers alone. A tracked block may be half-written (marker over the status header, other
 * headers cleared); an untracked one must show all eight headers of one language.
 */
export function isExposureHeader(cells: readonly unknown[], tracked: boolean): boolean {
  if (cells.length !== EXPOSURE_WIDTH) return false;
  return allExposureHeaderSets().some(({ headers }) =>
    tracked
      ? (text(cells[0]) === headers[0] || isIncompleteMarker(cells[0])) &&
        cells.slice(1).every((c, i) => isBlank(c as Cell) || text(c) === headers[i + 1])
      : cells.every((c, i) => text(c) === headers[i]),
  );
}

/** 1-based column where a header row shows a previous run's eight headers (CLI or add-in), or null. */
export function findExposureHeaders(row: readonly unknown[], firstColumn = 1): number | null {
  for (let i = 0; i + EXPOSURE_WIDTH <= row.length; i++) {
    if (isExposureHeader(row.slice(i, i + EXPOSURE_WIDTH), false)) return firstColumn + i;
  }
  return null;
}

/** The blocks a record says are ours on `sheetName`: the last one written, and those it was replacing. */
export function blocksOfRecord(record: OutputRecord | null, sheetName: string): CellRange[] {
  if (record === null || record.sheetName.toLowerCase() !== sheetName.toLowerCase()) return [];
  return [record.block, ...record.pending]
    .map((a) => tryParseAddress(a)?.range ?? null)
    .filter((r): r is CellRange => r !== null && r.lastColumn - r.firstColumn + 1 === EXPOSURE_WIDTH);
}

/** The block a defined name's formula (`=Ledger!$J$1:$Q$1001`) points at on `sheetName`, or null. */
export function blockOfName(formula: unknown, sheetName: string): CellRange | null {
  const parsed = tryParseAddress(formula);
  if (parsed === null || parsed.sheet === null) return null;
  if (parsed.sheet.toLowerCase() !== sheetName.toLowerCase()) return null;
  const { range } = parsed;
  return range.lastColumn - range.firstColumn + 1 === EXPOSURE_WIDTH ? range : null;
}

/** The summary sheet a `CreditCover.Summary` formula points at (its A1), or null. */
export function sheetOfSummaryName(formula: unknown): string | null {
  const parsed = tryParseAddress(formula);
  if (parsed === null || parsed.sheet === null) return null;
  return parsed.range.firstRow === 1 && parsed.range.firstColumn === 1 ? parsed.sheet : null;
}
