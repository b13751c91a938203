/// <reference types="office-js" />
/**
 * Writing an evaluation back into the workbook: the exposure columns next to the ledger (from
 * `buildExposurePlan`), their highlight rules, and the `credit-cover` summary sheet with its chart
 * (from `buildSummaryModel`).
 *
 * Order of work, so that a run stopped half-way (a `sync` that throws) leaves either the previous
 * results or columns that say they are incomplete, and a re-run repairs them:
 * 1. check, without writing: the cells where the columns go hold nothing but a previous run's
 *    columns, and a `credit-cover` sheet, if any, is ours (1 sync; 2 when a block or the sheet must
 *    be identified by its content; 3 when refusing, to name the exact cells);
 * 2. record the run as incomplete and point the defined name at the new block;
 * 3. write the "incomplete" marker over the status header, then clear the previous block;
 * 4. headers, formats, values (in row slices that fit a request), highlight rules, summary sheet;
 * 5. replace the markers with the real header and title, record the run as complete.
 * Everything from step 2 on goes through one `Batch`: as few syncs as the 4 MB request budget
 * allows.
 */
import { EXPOSURE_COLUMN_KEYS } from '../sheet/output-labels';
import { PALETTE, TEXT_FORMAT, type CellRange, type ExposurePlan, type SummaryModel } from '../sheet/output';
import {
  absoluteRangeName,
  cellName,
  columnName,
  contains,
  parseAddress,
  qualifiedAddress,
  quoteSheetName,
  rangeName,
  sameRange,
  subtract,
  subtractAll,
} from './address';
import { Batch, payloadBytes, REQUEST_BUDGET_BYTES } from './batch';
import { cellFormat, excelValue } from './cells';
import { WouldOverwriteError } from './errors';
import { setEveryCell, writeGrid } from './grid';
import {
  EXPOSURE_WIDTH,
  INCOMPLETE_MARKERS,
  OUTPUT_NAME,
  OUTPUT_RECORD_FORMAT,
  OUTPUT_SETTING,
  SUMMARY_NAME,
  SUMMARY_SHEET_NAME,
  blockOfName,
  blocksOfRecord,
  findExposureHeaders,
  isExposureHeader,
  isSummaryTitle,
  parseOutputRecord,
  sheetOfSummaryName,
  type OutputRecord,
} from './ownership';
import { layoutSummary, type SummaryStyle } from './summary-layout';

export interface WriteResultsInput {
  sheetName: string;
  plan: ExposurePlan;
  summary: SummaryModel;
  /** Recorded with the run, for the task pane to show what the columns are about. */
  asOf?: string | null;
  policy?: { id: string; version: string; hash: string } | null;
  /** Request budget of one sync; 4 MB unless a test says otherwise. */
  requestBudgetBytes?: number;
}

export interface WriteReport {
  /** Where the exposure columns are, header row to last data row: `Ledger!J1:Q1001`. */
  address: string;
  summarySheet: string;
  /** Blocks of earlier runs that were cleared (they may coincide with `address`). */
  replaced: string[];
  /** All syncs, the checks included. */
  syncs: number;
  /** Estimated size of each writing sync's request. */
  requestBytes: number[];
}

/**
 * A column width in characters (as Excel and `sheet/output` give it) in points (as Office.js's
 * `columnWidth` takes it): Calibri 11 draws a digit in 7 px, plus 5 px of padding; 1 px = 0.75 pt.
 */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

const colour = (rgb: string): string => `#${rgb}`;

export async function writeResults(context: Excel.RequestContext, input: WriteResultsInput): Promise<WriteReport> {
  const { sheetName, plan, summary } = input;
  checkPlan(plan);
  if (sheetName.toLowerCase() === SUMMARY_SHEET_NAME) {
    throw new WouldOverwriteError(
      'ledger-sheet',
      sheetName,
      'A1',
      qualifiedAddress(sheetName, cell(1, 1)),
      `The ledger sheet is named "${SUMMARY_SHEET_NAME}", the name of credit-cover's summary sheet: rename the sheet first.`,
    );
  }
  const target: CellRange = {
    firstRow: plan.headerRow,
    lastRow: plan.lastDataRow,
    firstColumn: plan.firstColumn,
    lastColumn: plan.lastColumn,
  };
  const checked = await checkTargets(context, sheetName, target);
  let syncs = checked.syncs;

  const workbook = context.workbook;
  const sheet = workbook.worksheets.getItem(sheetName);
  const batch = new Batch(context, input.requestBudgetBytes ?? REQUEST_BUDGET_BYTES);
  const marker = INCOMPLETE_MARKERS[plan.lang];

  const record: OutputRecord = {
    format: OUTPUT_RECORD_FORMAT,
    sheetName,
    block: rangeName(target),
    summarySheet: SUMMARY_SHEET_NAME,
    complete: false,
    pending: checked.previous.map(rangeName),
    lang: plan.lang,
    asOf: input.asOf ?? null,
    policy: input.policy ?? null,
  };
  await batch.add(payloadBytes(record));
  workbook.settings.add(OUTPUT_SETTING, record);

  await batch.add(payloadBytes(absoluteRangeName(target)));
  if (checked.outputName.isNullObject) {
    const name = sheet.names.add(OUTPUT_NAME, sheet.getRange(rangeName(target)));
    name.visible = false;
  } else checked.outputName.formula = `=${quoteSheetName(sheetName)}!${absoluteRangeName(target)}`;

  const markerCell = cell(target.firstRow, target.firstColumn);
  await writeText(batch, sheet, markerCell, marker);
  for (const previous of checked.previous) {
    for (const part of subtract(previous, markerCell)) {
      await batch.add(payloadBytes(rangeName(part)));
      sheet.getRange(rangeName(part)).clear('All');
    }
    await batch.add(payloadBytes(rangeName(previous)));
    sheet.getRange(rangeName(previous)).conditionalFormats.clearAll();
  }

  await writeExposure(batch, sheet, plan);
  await writeSummary(batch, workbook, summary, checked, marker);

  // Last: the real header and title over the markers, and the run recorded as complete.
  await writeText(batch, sheet, markerCell, plan.headers[0].text);
  await batch.add(payloadBytes(record));
  workbook.settings.add(OUTPUT_SETTING, { ...record, complete: true, pending: [] });
  await batch.flush();
  syncs += batch.syncs;

  return {
    address: qualifiedAddress(sheetName, target),
    summarySheet: SUMMARY_SHEET_NAME,
    replaced: checked.previous.map((p) => qualifiedAddress(sheetName, p)),
    syncs,
    requestBytes: [...batch.sent],
  };
}

function cell(row: number, column: number): CellRange {
  return { firstRow: row, lastRow: row, firstColumn: column, lastColumn: column };
}

function checkPlan(plan: ExposurePlan): void {
  const width = plan.lastColumn - plan.firstColumn + 1;
  if (plan.columns.length !== EXPOSURE_WIDTH || width !== EXPOSURE_WIDTH || plan.headers.length !== EXPOSURE_WIDTH) {
    throw new Error(`an exposure plan has ${EXPOSURE_COLUMN_KEYS.length} columns; this one has ${plan.columns.length}`);
  }
  // `buildExposurePlan` gives one row per sheet row from the row below the header to lastDataRow.
  if (plan.firstDataRow !== plan.headerRow + 1 || plan.rows.length !== Math.max(0, plan.lastDataRow - plan.headerRow)) {
    throw new Error('the exposure plan rows do not match its first and last data rows');
  }
}

/** A text into one cell: the text format first, so the string is never read as a formula. */
async function writeText(batch: Batch, sheet: Excel.Worksheet, at: CellRange, text: string): Promise<void> {
  await batch.add(payloadBytes([[TEXT_FORMAT]]) + payloadBytes([[text]]));
  const range = sheet.getRange(rangeName(at));
  range.numberFormat = [[TEXT_FORMAT]];
  range.values = [[text]];
}

interface Checked {
  syncs: number;
  outputName: Excel.NamedItem;
  summaryName: Excel.NamedItem;
  /** Blocks of earlier runs on this sheet, verified by their header cells. */
  previous: CellRange[];
  summaryExists: boolean;
}

/**
 * Step 1: what is where the output goes. Throws `WouldOverwriteError` naming the first cells of
 * the user's that the output would cover.
 */
async function checkTargets(context: Excel.RequestContext, sheetName: string, target: CellRange): Promise<Checked> {
  const workbook = context.workbook;
  const sheet = workbook.worksheets.getItem(sheetName);
  const sheets = workbook.worksheets.load('items/name');
  const outputName = sheet.names.getItemOrNullObject(OUTPUT_NAME).load('formula');
  const summaryName = workbook.names.getItemOrNullObject(SUMMARY_NAME).load('formula');
  const setting = workbook.settings.getItemOrNullObject(OUTPUT_SETTING).load('value');
  const headerRow = sheet
    .getRange(`${target.firstRow}:${target.firstRow}`)
    .getUsedRangeOrNullObject(true)
    .load('address, values');
  const targetUsed = sheet.getRange(rangeName(target)).getUsedRangeOrNullObject(true).load('address');
  await context.sync();
  let syncs = 1;

  // The header row as an array from column A, where the target's header row has values.
  const header: unknown[] = [];
  if (!headerRow.isNullObject) {
    const { range } = parseAddress(headerRow.address);
    headerRow.values[0].forEach((v, j) => (header[range.firstColumn - 1 + j] = v === '' ? null : v));
  }
  const headerCells = (block: CellRange): unknown[] =>
    Array.from({ length: EXPOSURE_WIDTH }, (_, i) => header[block.firstColumn - 1 + i] ?? null);

  type Candidate = { block: CellRange; tracked: boolean; cells?: Excel.Range; extent?: Excel.Range };
  const candidates: Candidate[] = [];
  if (!outputName.isNullObject) {
    const block = blockOfName(outputName.formula, sheetName);
    if (block) candidates.push({ block, tracked: true });
  }
  const record = setting.isNullObject ? null : parseOutputRecord(setting.value);
  for (const block of blocksOfRecord(record, sheetName)) candidates.push({ block, tracked: true });
  const found = findExposureHeaders(header);
  if (
    found !== null &&
    !candidates.some((c) => c.block.firstRow === target.firstRow && c.block.firstColumn === found)
  ) {
    const block = { ...target, firstColumn: found, lastColumn: found + EXPOSURE_WIDTH - 1 };
    candidates.push({ block, tracked: false });
  }

  const summaryExists = sheets.items.some((s) => s.name.toLowerCase() === SUMMARY_SHEET_NAME);
  const summaryNamed =
    !summaryName.isNullObject && sheetOfSummaryName(summaryName.formula)?.toLowerCase() === SUMMARY_SHEET_NAME;

  // A second look where the first could not tell: header cells on another row, the rows of a
  // block found by its headers alone, the title of a `credit-cover` sheet no name vouches for.
  let summaryTitle: Excel.Range | null = null;
  let summaryUsed: Excel.Range | null = null;
  for (const c of candidates) {
    if (c.block.firstRow !== target.firstRow)
      c.cells = sheet.getRange(rangeName({ ...c.block, lastRow: c.block.firstRow })).load('values');
    if (!c.tracked) {
      const columns = `${columnName(c.block.firstColumn)}:${columnName(c.block.lastColumn)}`;
      c.extent = sheet.getRange(columns).getUsedRangeOrNullObject(true).load('address');
    }
  }
  if (summaryExists && !summaryNamed) {
    const summarySheet = workbook.worksheets.getItem(SUMMARY_SHEET_NAME);
    summaryTitle = summarySheet.getRange('A1').load('values');
    summaryUsed = summarySheet.getUsedRangeOrNullObject(true).load('address');
  }
  if (summaryTitle !== null || candidates.some((c) => c.cells || c.extent)) {
    await context.sync();
    syncs++;
  }

  const previous: CellRange[] = [];
  for (const c of candidates) {
    const cells = c.cells ? c.cells.values[0] : headerCells(c.block);
    if (!isExposureHeader(cells, c.tracked)) continue;
    let block = c.block;
    if (c.extent && !c.extent.isNullObject) {
      block = { ...block, lastRow: Math.max(block.lastRow, parseAddress(c.extent.address).range.lastRow) };
    }
    if (!previous.some((p) => sameRange(p, block))) previous.push(block);
  }

  // An empty sheet holds nothing to lose (a run stopped right after adding it leaves one).
  if (summaryTitle !== null && !isSummaryTitle(summaryTitle.values[0][0]) && !summaryUsed?.isNullObject) {
    throw new WouldOverwriteError(
      'summary-sheet',
      SUMMARY_SHEET_NAME,
      'A1',
      qualifiedAddress(SUMMARY_SHEET_NAME, cell(1, 1)),
      `The workbook already has a sheet named "${SUMMARY_SHEET_NAME}" that credit-cover did not write: rename it, and run again.`,
    );
  }

  if (!targetUsed.isNullObject) {
    const used = parseAddress(targetUsed.address).range;
    if (!previous.some((p) => contains(p, used))) {
      // Name the cells themselves, not a bounding box that may straddle a previous block.
      const parts = subtractAll(target, previous).map((part) =>
        sheet.getRange(rangeName(part)).getUsedRangeOrNullObject(true).load('address'),
      );
      await context.sync();
      syncs++;
      const hit = parts.find((p) => !p.isNullObject);
      if (hit) {
        const { range } = parseAddress(hit.address);
        const columns = `${columnName(target.firstColumn)}:${columnName(target.lastColumn)}`;
        throw new WouldOverwriteError(
          'cells',
          sheetName,
          rangeName(range),
          qualifiedAddress(sheetName, range),
          `credit-cover's columns go in ${columns} of sheet "${sheetName}", rows ${target.firstRow} to ${target.lastRow}, ` +
            `but ${qualifiedAddress(sheetName, range)} holds data credit-cover did not write. ` +
            `Move that data, or give its column a header so it counts as part of the ledger, and run again.`,
        );
      }
    }
  }
  return { syncs, outputName, summaryName, previous, summaryExists };
}

async function writeExposure(batch: Batch, sheet: Excel.Worksheet, plan: ExposurePlan): Promise<void> {
  const header = plan.headerRow;
  // The other seven headers; the first cell holds the marker until the end.
  await writeRow(
    batch,
    sheet,
    header,
    plan.firstColumn + 1,
    plan.headers.slice(1).map((h) => h.text),
  );
  const headerRange = sheet.getRangeByIndexes(header - 1, plan.firstColumn - 1, 1, EXPOSURE_WIDTH);
  await batch.add(payloadBytes([PALETTE.header]) * 2);
  headerRange.format.font.bold = true;
  headerRange.format.font.color = colour(PALETTE.header.font);
  headerRange.format.fill.color = colour(PALETTE.header.fill);
  for (const column of plan.columns) {
    await batch.add(payloadBytes(column.width) * 2);
    const one = sheet.getRangeByIndexes(header - 1, column.column - 1, 1, 1);
    one.format.horizontalAlignment = column.kind === 'text' ? 'Left' : 'Right';
    one.format.columnWidth = widthInPoints(column.width);
  }

  if (plan.rows.length > 0) {
    const columnFormats = plan.columns.map((c) => c.numberFormat);
    const mixed = plan.rows.some((row) => row.some((v, j) => cellFormat(v, columnFormats[j]) !== columnFormats[j]));
    await writeGrid(batch, sheet, {
      row: plan.firstDataRow,
      column: plan.firstColumn,
      values: plan.rows.map((row) => row.map(excelValue)),
      ...(mixed
        ? { cellFormats: plan.rows.map((row) => row.map((v, j) => cellFormat(v, columnFormats[j]))) }
        : { columnFormats }),
    });
  }

  // Office.js adds each conditional format at the top priority: adding the plan's rules last
  // first leaves its priority 1 on top. A handful of rules, whatever the number of rows.
  for (const rule of [...plan.highlights].reverse()) {
    await batch.add(payloadBytes(rule));
    const format = sheet.getRange(rule.address).conditionalFormats.add('Custom');
    format.custom.rule.formula = `=${rule.formula}`;
    format.custom.format.fill.color = colour(rule.style.fill);
    format.custom.format.font.color = colour(rule.style.font);
    if (rule.style.bold) format.custom.format.font.bold = true;
  }
}

/** One row of texts, each in a text-formatted cell. */
async function writeRow(
  batch: Batch,
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  texts: string[],
): Promise<void> {
  if (texts.length === 0) return;
  await batch.add(payloadBytes([texts]) * 2);
  const range = sheet.getRangeByIndexes(row - 1, column - 1, 1, texts.length);
  setEveryCell(range, 'numberFormat', TEXT_FORMAT);
  range.values = [texts];
}

async function writeSummary(
  batch: Batch,
  workbook: Excel.Workbook,
  model: SummaryModel,
  checked: Checked,
  marker: string,
): Promise<void> {
  const layout = layoutSummary(model);
  await batch.add(payloadBytes(SUMMARY_SHEET_NAME) * 3);
  if (checked.summaryExists) workbook.worksheets.getItem(SUMMARY_SHEET_NAME).delete();
  const sheet = workbook.worksheets.add(SUMMARY_SHEET_NAME);
  await writeText(batch, sheet, cell(1, 1), marker);
  if (checked.summaryName.isNullObject) {
    const name = workbook.names.add(SUMMARY_NAME, sheet.getRange('A1'));
    name.visible = false;
  } else checked.summaryName.formula = `=${quoteSheetName(SUMMARY_SHEET_NAME)}!$A$1`;

  for (const [i, width] of layout.columnWidths.entries()) {
    await batch.add(payloadBytes(width));
    sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = widthInPoints(width);
  }
  for (const grid of layout.grids) await writeGrid(batch, sheet, grid);
  for (const styled of layout.styles) {
    await batch.add(payloadBytes(styled) * 3);
    applyStyle(sheet.getRange(rangeName(styled.range)), styled.style, styled.alignRight === true);
  }
  if (layout.chart) {
    const { chart: c } = layout;
    await batch.add(payloadBytes(c) * 4);
    const chart = sheet.charts.add('ColumnClustered', sheet.getRange(rangeName(c.source)), 'Columns');
    chart.title.text = c.title;
    chart.legend.position = 'Bottom';
    chart.setPosition(
      cellName(c.position.firstRow, c.position.firstColumn),
      cellName(c.position.lastRow, c.position.lastColumn),
    );
    c.colours.forEach((rgb, i) => chart.series.getItemAt(i).format.fill.setSolidColor(colour(rgb)));
  }
  await writeText(batch, sheet, cell(1, 1), layout.title);
}

function applyStyle(range: Excel.Range, style: SummaryStyle, alignRight: boolean): void {
  const font = range.format.font;
  switch (style) {
    case 'title':
      font.bold = true;
      font.size = 16;
      font.color = colour(PALETTE.header.font);
      break;
    case 'heading':
      font.bold = true;
      font.size = 12;
      font.color = colour(PALETTE.header.font);
      break;
    case 'header':
      font.bold = true;
      font.color = colour(PALETTE.header.font);
      range.format.fill.color = colour(PALETTE.header.fill);
      if (alignRight) range.format.horizontalAlignment = 'Right';
      break;
    case 'subtitle':
    case 'note':
      font.italic = true;
      break;
  }
}
