/**
 * Lays the summary model (`sheet/output`) out on a new worksheet: title, policy, totals and counts
 * on the left, the chart data and the chart on the right, then the tables below. Returns where the
 * chart data and the chart went, for the chart part added beside the sheet.
 */
import { allSummaryTitles } from '../sheet/output-labels';
import {
  asTextCell,
  isTextCell,
  PALETTE,
  TEXT_FORMAT,
  type PlanCell,
  type SummaryBlock,
  type SummaryModel,
  type SummaryTable,
} from '../sheet/output';
import type { CellStyle, FontSpec } from './xlsx-write-styles';
import { SheetBuilder } from './xlsx-write-sheet';

/** Stable across languages, so a re-run in the other language finds and replaces it. */
export const SUMMARY_SHEET_NAME = 'credit-cover';

/** A sheet credit-cover wrote (its title in A1), as opposed to a user's sheet that happens to bear the name. */
export function isSummaryTitle(a1: string): boolean {
  return allSummaryTitles().includes(a1);
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
const FONT: FontSpec = { name: 'Calibri', family: 2, size: 11 };

/**
 * The sheet's cell styles, one object per look: the sheet builder turns each object into one cell
 * format, so thousands of buyer rows share a handful of formats.
 */
class Styles {
  private readonly headers: CellStyle[] = [];
  private readonly values = new Map<string, CellStyle[]>();
  private readonly formatStyles = new Map<string, CellStyle>();
  readonly heading: CellStyle = { font: { ...FONT, bold: true, size: 12, colour: PALETTE.header.font } };
  readonly title: CellStyle = { font: { ...FONT, bold: true, size: 16, colour: PALETTE.header.font } };
  readonly note: CellStyle = { font: { ...FONT, italic: true } };

  constructor(private readonly formats: SummaryModel['formats']) {}

  header(alignRight: boolean): CellStyle {
    return (this.headers[alignRight ? 1 : 0] ??= {
      font: { ...FONT, bold: true, colour: PALETTE.header.font },
      fill: PALETTE.header.fill,
      bottomBorder: PALETTE.header.font,
      // Over a column of figures, the header sits where the figures end.
      ...(alignRight ? { horizontal: 'right' as const } : {}),
    });
  }

  /** A value: text keeps the text format (so an edit cannot make it a formula), figures their format. */
  value(cell: PlanCell, kind: keyof SummaryModel['formats'], left = false): CellStyle {
    let variants = this.values.get(kind);
    if (variants === undefined) {
      variants = [];
      this.values.set(kind, variants);
    }
    const isText = isTextCell(cell);
    return (variants[(isText ? 2 : 0) + (left ? 1 : 0)] ??= {
      numFmt: isText ? TEXT_FORMAT : this.formats[kind],
      ...(left ? { horizontal: 'left' as const } : {}),
    });
  }

  format(numFmt: string): CellStyle {
    let style = this.formatStyles.get(numFmt);
    if (style === undefined) {
      style = { numFmt };
      this.formatStyles.set(numFmt, style);
    }
    return style;
  }
}

function text(value: string): PlanCell {
  return asTextCell(value);
}

/** Label / value pairs; returns the next free row. */
function writeBlock(sheet: SheetBuilder, styles: Styles, row: number, block: SummaryBlock): number {
  sheet.set(row, LABEL_COLUMN, text(block.heading), styles.heading);
  let r = row + 1;
  for (const item of block.items) {
    sheet.set(r, LABEL_COLUMN, text(item.label));
    // Figures right-aligned as usual; identifiers and the date read better flush with their label.
    const left = item.kind === 'text' || item.kind === 'date';
    sheet.set(r, VALUE_COLUMN, item.value, styles.value(item.value, item.kind, left));
    r++;
  }
  return r;
}

/** A table with its heading and header row; returns the header row and the next free row. */
function writeTable(
  sheet: SheetBuilder,
  styles: Styles,
  row: number,
  table: SummaryTable,
): { headerRow: number; lastRow: number; next: number } {
  sheet.set(row, 1, text(table.heading), styles.heading);
  let r = row + 1;
  if (table.note !== null) {
    sheet.set(r, 1, text(table.note), styles.note);
    r++;
  }
  const headerRow = r;
  table.columns.forEach((c, i) =>
    sheet.set(headerRow, i + 1, text(c.header), styles.header(c.kind !== 'text' && c.key !== 'row')),
  );
  r++;
  if (table.rows.length === 0) {
    sheet.set(r, 1, text(table.emptyText), styles.note);
    return { headerRow, lastRow: r, next: r + 2 };
  }
  for (const values of table.rows) {
    table.columns.forEach((c, i) => {
      // A row number is a reference, not a figure: flush left like the ids next to it.
      sheet.set(r, i + 1, values[i], styles.value(values[i], c.kind, c.key === 'row'));
    });
    r++;
  }
  return { headerRow, lastRow: r - 1, next: r + 1 };
}

export function buildSummarySheet(model: SummaryModel): { sheet: SheetBuilder; placement: ChartPlacement } {
  const sheet = new SheetBuilder();
  const styles = new Styles(model.formats);
  COLUMN_WIDTHS.forEach((width, i) => sheet.width(i + 1, width));
  sheet.set(1, 1, text(model.title), styles.title);
  sheet.set(2, 1, text(model.subtitle), styles.note);

  let left = writeBlock(sheet, styles, 4, model.policy) + 1;
  left = writeBlock(sheet, styles, left, model.totals) + 1;
  left = writeBlock(sheet, styles, left, model.counts);

  // Chart data right of the blocks: the chart's series read these cells, so a user can check them.
  const { chart } = model;
  sheet.set(4, CHART_DATA_COLUMN, text(chart.heading), styles.heading);
  const dataHeader = 5;
  sheet.set(dataHeader, CHART_DATA_COLUMN, text(chart.categoryHeader), styles.header(false));
  chart.series.forEach((s, j) => sheet.set(dataHeader, CHART_DATA_COLUMN + 1 + j, text(s.name), styles.header(true)));
  chart.categories.forEach((category, i) => {
    const r = dataHeader + 1 + i;
    sheet.set(r, CHART_DATA_COLUMN, text(category), styles.format(TEXT_FORMAT));
    chart.series.forEach((s, j) =>
      sheet.set(r, CHART_DATA_COLUMN + 1 + j, s.values[i], styles.format(model.formats.amount)),
    );
  });
  const chartTop = dataHeader + chart.categories.length + 2;
  const anchor = {
    fromCol: CHART_DATA_COLUMN - 1,
    fromRow: chartTop - 1,
    toCol: CHART_DATA_COLUMN - 1 + CHART_WIDTH_COLUMNS,
    toRow: chartTop - 1 + CHART_HEIGHT_ROWS,
  };

  let r = Math.max(left, anchor.toRow + 1) + 2;
  const buyers = writeTable(sheet, styles, r, model.buyers);
  if (model.buyers.rows.length > 0) sheet.autoFilter(buyers.headerRow, 1, buyers.lastRow, model.buyers.columns.length);
  r = writeTable(sheet, styles, buyers.next, model.declarations).next;
  writeTable(sheet, styles, r, model.diagnostics);

  sheet.hideGridLines();
  // Printed (or turned into a PDF for a client) one page wide, however many buyers.
  sheet.landscapeOnePageWide();
  return {
    sheet,
    placement: {
      categoryColumn: CHART_DATA_COLUMN,
      headerRow: dataHeader,
      categoryCount: chart.categories.length,
      seriesCount: chart.series.length,
      anchor,
    },
  };
}
