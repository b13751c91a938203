/**
 * A new worksheet part built cell by cell (the summary sheet): values with their styles, column
 * widths, an autofilter, the view and the page setup, serialised in CT_Worksheet's element order.
 */
import type { PlanCell } from '../sheet/output';
import { columnLetter } from '../sheet/table';
import { CellWriter } from './xlsx-write-cells';
import type { CellStyle, StyleSheet } from './xlsx-write-styles';
import { NS } from './xlsx-package';
import { XML_DECLARATION } from './xlsx-package-xml';

export class SheetBuilder {
  /** values[r][c] and styles[r][c], 1-based; two arrays rather than an object per cell. */
  private readonly values: PlanCell[][] = [];
  private readonly styles: (CellStyle | null)[][] = [];
  private readonly widths: number[] = [];
  private autoFilterRef: string | null = null;
  private gridLines = true;
  private fitToWidth = false;

  set(row: number, column: number, value: PlanCell, style: CellStyle | null = null): void {
    (this.values[row] ??= [])[column] = value;
    (this.styles[row] ??= [])[column] = style;
  }

  width(column: number, width: number): void {
    this.widths[column] = width;
  }

  autoFilter(fromRow: number, fromColumn: number, toRow: number, toColumn: number): void {
    this.autoFilterRef = `${columnLetter(fromColumn - 1)}${fromRow}:${columnLetter(toColumn - 1)}${toRow}`;
  }

  /** The autofilter's range in absolute form, for the workbook's `_xlnm._FilterDatabase` name. */
  filterDatabase(sheetName: string): string | null {
    if (this.autoFilterRef === null) return null;
    const [from, to] = this.autoFilterRef.split(':').map((a) => a.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'));
    return `'${sheetName.replace(/'/g, "''")}'!${from}:${to}`;
  }

  hideGridLines(): void {
    this.gridLines = false;
  }

  /** Printed landscape, one page wide however many rows. */
  landscapeOnePageWide(): void {
    this.fitToWidth = true;
  }

  /**
   * The worksheet XML in pieces (a row each), for a deflate stream: a sheet of 20,000 buyers is
   * 20 MB of XML that is never held whole. Each distinct style object becomes one cell format in
   * `styles`; `drawingRelId` is the relationship of the sheet's drawing, when it has one.
   */
  *xml(styles: StyleSheet, date1904: boolean, drawingRelId: string | null = null): Generator<string> {
    const writer = new CellWriter(date1904);
    const xfs = new Map<CellStyle, number>();
    const xf = (style: CellStyle | null): number => {
      if (style === null) return 0;
      let index = xfs.get(style);
      if (index === undefined) {
        index = styles.cellXf(style);
        xfs.set(style, index);
      }
      return index;
    };
    let lastRow = 1;
    let lastColumn = 1;
    this.values.forEach((cells, r) => {
      lastRow = Math.max(lastRow, r);
      lastColumn = Math.max(lastColumn, cells.length - 1);
    });
    const cols = this.widths
      .map((w, c) => `<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`)
      .filter((x) => x !== undefined)
      .join('');
    yield (
      `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
      (this.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
      `<dimension ref="A1:${columnLetter(lastColumn - 1)}${lastRow}"/>` +
      `<sheetViews><sheetView${this.gridLines ? '' : ' showGridLines="0"'} workbookViewId="0"/></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      (cols === '' ? '' : `<cols>${cols}</cols>`) +
      '<sheetData>'
    );
    const letters: string[] = [];
    for (let r = 1; r < this.values.length; r++) {
      const cells = this.values[r];
      if (cells === undefined) continue;
      const rowStyles = this.styles[r];
      // Joined once: a string built with += is a tree of pieces that outlives young-generation GCs.
      const xml: string[] = [];
      for (let c = 1; c < cells.length; c++) {
        if (!(c in cells)) continue;
        const letter = (letters[c] ??= columnLetter(c - 1));
        xml.push(writer.plan(`${letter}${r}`, cells[c], xf(rowStyles[c])));
      }
      if (xml.length > 0) yield `<row r="${r}">${xml.join('')}</row>`;
    }
    yield (
      '</sheetData>' +
      (this.autoFilterRef === null ? '' : `<autoFilter ref="${this.autoFilterRef}"/>`) +
      (this.fitToWidth ? '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>' : '') +
      (drawingRelId === null ? '' : `<drawing r:id="${drawingRelId}"/>`) +
      '</worksheet>'
    );
  }
}
