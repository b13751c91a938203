/// <reference types="office-js" />
/**
 * Reading a sheet into the host-agnostic `Table` of `sheet/`: values, number formats (to tell a
 * date from a number) and value types (to tell an error from text), with the sheet names and what
 * a previous run left, in one `load` and one `sync` for any ledger up to 1,500 rows × 30 columns,
 * and for a sheet of any size on a host that takes it (`wholeSheetAtOnce`: Excel on Windows and Mac).
 *
 * Otherwise a bigger sheet cannot come back in one response: Excel on the web refuses a response
 * over 5 MB, and any Excel a read over 5,000,000 cells. The first sync then also tells how big the
 * sheet is and how many bytes a cell takes in it; the rest comes in slices of rows sized to that,
 * several per sync, each sync's response under 4 MB.
 *
 * The `Table` keeps sheet coordinates (row index 0 = sheet row 1, column 0 = column A), as
 * `sheet/` expects and as diagnostics report rows: when the used range starts lower or further
 * right, the rows above are empty arrays and the columns to the left nulls, filled in here rather
 * than read from Excel (padding costs nothing to send).
 */
import type { CellRange } from '../sheet/output';
import type { Cell, Table } from '../sheet/table';
import { MAX_ROWS, contains, intersection, parseAddress, rangeName, subtract, subtractAll } from './address';
import { readerCell } from './cells';
import {
  EXPOSURE_WIDTH,
  OUTPUT_NAME,
  OUTPUT_SETTING,
  blockOfName,
  blocksOfRecord,
  findExposureHeaders,
  isExposureHeader,
  parseOutputRecord,
  type OutputRecord,
} from './ownership';
import { utf8Length } from '../rules/utf8';

/** Read with the first sync: enough for most ledgers, small enough for any response limit. */
export const FIRST_READ: CellRange = { firstRow: 1, lastRow: 1500, firstColumn: 1, lastColumn: 30 };

export const RESPONSE_BUDGET_BYTES = 4_000_000;

export interface SheetRead {
  sheetName: string;
  /** Every sheet of the workbook, in tab order. */
  sheetNames: string[];
  table: Table;
  /** The cells holding values (1-based), or null for an empty sheet. */
  usedRange: CellRange | null;
  /**
   * The exposure columns a previous run left on this sheet (located by its defined name, else by
   * its eight headers), header row to last row; their cells are left out of `table`, so the reader
   * sees the user's ledger only.
   */
  previousOutput: CellRange | null;
  /** What the last run recorded in the workbook, whatever sheet it was on. */
  lastRun: OutputRecord | null;
  /** How many syncs the read took. */
  syncs: number;
}

export interface ReadSheetOptions {
  /** Response budget of the follow-up syncs of a big sheet; tests lower it. */
  responseBudgetBytes?: number;
  /**
   * Ask for the whole used range in the first sync, for hosts without a response limit (Excel on
   * Windows and Mac): a sheet of any size then takes one sync. Should the host refuse it (a read
   * over 5,000,000 cells, or Excel on the web after all), the sheet is read again in slices.
   */
  wholeSheetAtOnce?: boolean;
}

/** The errors Office.js gives for a request or response over its size limits. */
const PAYLOAD_ERRORS = new Set(['ResponsePayloadSizeLimitExceeded', 'RequestPayloadSizeLimitExceeded']);

function isPayloadError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && PAYLOAD_ERRORS.has(code);
}

type Loaded = { range: CellRange; values: unknown[][]; formats: unknown[][]; types: string[][] };

/** Reads `sheetName`, or the active sheet. */
export async function readSheet(
  context: Excel.RequestContext,
  sheetName?: string,
  options: ReadSheetOptions = {},
): Promise<SheetRead> {
  if (!options.wholeSheetAtOnce) return readSheetFrom(context, sheetName, options, FIRST_READ);
  try {
    return await readSheetFrom(context, sheetName, options, null);
  } catch (error) {
    if (!isPayloadError(error)) throw error;
    const read = await readSheetFrom(context, sheetName, options, FIRST_READ);
    return { ...read, syncs: read.syncs + 1 };
  }
}

/** The first sync reads `firstRead` (null: the whole used range), then the rest in slices. */
async function readSheetFrom(
  context: Excel.RequestContext,
  sheetName: string | undefined,
  options: ReadSheetOptions,
  firstRead: CellRange | null,
): Promise<SheetRead> {
  const workbook = context.workbook;
  const sheet =
    sheetName === undefined ? workbook.worksheets.getActiveWorksheet() : workbook.worksheets.getItem(sheetName);
  sheet.load('name');
  const sheets = workbook.worksheets.load('items/name');
  const used = sheet.getUsedRangeOrNullObject(true).load('address');
  const first = (firstRead === null ? sheet : sheet.getRange(rangeName(firstRead))).getUsedRangeOrNullObject(true);
  first.load('address, values, numberFormat, valueTypes');
  const name = sheet.names.getItemOrNullObject(OUTPUT_NAME).load('formula');
  const record = workbook.settings.getItemOrNullObject(OUTPUT_SETTING).load('value');
  await context.sync();
  let syncs = 1;

  const result: SheetRead = {
    sheetName: sheet.name,
    sheetNames: sheets.items.map((s) => s.name),
    table: { values: [], formats: [] },
    usedRange: used.isNullObject ? null : parseAddress(used.address).range,
    previousOutput: null,
    lastRun: record.isNullObject ? null : parseOutputRecord(record.value),
    syncs,
  };
  if (result.usedRange === null) return result;

  const loaded: Loaded[] = [];
  let bytesPerCell = 40;
  if (!first.isNullObject) {
    const part = {
      range: parseAddress(first.address).range,
      values: first.values,
      formats: first.numberFormat,
      types: first.valueTypes as string[][],
    };
    loaded.push(part);
    const cells = (part.range.lastRow - part.range.firstRow + 1) * (part.range.lastColumn - part.range.firstColumn + 1);
    const bytes = utf8Length(JSON.stringify([part.values, part.formats, part.types]));
    // Measured on this sheet, never below a floor: a first slice of short cells must not make the next ones huge.
    bytesPerCell = Math.max(12, bytes / cells);
  }

  const named = name.isNullObject ? null : blockOfName(name.formula, sheet.name);
  const read = firstRead ?? result.usedRange;
  let rest = contains(read, result.usedRange) ? [] : subtract(result.usedRange, read);
  // A previous run's columns are left out of the table anyway: no need to fetch the rest of them
  // (half of what a re-run would read), once the first read shows their header cells are ours.
  const ownColumns = named !== null && loaded.length > 0 && headerIsOurs(loaded[0], named) ? named : null;
  if (ownColumns !== null) rest = rest.flatMap((part) => subtractAll(part, [{ ...ownColumns, lastRow: MAX_ROWS }]));
  if (rest.length > 0) {
    syncs += await readRest(
      context,
      sheet,
      rest,
      bytesPerCell,
      options.responseBudgetBytes ?? RESPONSE_BUDGET_BYTES,
      loaded,
    );
  }
  result.table = assemble(result.usedRange, loaded);
  result.previousOutput = maskPreviousOutput(result.table, named, blocksOfRecord(result.lastRun, sheet.name));
  result.syncs = syncs;
  return result;
}

/** Whether the first read shows `block`'s header cells, and they are credit-cover's. */
function headerIsOurs(part: Loaded, block: CellRange): boolean {
  const header = { ...block, lastRow: block.firstRow };
  if (!contains(part.range, header)) return false;
  const i = block.firstRow - part.range.firstRow;
  const cells = Array.from({ length: EXPOSURE_WIDTH }, (_, k) => {
    const j = block.firstColumn - part.range.firstColumn + k;
    return readerCell(part.values[i]?.[j], part.types[i]?.[j]);
  });
  return isExposureHeader(cells, true);
}

/** Rows searched for a previous run's headers when no defined name says where they are (as the reader searches for its header). */
const HEADER_SEARCH_ROWS = 30;

/**
 * Finds a previous run's columns and blanks them in the table, so that a re-run reads the same
 * ledger as the first run did: the named block and the blocks the last run's record lists (each
 * only if its header cells are still ours), else the first row showing the eight headers. Returns
 * the block the next run should write over: the named one when there is one.
 */
function maskPreviousOutput(table: Table, named: CellRange | null, recorded: CellRange[]): CellRange | null {
  const values = table.values;
  const heads = (block: CellRange): unknown[] =>
    Array.from({ length: EXPOSURE_WIDTH }, (_, i) => values[block.firstRow - 1]?.[block.firstColumn - 1 + i] ?? null);
  const blocks = [...(named ? [named] : []), ...recorded].filter((b) => isExposureHeader(heads(b), true));
  for (let r = 1; blocks.length === 0 && r <= Math.min(HEADER_SEARCH_ROWS, values.length); r++) {
    const column = findExposureHeaders(values[r - 1]);
    if (column !== null) {
      blocks.push({
        firstRow: r,
        lastRow: values.length,
        firstColumn: column,
        lastColumn: column + EXPOSURE_WIDTH - 1,
      });
    }
  }
  for (const block of blocks) {
    // To the sheet's last row: cells below the block in its columns are a run's leftovers too.
    for (let r = block.firstRow; r <= values.length; r++) {
      const row = values[r - 1];
      const formats = table.formats?.[r - 1];
      for (let c = block.firstColumn; c <= Math.min(block.lastColumn, row.length); c++) {
        row[c - 1] = null;
        if (formats) formats[c - 1] = null;
      }
    }
  }
  return blocks[0] ?? null;
}

/** The parts of the used range outside the first read, in row slices, several per sync. */
async function readRest(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  parts: CellRange[],
  bytesPerCell: number,
  budget: number,
  loaded: Loaded[],
): Promise<number> {
  // A margin over the measured size: later rows may hold longer text than the first ones.
  const cellsPerSync = Math.max(1, Math.floor(budget / (bytesPerCell * 1.5)));
  const slices: CellRange[] = [];
  for (const part of parts) {
    const width = part.lastColumn - part.firstColumn + 1;
    const rows = Math.max(1, Math.floor(cellsPerSync / width));
    for (let r = part.firstRow; r <= part.lastRow; r += rows) {
      slices.push({ ...part, firstRow: r, lastRow: Math.min(part.lastRow, r + rows - 1) });
    }
  }
  let syncs = 0;
  let i = 0;
  while (i < slices.length) {
    const queued: { range: CellRange; proxy: Excel.Range }[] = [];
    let cells = 0;
    while (i < slices.length) {
      const s = slices[i];
      const n = (s.lastRow - s.firstRow + 1) * (s.lastColumn - s.firstColumn + 1);
      if (queued.length > 0 && cells + n > cellsPerSync) break;
      const proxy = sheet.getRange(rangeName(s)).load('values, numberFormat, valueTypes');
      queued.push({ range: s, proxy });
      cells += n;
      i++;
    }
    await context.sync();
    syncs++;
    for (const { range, proxy } of queued) {
      loaded.push({ range, values: proxy.values, formats: proxy.numberFormat, types: proxy.valueTypes as string[][] });
    }
  }
  return syncs;
}

/** The loaded parts as one table in sheet coordinates. */
function assemble(used: CellRange, parts: Loaded[]): Table {
  const values: Cell[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = 0; r < used.lastRow; r++) {
    // Rows above the used range stay empty arrays: `cellAt` reads a missing cell as null.
    values.push(r + 1 < used.firstRow ? [] : new Array<Cell>(used.lastColumn).fill(null));
    formats.push(r + 1 < used.firstRow ? [] : new Array<string | null>(used.lastColumn).fill(null));
  }
  for (const part of parts) {
    const range = intersection(part.range, used);
    if (range === null) continue;
    for (let r = range.firstRow; r <= range.lastRow; r++) {
      const i = r - part.range.firstRow;
      for (let c = range.firstColumn; c <= range.lastColumn; c++) {
        const j = c - part.range.firstColumn;
        const cell = readerCell(part.values[i]?.[j], part.types[i]?.[j]);
        values[r - 1][c - 1] = cell;
        const format = part.formats[i]?.[j];
        formats[r - 1][c - 1] = cell === null || typeof format !== 'string' ? null : format;
      }
    }
  }
  return { values, formats };
}
