/**
 * The number format of each cell style (styles.xml: cellXfs → numFmtId → custom or built-in format
 * code), and whether ExcelJS, which read these files before, counted it a date format. Which
 * numbers become dates must not change with the reader: the same rules, the same built-in table.
 */
import { eachTag, elementContent, elementPrefix, unprefixed } from './xlsx-read-xml';

/** Format code and date-ness of each cell style, by its index in cellXfs (a cell's `s`). */
export interface CellFormats {
  format: readonly (string | null)[];
  isDate: readonly boolean[];
}

/**
 * The built-in formats ExcelJS knows (lib/xlsx/defaultnumformats.js, the entries with a format
 * code); ids 5–8 and 23–36 are locale-dependent and have none: such cells have no format.
 */
const BUILT_IN: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/**
 * ExcelJS's test (utils.isDateFmt): a date letter left once bracketed parts ([Red], [$-40C]) and
 * quoted text are removed. Loose (an escaped `\d` counts), but it is what decided before.
 */
export function isDateFormat(format: string | null): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

export const NO_FORMATS: CellFormats = { format: [], isDate: [] };

export function readStyles(text: string | undefined): CellFormats {
  if (text === undefined) return NO_FORMATS;
  const xml = unprefixed(text, elementPrefix(text));
  const custom = new Map<number, string>();
  const numFmts = elementContent(xml, 'numFmts');
  if (numFmts !== undefined) {
    for (const { attributes } of eachTag(xml, 'numFmt', numFmts[0], numFmts[1])) {
      const code = attributes.formatCode;
      // ExcelJS drops the backslash of each escaped character: `#,##0\ "€"` is read `#,##0 "€"`.
      if (code !== undefined) custom.set(parseInt(attributes.numFmtId ?? '', 10), code.replace(/\\(.)/g, '$1'));
    }
  }
  const format: (string | null)[] = [];
  const cellXfs = elementContent(xml, 'cellXfs');
  if (cellXfs !== undefined) {
    for (const { attributes } of eachTag(xml, 'xf', cellXfs[0], cellXfs[1])) {
      const id = parseInt(attributes.numFmtId ?? '', 10);
      // numFmtId 0 (General) counts as no format, as in ExcelJS; an empty custom code falls back to the built-in.
      format.push(id ? custom.get(id) || BUILT_IN[id] || null : null);
    }
  }
  return { format, isDate: format.map(isDateFormat) };
}
