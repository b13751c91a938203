/**
 * Writes the annotated workbook: the user's ledger with credit-cover's exposure columns appended,
 * the `credit-cover` summary sheet and its chart. The user's cells are never written over; the
 * columns and sheet of a previous run are found again and replaced.
 */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Evaluation } from '../domain';
import { allExposureHeaderSets, EXPOSURE_COLUMN_KEYS, type Lang } from '../sheet/output-labels';
import {
  buildExposurePlan,
  buildSummaryModel,
  CHART_COLOURS,
  dateFormat,
  isFormulaLike,
  PALETTE,
  TEXT_FORMAT,
  type ExposurePlan,
} from '../sheet/output';
import { columnLetter, isBlank, isCellError, type Cell } from '../sheet/table';
import { argb, solidFill, writePlanCell } from './plan-cells';
import { isSummarySheet, SUMMARY_SHEET_NAME, writeSummarySheet } from './summary-sheet';
import { addColumnChart, chartsOfSheet } from './xlsx-chart';
import { writeFileAtomic } from './files';

export type WorkbookSource =
  | { kind: 'xlsx'; path: string; sheetName: string }
  /** `path`, when the table came from a file, lets the writer refuse to write over it. */
  | { kind: 'csv'; table: Cell[][]; sheetName: string; path?: string };

export interface AnnotateOptions {
  source: WorkbookSource;
  evaluation: Evaluation;
  /** 1-based row of the ledger's headers. */
  headerRow: number;
  /** 1-based row of the ledger's last data row. */
  lastDataRow: number;
  lang: Lang;
  outPath: string;
  /** Told about what the output cannot carry over from the input (ExcelJS drops charts and pivot tables). */
  onWarning?: (message: string) => void;
}

const EXPOSURE_COLUMN_COUNT = EXPOSURE_COLUMN_KEYS.length;

export async function writeAnnotatedWorkbook(options: AnnotateOptions): Promise<void> {
  const { source, evaluation, headerRow, lastDataRow, lang, outPath } = options;
  if (!Number.isInteger(headerRow) || headerRow < 1) throw new Error(`headerRow must be a row number ≥ 1`);
  if (!Number.isInteger(lastDataRow) || lastDataRow < headerRow) {
    throw new Error(`lastDataRow must be a row number ≥ headerRow (${headerRow})`);
  }
  await refuseSameFile(source, outPath);
  if (source.sheetName === SUMMARY_SHEET_NAME) {
    throw new Error(`the ledger sheet is named "${SUMMARY_SHEET_NAME}", the name of credit-cover's summary sheet`);
  }

  const workbook = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet;
  if (source.kind === 'xlsx') {
    const input = await fs.readFile(source.path);
    await warnAboutDroppedParts(input, options.onWarning);
    // The buffer type of @types/node 20 and ExcelJS's own `Buffer` declaration disagree; the bytes are the same.
    await workbook.xlsx.load(input as unknown as ExcelJS.Buffer);
    const found = workbook.getWorksheet(source.sheetName);
    if (!found) throw new Error(`${source.path} has no sheet named "${source.sheetName}"`);
    ws = found;
  } else {
    ws = workbook.addWorksheet(source.sheetName);
    writeCsvTable(ws, source.table, lang);
  }

  const firstColumn = placeExposureColumns(ws, headerRow, lastDataRow);
  const plan = buildExposurePlan(evaluation, { headerRow, firstOutputColumn: firstColumn, lastDataRow, lang });
  writeExposureColumns(ws, plan);

  const previous = workbook.getWorksheet(SUMMARY_SHEET_NAME);
  if (previous) {
    if (!isSummarySheet(previous)) {
      throw new Error(
        `the workbook already has a sheet named "${SUMMARY_SHEET_NAME}" that credit-cover did not write: rename it first`,
      );
    }
    workbook.removeWorksheet(previous.id);
  }
  const summary = workbook.addWorksheet(SUMMARY_SHEET_NAME);
  const model = buildSummaryModel(evaluation, lang);
  const placement = writeSummarySheet(summary, model);

  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  const withChart = await addColumnChart(written, {
    sheetName: SUMMARY_SHEET_NAME,
    title: model.chart.title,
    categoryColumn: placement.categoryColumn,
    headerRow: placement.headerRow,
    categories: model.chart.categories,
    series: model.chart.series.map((s) => ({ name: s.name, values: s.values, colour: CHART_COLOURS[s.key] })),
    valueFormat: model.formats.amount.replace('0.00', '0'),
    anchor: placement.anchor,
  });
  await writeFileAtomic(outPath, withChart);
}

/** The output must never replace its own input: a failed or wrong run would leave the user nothing. */
async function refuseSameFile(source: WorkbookSource, outPath: string): Promise<void> {
  const input = source.path;
  if (input === undefined) return;
  const [a, b] = await Promise.all([realPath(input), realPath(outPath)]);
  if (a === b) throw new Error(`the output ${outPath} is the input file: choose another output path`);
}

/** The canonical path, also for a file that does not exist yet (through its folder). */
async function realPath(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await fs.realpath(absolute);
  } catch {
    try {
      return path.join(await fs.realpath(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

async function warnAboutDroppedParts(input: Buffer, onWarning: ((message: string) => void) | undefined): Promise<void> {
  if (!onWarning) return;
  const zip = await JSZip.loadAsync(input);
  const names = Object.keys(zip.files);
  // The chart of a previous run's summary sheet is redrawn: only the user's own charts are lost.
  const ours = new Set(await chartsOfSheet(zip, SUMMARY_SHEET_NAME));
  const dropped: [RegExp, string][] = [
    [/^xl\/charts\/chart\d+\.xml$/, 'charts'],
    [/^xl\/pivotTables\//, 'pivot tables'],
    [/^xl\/slicers\//, 'slicers'],
    [/^xl\/chartsheets\//, 'chart sheets'],
  ];
  const lost = dropped
    .filter(([pattern]) => names.some((n) => pattern.test(n) && !ours.has(n)))
    .map(([, what]) => what);
  if (lost.length > 0) {
    onWarning(`the output workbook does not keep the input's ${lost.join(', ')} (the input file is unchanged)`);
  }
}

/**
 * A CSV cell's text as the number a user sees in it, only where that reading is certain: a plain
 * decimal (`1234.5`, `-1234,56`, `1 234,56`) of at most 15 significant digits. Leading zeros
 * (`0012345`: an id), a separator before three digits (`1,234`: thousands or decimals?),
 * currency signs and dates stay text, exactly as the file shows them.
 */
export function csvNumber(text: string): number | null {
  const m = /^(-?)(0|[1-9]\d*|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+)(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const digits = m[2].replace(/[ \u00a0\u202f]/g, '') + (m[3] ?? '');
  if (digits.replace(/^0+/, '').length > 15) return null;
  const value = Number(`${m[1]}${m[2].replace(/[ \u00a0\u202f]/g, '')}.${m[3] ?? '0'}`);
  return Object.is(value, -0) ? 0 : value;
}

/**
 * The CSV table as a sheet: numbers as numbers, text as text (formula-looking text included). A
 * CSV has no look of its own, so the sheet gets readable widths.
 */
function writeCsvTable(ws: ExcelJS.Worksheet, table: Cell[][], lang: Lang): void {
  const widths: number[] = [];
  table.forEach((values, r) => {
    values.forEach((value, c) => {
      if (value === null || value === '') return;
      const cell = ws.getCell(r + 1, c + 1);
      if (isCellError(value)) {
        // ExcelJS's error value type lists only some codes; the code is the CSV's own text.
        cell.value = { error: value.error } as ExcelJS.CellErrorValue;
      } else if (value instanceof Date) {
        cell.value = value;
        cell.numFmt = dateFormat(lang);
      } else if (typeof value === 'string') {
        const number = csvNumber(value);
        cell.value = number ?? value;
        if (number === null && isFormulaLike(value)) cell.numFmt = TEXT_FORMAT;
      } else {
        cell.value = value;
      }
      const shown = value instanceof Date ? 10 : isCellError(value) ? value.error.length : String(value).length;
      widths[c] = Math.max(widths[c] ?? 0, shown);
    });
  });
  widths.forEach((w, c) => (ws.getColumn(c + 1).width = Math.min(40, Math.max(10, w + 2))));
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v.trim() : cell.text.trim();
}

function isEmptyCell(cell: ExcelJS.Cell): boolean {
  const v = cell.value;
  return v === null || v === undefined || (typeof v === 'string' && isBlank(v));
}

/** The first column of a previous run's exposure columns on the header row, in either language. */
function previousRunColumn(ws: ExcelJS.Worksheet, headerRow: number): number | null {
  const row = ws.getRow(headerRow);
  const last = ws.columnCount;
  for (const { headers } of allExposureHeaderSets()) {
    for (let c = 1; c + headers.length - 1 <= last; c++) {
      if (headers.every((h, i) => cellText(row.getCell(c + i)) === h)) return c;
    }
  }
  return null;
}

function lastHeaderColumn(ws: ExcelJS.Worksheet, headerRow: number): number {
  let last = 0;
  ws.getRow(headerRow).eachCell({ includeEmpty: false }, (cell, col) => {
    if (!isEmptyCell(cell)) last = Math.max(last, col);
  });
  return last;
}

/** The worksheet's conditional formats: ExcelJS keeps them on an array its typings do not declare. */
function conditionalFormats(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
}

function refColumns(ref: string): { first: number; last: number }[] {
  return ref
    .split(/\s+/)
    .filter((part) => part !== '')
    .map((part) => {
      const cols = part.split(':').map((a) => columnNumber(a.replace(/\$/g, '').replace(/\d+$/, '')));
      return { first: Math.min(...cols), last: Math.max(...cols) };
    });
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/**
 * Where the exposure columns go: over a previous run's columns (cleared first), else right of the
 * ledger's last header. Refuses, naming the cell, when user data sits in the way.
 */
function placeExposureColumns(ws: ExcelJS.Worksheet, headerRow: number, lastDataRow: number): number {
  const previous = previousRunColumn(ws, headerRow);
  if (previous !== null) {
    clearPreviousRun(ws, headerRow, previous);
    return previous;
  }
  const lastHeader = lastHeaderColumn(ws, headerRow);
  if (lastHeader === 0) throw new Error(`row ${headerRow} of sheet "${ws.name}" has no headers`);
  const first = lastHeader + 1;
  for (let r = headerRow; r <= lastDataRow; r++) {
    const row = ws.getRow(r);
    for (let c = first; c < first + EXPOSURE_COLUMN_COUNT; c++) {
      const cell = row.getCell(c);
      if (!isEmptyCell(cell)) {
        throw new Error(
          `cannot add credit-cover's columns ${columnLetter(first - 1)}:${columnLetter(first + EXPOSURE_COLUMN_COUNT - 2)} ` +
            `to sheet "${ws.name}": cell ${columnLetter(c - 1)}${r} is not empty ("${cellText(cell)}"). ` +
            `Move that data, or give the column a header so it counts as part of the ledger.`,
        );
      }
    }
  }
  return first;
}

/** The columns a previous run wrote are credit-cover's own: values, styles and highlight rules go. */
function clearPreviousRun(ws: ExcelJS.Worksheet, headerRow: number, first: number): void {
  const last = first + EXPOSURE_COLUMN_COUNT - 1;
  for (let r = headerRow; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    for (let c = first; c <= last; c++) {
      const cell = row.getCell(c);
      cell.value = null;
      cell.style = {};
    }
  }
  const kept = conditionalFormats(ws).filter(
    (cf) => !refColumns(cf.ref).every((range) => range.first >= first && range.last <= last),
  );
  ws.removeConditionalFormatting((cf: ExcelJS.ConditionalFormattingOptions) => kept.includes(cf));
}

function writeExposureColumns(ws: ExcelJS.Worksheet, plan: ExposurePlan): void {
  const header = ws.getRow(plan.headerRow);
  // The user's header font (name, size), bold: the columns look part of their table.
  const userFont = plan.firstColumn > 1 ? header.getCell(plan.firstColumn - 1).font : undefined;
  plan.columns.forEach((column, i) => {
    const cell = header.getCell(column.column);
    cell.value = plan.headers[i].text;
    cell.font = {
      ...userFont,
      name: userFont?.name ?? 'Calibri',
      size: userFont?.size ?? 11,
      bold: true,
      color: argb(PALETTE.header.font),
    };
    cell.fill = solidFill(PALETTE.header.fill);
    cell.alignment = { horizontal: column.kind === 'text' ? 'left' : 'right' };
    ws.getColumn(column.column).width = column.width;
  });
  plan.rows.forEach((values, i) => {
    const row = ws.getRow(plan.firstDataRow + i);
    plan.columns.forEach((column, j) => writePlanCell(row.getCell(column.column), values[j], column.numberFormat));
  });

  // After the user's own rules: theirs keep precedence where ranges would ever meet.
  const base = Math.max(0, ...conditionalFormats(ws).flatMap((cf) => cf.rules.map((rule) => rule.priority ?? 0)));
  for (const rule of plan.highlights) {
    ws.addConditionalFormatting({
      ref: rule.address,
      rules: [
        {
          type: 'expression',
          priority: base + rule.priority,
          formulae: [rule.formula],
          style: {
            // Differential formats read the solid fill's colour from bgColor.
            fill: { type: 'pattern', pattern: 'solid', bgColor: argb(rule.style.fill) },
            font: { color: argb(rule.style.font), bold: rule.style.bold },
          },
        },
      ],
    });
  }
}
