/**
 * A CSV ledger as a one-sheet .xlsx package, which workbook-out.ts then annotates exactly as it
 * annotates a user's workbook: one way of writing the columns, whatever the source.
 */
import { dateFormat, isFormulaLike, TEXT_FORMAT } from '../sheet/output';
import type { Lang } from '../sheet/output-labels';
import { isCellError, type Cell } from '../sheet/table';
import { CellWriter, cellRef, excelSerial } from './xlsx-write-cells';
import { StyleSheet } from './xlsx-write-styles';
import { CONTENT_TYPE, NS, REL, XlsxPackage } from './xlsx-package';
import { escapeAttr, XML_DECLARATION } from './xlsx-package-xml';

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

/** Excel refuses these in a sheet name, and names over 31 characters. */
export function excelSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '');
  return (cleaned.trim() === '' ? 'Sheet1' : cleaned).slice(0, 31);
}

/**
 * The CSV table as a sheet, a row at a time: numbers as numbers, text as text (formula-looking
 * text included, with the text format). A CSV has no look of its own, so the sheet gets readable
 * widths, which are known only once every row is seen: they are measured first.
 */
function* csvSheetXml(table: Cell[][], styles: { date: number; text: number }): Generator<string> {
  // The user's texts are mostly distinct (names, invoice numbers): nothing to gain from a cache.
  const cells = new CellWriter(false, '', 0);
  const widths: number[] = [];
  let lastColumn = 1;
  for (const values of table) {
    values.forEach((value, j) => {
      if (value === null || value === '') return;
      const shown = value instanceof Date ? 10 : isCellError(value) ? value.error.length : String(value).length;
      widths[j] = Math.max(widths[j] ?? 0, shown);
      lastColumn = Math.max(lastColumn, j + 1);
    });
  }
  const cols = widths
    .map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${Math.min(40, Math.max(10, w + 2))}" customWidth="1"/>`)
    .filter((x) => x !== undefined)
    .join('');
  yield (
    `${XML_DECLARATION}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
    `<dimension ref="A1:${cellRef(lastColumn, Math.max(1, table.length))}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
    (cols === '' ? '' : `<cols>${cols}</cols>`) +
    '<sheetData>'
  );
  for (let i = 0; i < table.length; i++) {
    const r = i + 1;
    // Joined once per row: a string built with += is a tree of pieces that outlives young-generation GCs.
    const xml: string[] = [];
    table[i].forEach((value, j) => {
      if (value === null || value === '') return;
      const ref = cellRef(j + 1, r);
      if (isCellError(value)) {
        xml.push(cells.error(ref, value.error, 0));
      } else if (value instanceof Date) {
        const iso = value.toISOString().slice(0, 10);
        xml.push(
          excelSerial(iso, false) === null
            ? cells.text(ref, iso, 0)
            : cells.plan(ref, { type: 'date', iso }, styles.date),
        );
      } else if (typeof value === 'string') {
        const number = csvNumber(value);
        if (number !== null) xml.push(cells.number(ref, number, 0));
        else xml.push(cells.text(ref, value, isFormulaLike(value) ? styles.text : 0));
      } else if (typeof value === 'boolean') {
        xml.push(cells.boolean(ref, value, 0));
      } else {
        xml.push(cells.number(ref, value, 0));
      }
    });
    if (xml.length > 0) yield `<row r="${r}">${xml.join('')}</row>`;
  }
  yield '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
}

/** A package holding the CSV table as its one sheet, `xl/worksheets/sheet1.xml`. */
export function csvPackage(table: Cell[][], sheetName: string, lang: Lang, at: Date): XlsxPackage {
  const pkg = XlsxPackage.empty(at);
  const styles = StyleSheet.empty();
  const cellStyles = {
    date: styles.cellXf({ numFmt: dateFormat(lang) }),
    text: styles.cellXf({ numFmt: TEXT_FORMAT }),
  };
  pkg.put(
    '[Content_Types].xml',
    `${XML_DECLARATION}<Types xmlns="${NS.contentTypes}">` +
      `<Default Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/>` +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPE.worksheet}"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
      '</Types>',
  );
  pkg.writeRelationships('', [{ id: 'rId1', type: REL.officeDocument, target: 'xl/workbook.xml', external: false }]);
  pkg.put(
    'xl/workbook.xml',
    `${XML_DECLARATION}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
      '<bookViews><workbookView/></bookViews>' +
      `<sheets><sheet name="${escapeAttr(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
      '</workbook>',
  );
  pkg.writeRelationships('xl/workbook.xml', [
    { id: 'rId1', type: REL.worksheet, target: 'worksheets/sheet1.xml', external: false },
    { id: 'rId2', type: REL.styles, target: 'styles.xml', external: false },
  ]);
  pkg.putLazy('xl/worksheets/sheet1.xml', () => csvSheetXml(table, cellStyles));
  pkg.put('xl/styles.xml', styles.toXml());
  return pkg;
}
