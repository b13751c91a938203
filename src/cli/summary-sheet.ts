/**
 * Lays the summary model (`sheet/output`) out on an ExcelJS worksheet: title, policy, totals and
 * counts on the left, the chart data and the chart on the right, then the tables below.
 * Returns where the chart data and the chart went, for the chart part added after ExcelJS writes.
 */
import type ExcelJS from 'exceljs';
import { allSummaryTitles } from '../sheet/output-labels';
import { PALETTE, type SummaryBlock, type SummaryModel, type SummaryTable } from '../sheet/output';
import { argb, solidFill, writePlanCell } from './plan-cells';

/** Stable across languages, so a re-run in the other language finds and replaces it. */
export const SUMMARY_SHEET_NAME = 'credit-cover';

/** A sheet credit-cover wrote (its title in A1), as opposed to a user's sheet that happens to bear the name. */
export function isSummarySheet(ws: ExcelJS.Worksheet): boolean {
  const title = ws.getCell(1, 1).value;
  return typeof title === 'string' && allSummaryTitles().includes(title);
}

/** 1-based cell coordinates of the chart data, and the 0-based anchor of the chart drawing. */
export interface ChartPlacement {
  /** Column of the category labels; the series follow in the next columns. */
  categoryColumn: number;
  /** Row of the series names; categories and values start on the next row. */
  headerRow: number;
  categoryCount: number;
  seriesCount: number;
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
}

const LABEL_COLUMN = 1;
const VALUE_COLUMN = 2;
const CHART_DATA_COLUMN = 4;
const CHART_WIDTH_COLUMNS = 8;
const CHART_HEIGHT_ROWS = 18;
const COLUMN_WIDTHS = [30, 24, 14, 18, 15, 15, 15, 15, 15, 15, 15, 28];
/** A font without a name renders in the reader's fallback (a serif in LibreOffice): name Excel's default. */
const FONT = { name: 'Calibri', family: 2, size: 11 } as const;

function heading(ws: ExcelJS.Worksheet, row: number, column: number, text: string): void {
  const cell = ws.getCell(row, column);
  cell.value = text;
  cell.font = { ...FONT, bold: true, size: 12, color: argb(PALETTE.header.font) };
}

function headerCell(cell: ExcelJS.Cell, text: string, alignRight = false): void {
  cell.value = text;
  // Over a column of figures, the header sits where the figures end.
  if (alignRight) cell.alignment = { horizontal: 'right' };
  cell.font = { ...FONT, bold: true, color: argb(PALETTE.header.font) };
  cell.fill = solidFill(PALETTE.header.fill);
  cell.border = { bottom: { style: 'thin', color: argb(PALETTE.header.font) } };
}

/** Label / value pairs; returns the next free row. */
function writeBlock(ws: ExcelJS.Worksheet, row: number, block: SummaryBlock, formats: SummaryModel['formats']): number {
  heading(ws, row, LABEL_COLUMN, block.heading);
  let r = row + 1;
  for (const item of block.items) {
    ws.getCell(r, LABEL_COLUMN).value = item.label;
    writePlanCell(ws.getCell(r, VALUE_COLUMN), item.value, formats[item.kind]);
    // Figures right-aligned as usual; identifiers and the date read better flush with their label.
    if (item.kind === 'text' || item.kind === 'date') ws.getCell(r, VALUE_COLUMN).alignment = { horizontal: 'left' };
    r++;
  }
  return r;
}

/** A table with its heading and header row; returns the header row and the next free row. */
function writeTable(
  ws: ExcelJS.Worksheet,
  row: number,
  table: SummaryTable,
  formats: SummaryModel['formats'],
): { headerRow: number; lastRow: number; next: number } {
  heading(ws, row, 1, table.heading);
  let r = row + 1;
  if (table.note !== null) {
    ws.getCell(r, 1).value = table.note;
    ws.getCell(r, 1).font = { ...FONT, italic: true };
    r++;
  }
  const headerRow = r;
  table.columns.forEach((c, i) =>
    headerCell(ws.getCell(headerRow, i + 1), c.header, c.kind !== 'text' && c.key !== 'row'),
  );
  r++;
  if (table.rows.length === 0) {
    ws.getCell(r, 1).value = table.emptyText;
    ws.getCell(r, 1).font = { ...FONT, italic: true };
    return { headerRow, lastRow: r, next: r + 2 };
  }
  for (const values of table.rows) {
    table.columns.forEach((c, i) => {
      const cell = ws.getCell(r, i + 1);
      writePlanCell(cell, values[i], formats[c.kind]);
      // A row number is a reference, not a figure: flush left like the ids next to it.
      if (c.key === 'row') cell.alignment = { horizontal: 'left' };
    });
    r++;
  }
  return { headerRow, lastRow: r - 1, next: r + 1 };
}

export function writeSummarySheet(ws: ExcelJS.Worksheet, model: SummaryModel): ChartPlacement {
  COLUMN_WIDTHS.forEach((width, i) => (ws.getColumn(i + 1).width = width));
  const title = ws.getCell(1, 1);
  title.value = model.title;
  title.font = { ...FONT, bold: true, size: 16, color: argb(PALETTE.header.font) };
  ws.getCell(2, 1).value = model.subtitle;
  ws.getCell(2, 1).font = { ...FONT, italic: true };

  let left = writeBlock(ws, 4, model.policy, model.formats) + 1;
  left = writeBlock(ws, left, model.totals, model.formats) + 1;
  left = writeBlock(ws, left, model.counts, model.formats);

  // Chart data right of the blocks: the chart's series read these cells, so a user can check them.
  const { chart } = model;
  heading(ws, 4, CHART_DATA_COLUMN, chart.heading);
  const dataHeader = 5;
  headerCell(ws.getCell(dataHeader, CHART_DATA_COLUMN), chart.categoryHeader);
  chart.series.forEach((s, j) => headerCell(ws.getCell(dataHeader, CHART_DATA_COLUMN + 1 + j), s.name, true));
  chart.categories.forEach((category, i) => {
    const r = dataHeader + 1 + i;
    ws.getCell(r, CHART_DATA_COLUMN).value = category;
    ws.getCell(r, CHART_DATA_COLUMN).numFmt = '@';
    chart.series.forEach((s, j) => {
      const cell = ws.getCell(r, CHART_DATA_COLUMN + 1 + j);
      cell.value = s.values[i];
      cell.numFmt = model.formats.amount;
    });
  });
  const chartTop = dataHeader + chart.categories.length + 2;
  const anchor = {
    fromCol: CHART_DATA_COLUMN - 1,
    fromRow: chartTop - 1,
    toCol: CHART_DATA_COLUMN - 1 + CHART_WIDTH_COLUMNS,
    toRow: chartTop - 1 + CHART_HEIGHT_ROWS,
  };

  let r = Math.max(left, anchor.toRow + 1) + 2;
  const buyers = writeTable(ws, r, model.buyers, model.formats);
  if (model.buyers.rows.length > 0) {
    ws.autoFilter = {
      from: { row: buyers.headerRow, column: 1 },
      to: { row: buyers.lastRow, column: model.buyers.columns.length },
    };
  }
  r = writeTable(ws, buyers.next, model.declarations, model.formats).next;
  writeTable(ws, r, model.diagnostics, model.formats);

  ws.views = [{ state: 'normal', showGridLines: false }];
  // Printed (or turned into a PDF for a client) one page wide, however many buyers.
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return {
    categoryColumn: CHART_DATA_COLUMN,
    headerRow: dataHeader,
    categoryCount: chart.categories.length,
    seriesCount: chart.series.length,
    anchor,
  };
}
