/**
 * Where each part of the summary model goes on the `credit-cover` sheet, as plain data: the same
 * arrangement as the CLI's summary sheet (title, policy, totals and counts on the left, the chart
 * data and the chart on the right, then the buyers, declarations and diagnostics tables), so the
 * sheet looks the same whichever host wrote it. No Office.js here.
 */
import {
  CHART_COLOURS,
  TEXT_FORMAT,
  type CellRange,
  type SummaryBlock,
  type SummaryModel,
  type SummaryTable,
} from '../sheet/output';
import { cellFormat, excelValue, type ExcelValue } from './cells';

/** A rectangle of cells written at once. Number formats per column (same for every row) or per cell. */
export interface Grid {
  row: number;
  column: number;
  values: ExcelValue[][];
  columnFormats?: string[];
  cellFormats?: string[][];
}

export type SummaryStyle = 'title' | 'subtitle' | 'heading' | 'header' | 'note';

export interface StyledRange {
  range: CellRange;
  style: SummaryStyle;
  /** Header cells over figures sit right, where the figures end. */
  alignRight?: boolean;
}

export interface SummaryLayout {
  /** Widths of columns A, B, … in characters. */
  columnWidths: number[];
  /** A1, written last (an "incomplete" marker stands there until the rest is written). */
  title: string;
  grids: Grid[];
  styles: StyledRange[];
  chart: {
    /** Category column and series columns, their header row included. */
    source: CellRange;
    title: string;
    /** Series colours, RRGGBB, in series order. */
    colours: string[];
    /** Top-left and bottom-right cells the chart covers. */
    position: CellRange;
  } | null;
}

const LABEL_COLUMN = 1;
const CHART_DATA_COLUMN = 4;
const CHART_WIDTH_COLUMNS = 8;
const CHART_HEIGHT_ROWS = 18;
const COLUMN_WIDTHS = [30, 24, 14, 18, 15, 15, 15, 15, 15, 15, 15, 28];

const cell = (row: number, column: number): CellRange => ({
  firstRow: row,
  lastRow: row,
  firstColumn: column,
  lastColumn: column,
});

const textGrid = (row: number, column: number, text: string): Grid => ({
  row,
  column,
  values: [[text]],
  columnFormats: [TEXT_FORMAT],
});

export function layoutSummary(model: SummaryModel): SummaryLayout {
  const grids: Grid[] = [];
  const styles: StyledRange[] = [];
  const { formats } = model;

  grids.push(textGrid(2, LABEL_COLUMN, model.subtitle));
  styles.push({ range: cell(1, LABEL_COLUMN), style: 'title' }, { range: cell(2, LABEL_COLUMN), style: 'subtitle' });

  const block = (row: number, b: SummaryBlock): number => {
    grids.push(textGrid(row, LABEL_COLUMN, b.heading));
    styles.push({ range: cell(row, LABEL_COLUMN), style: 'heading' });
    if (b.items.length > 0) {
      grids.push({
        row: row + 1,
        column: LABEL_COLUMN,
        values: b.items.map((item) => [item.label, excelValue(item.value)]),
        cellFormats: b.items.map((item) => [TEXT_FORMAT, cellFormat(item.value, formats[item.kind])]),
      });
    }
    return row + 1 + b.items.length;
  };
  let left = block(4, model.policy) + 1;
  left = block(left, model.totals) + 1;
  left = block(left, model.counts);

  // The chart reads these cells, so a user can check every bar against a figure.
  const { chart } = model;
  grids.push(textGrid(4, CHART_DATA_COLUMN, chart.heading));
  styles.push({ range: cell(4, CHART_DATA_COLUMN), style: 'heading' });
  const dataHeader = 5;
  grids.push({
    row: dataHeader,
    column: CHART_DATA_COLUMN,
    values: [[chart.categoryHeader, ...chart.series.map((s) => s.name)]],
    columnFormats: [TEXT_FORMAT, ...chart.series.map(() => TEXT_FORMAT)],
  });
  styles.push({ range: cell(dataHeader, CHART_DATA_COLUMN), style: 'header' });
  if (chart.series.length > 0) {
    styles.push({
      range: {
        firstRow: dataHeader,
        lastRow: dataHeader,
        firstColumn: CHART_DATA_COLUMN + 1,
        lastColumn: CHART_DATA_COLUMN + chart.series.length,
      },
      style: 'header',
      alignRight: true,
    });
  }
  if (chart.categories.length > 0) {
    grids.push({
      row: dataHeader + 1,
      column: CHART_DATA_COLUMN,
      values: chart.categories.map((category, i) => [category, ...chart.series.map((s) => s.values[i])]),
      columnFormats: [TEXT_FORMAT, ...chart.series.map(() => formats.amount)],
    });
  }
  const chartTop = dataHeader + chart.categories.length + 2;
  const chartLayout =
    chart.categories.length > 0 && chart.series.length > 0
      ? {
          source: {
            firstRow: dataHeader,
            lastRow: dataHeader + chart.categories.length,
            firstColumn: CHART_DATA_COLUMN,
            lastColumn: CHART_DATA_COLUMN + chart.series.length,
          },
          title: chart.title,
          colours: chart.series.map((s) => CHART_COLOURS[s.key]),
          position: {
            firstRow: chartTop,
            lastRow: chartTop + CHART_HEIGHT_ROWS,
            firstColumn: CHART_DATA_COLUMN,
            lastColumn: CHART_DATA_COLUMN + CHART_WIDTH_COLUMNS,
          },
        }
      : null;

  const table = (row: number, t: SummaryTable): number => {
    grids.push(textGrid(row, 1, t.heading));
    styles.push({ range: cell(row, 1), style: 'heading' });
    let r = row + 1;
    if (t.note !== null) {
      grids.push(textGrid(r, 1, t.note));
      styles.push({ range: cell(r, 1), style: 'note' });
      r++;
    }
    grids.push({
      row: r,
      column: 1,
      values: [t.columns.map((c) => c.header)],
      columnFormats: t.columns.map(() => TEXT_FORMAT),
    });
    t.columns.forEach((c, i) =>
      styles.push({ range: cell(r, i + 1), style: 'header', alignRight: c.kind !== 'text' && c.key !== 'row' }),
    );
    r++;
    if (t.rows.length === 0) {
      grids.push(textGrid(r, 1, t.emptyText));
      styles.push({ range: cell(r, 1), style: 'note' });
      return r + 2;
    }
    const columnFormats = t.columns.map((c) => formats[c.kind]);
    // One format per column sends far less; a text cell in a column of figures needs its own.
    const mixed = t.rows.some((values) => values.some((v, i) => cellFormat(v, columnFormats[i]) !== columnFormats[i]));
    grids.push({
      row: r,
      column: 1,
      values: t.rows.map((values) => values.map(excelValue)),
      ...(mixed
        ? { cellFormats: t.rows.map((values) => values.map((v, i) => cellFormat(v, columnFormats[i]))) }
        : { columnFormats }),
    });
    return r + t.rows.length + 1;
  };
  let r = Math.max(left, chartTop + CHART_HEIGHT_ROWS + 1) + 2;
  r = table(r, model.buyers);
  r = table(r, model.declarations);
  table(r, model.diagnostics);

  return { columnWidths: COLUMN_WIDTHS, title: model.title, grids, styles, chart: chartLayout };
}
