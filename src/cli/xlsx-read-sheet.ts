/**
 * One worksheet part (`xl/worksheets/sheetN.xml`) into a Table: a hand-written scanner over the XML,
 * a few MB of text at a time, giving cell for cell what the ExcelJS-based reader gave (see
 * docs in xlsx-in.ts for the few places where it deliberately does better).
 *
 * A cell is `<c r="B5" t="s|str|inlineStr|b|e|n|d" s="3"><f>…</f><v>…</v><is>…</is></c>`. What
 * ExcelJS made of it, and so what comes out here:
 * - a value (`<v>`, or `<is>` for an inline string) makes it a cell of its row;
 * - no value but a style (`s` other than 0): a formatted empty cell, which is no cell of the table
 *   (but keeps its own format if a merged area covers it);
 * - neither: nothing at all;
 * - a formula (`<f>` with text, or a shared or array formula) is always a cell: its saved result,
 *   or an error saying there is none.
 */
import type { Cell, Table } from '../sheet';
import { isoDateCell, serialDateCell } from './xlsx-read-dates';
import type { CellFormats } from './xlsx-read-styles';
import { stringItem, type SharedStrings } from './xlsx-read-strings';
import { textChunks } from './xlsx-read-zip';
import {
  afterTag,
  eachTag,
  elementContent,
  elementPrefix,
  elementText,
  endTagAt,
  readTag,
  unprefixed,
  xmlAttribute,
} from './xlsx-read-xml';

export interface SheetSource {
  strings: SharedStrings;
  formats: CellFormats;
  date1904: boolean;
  /** The error for a part that is not well-formed: an InputError naming the file and the part. */
  corrupt: (why: string) => Error;
}

/** Excel's sheet size: a row or column beyond it is no cell of a sheet. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/**
 * Merged areas are laid out cell by cell (every cell of the area a null, as ExcelJS did) up to this
 * many cells in all. Beyond it (one merge over a whole sheet is 17 billion cells) an area only
 * empties the cells that are there, so that a tiny file cannot make the table huge.
 */
const MERGED_CELLS_LAID_OUT = 1_000_000;
/** Work allowed for the areas beyond that: only absurd, overlapping merges need more. */
const MERGED_CELLS_VISITED = 50_000_000;

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** Laid out cell by cell (within the budget), or only emptying the cells that are there. */
  laidOut: boolean;
}

export function readSheet(bytes: Buffer, source: SheetSource): Table {
  const prefix = elementPrefix(bytes.toString('utf8', 0, Math.min(bytes.length, 4096)));
  const dataAt = bytes.indexOf(`<${prefix}sheetData`);
  const openEnd = dataAt < 0 ? -1 : bytes.indexOf('>', dataAt);
  const rowsStart = openEnd + 1;
  const rowsEnd =
    bytes[openEnd - 1] === 0x2f /* <sheetData/> */ ? rowsStart : bytes.lastIndexOf(`</${prefix}sheetData`);
  // ExcelJS failed on a part whose root element is not closed (a sheet cut short); so does this reader.
  if (bytes.lastIndexOf('worksheet>') < Math.max(rowsEnd, 1)) throw source.corrupt('the sheet is cut short');
  if (dataAt < 0) return { values: [], formats: [] };
  if (openEnd < 0 || rowsEnd < rowsStart) throw source.corrupt('the sheet data is cut short');

  const areas = mergedAreas(bytes, rowsEnd, prefix);
  const head = areas.length > 0 ? unprefixed(bytes.toString('utf8', 0, dataAt), prefix) : '';
  const reader = new SheetReader(source, areas, head);
  for (const xml of textChunks(bytes, rowsStart, rowsEnd, `</${prefix}row>`)) reader.rows(unprefixed(xml, prefix));
  return reader.finish();
}

/** The merged areas (`<mergeCells>` follows the cell data), in the order the file gives them. */
function mergedAreas(bytes: Buffer, from: number, prefix: string): Area[] {
  const at = bytes.indexOf(`<${prefix}mergeCells`, from);
  if (at < 0) return [];
  const close = bytes.indexOf(`</${prefix}mergeCells`, at);
  const xml = unprefixed(bytes.toString('utf8', at, close < 0 ? bytes.length : close), prefix);
  const areas: Area[] = [];
  let budget = MERGED_CELLS_LAID_OUT;
  for (const { attributes } of eachTag(xml, 'mergeCell')) {
    const [first, last = first] = (attributes.ref ?? '').replace(/\$/g, '').split(':');
    const a = address(first);
    const b = address(last);
    if (a === undefined || b === undefined) continue; // not a range: nothing to merge
    const area = {
      top: Math.min(a.row, b.row),
      left: Math.min(a.column, b.column),
      bottom: Math.max(a.row, b.row),
      right: Math.max(a.column, b.column),
      laidOut: false,
    };
    const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1) - 1;
    if (cells <= budget) {
      budget -= cells;
      area.laidOut = true;
    }
    areas.push(area);
  }
  return areas;
}

/** `B5` → column 2, row 5; undefined unless a cell of a sheet. */
function address(ref: string | undefined): { row: number; column: number } | undefined {
  if (ref === undefined || !/^[A-Z]{1,3}\d{1,7}$/.test(ref)) return undefined;
  const column = columnAt(ref, 0, ref.length);
  const row = Number(ref.slice(ref.search(/\d/)));
  return column === 0 || row < 1 || row > MAX_ROWS ? undefined : { row, column };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** endsName of xlsx-read-xml.ts, here for the hot path (an imported function costs a getter call under tsx). */
function isNameEnd(code: number): boolean {
  return code === 62 || code === 47 || isSpace(code);
}

/** Whether xml[from, to) holds no reference, markup or carriage return: its text is itself. */
function isPlain(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i);
    if (code === 38 || code === 60 || code === 13) return false;
  }
  return true;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * parseFloat(s.slice(from, to)) for a plain decimal (`46719`, `-13.6`, `0.5`) of at most 15 digits,
 * without making the string; NaN for anything else (an exponent, more digits), left to parseFloat.
 * Exact: both the digits as an integer (< 2^53) and 10^k (k ≤ 22) are doubles, and one division of
 * doubles is correctly rounded, as parseFloat is (Clinger's fast path).
 */
function plainNumberAt(s: string, from: number, to: number): number {
  let i = from;
  const negative = s.charCodeAt(i) === 45;
  if (negative) i++;
  let digits = 0;
  let decimals = -1;
  let mantissa = 0;
  for (; i < to; i++) {
    const code = s.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + code - 48;
      digits++;
      if (decimals >= 0) decimals++;
    } else if (code === 46 && decimals < 0) decimals = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const value = decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
  return negative ? -value : value;
}

/** Element text: most `<v>` hold plain digits, which need no decoding. */
function characters(raw: string): string {
  return raw.indexOf('&') < 0 && raw.indexOf('<') < 0 && raw.indexOf('\r') < 0 ? raw : elementText(raw);
}

/** parseInt(s.slice(from, to), 10) without the slice: leading spaces, a sign, digits; NaN if none. */
function integerAt(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(s.charCodeAt(i))) i++;
  let sign = 1;
  const first = s.charCodeAt(i);
  if (first === 45 || first === 43) {
    if (first === 45) sign = -1;
    i++;
  }
  let n = 0;
  const start = i;
  for (; i < to; i++) {
    const code = s.charCodeAt(i);
    if (code < 48 || code > 57) break;
    n = n * 10 + code - 48;
  }
  return i === start ? NaN : sign * n;
}

/** A cell's `t`, as ExcelJS told the types apart: anything else is a number. */
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

function typeCode(s: string, from: number, to: number): number {
  const first = s.charCodeAt(from);
  switch (to - from) {
    case 1:
      return first === 115
        ? T_SHARED
        : first === 98
          ? T_BOOL
          : first === 101
            ? T_ERROR
            : first === 100
              ? T_DATE
              : T_NUMBER;
    case 3:
      return s.startsWith('str', from) ? T_STR : T_NUMBER;
    case 9:
      return s.startsWith('inlineStr', from) ? T_INLINE : T_NUMBER;
    default:
      return T_NUMBER;
  }
}

/**
 * The column of the cell reference s[from, to) (`AB12` → 28, `$AB$12` too); 0 unless it is letters
 * then digits, as ExcelJS wanted (it failed on `a1` or `A`), within a sheet's 16,384 columns.
 */
function columnAt(s: string, from: number, to: number): number {
  let i = from;
  if (s.charCodeAt(i) === 36 /* $ */) i++;
  let column = 0;
  const letters = i;
  for (; i < to; i++) {
    const code = s.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
    if (column > MAX_COLUMNS) return 0;
  }
  if (i === letters) return 0;
  if (s.charCodeAt(i) === 36) i++;
  const digit = s.charCodeAt(i);
  return digit >= 48 && digit <= 57 ? column : 0;
}

class SheetReader {
  private readonly values: Cell[][] = [];
  private readonly formats: (string | null)[][] = [];
  /** Shared formulas: the master cell of each `si`, as ExcelJS named them in its messages. */
  private readonly masters = new Map<string, string | undefined>();

  private rowValues: Cell[] = [];
  private rowFormats: (string | null)[] = [];
  private rowHasValues = false;
  private lastRow = 0;
  private lastColumn = 0;

  /** Laid-out merged areas by row, and what they need: the cells the file has there, row and column formats. */
  private readonly areasByRow = new Map<number, Area[]>();
  private readonly cellFormatsInAreas = new Map<number, string | null>();
  private readonly rowFormatsInAreas = new Map<number, string | null>();
  private readonly columnFormats: (string | null)[] = [];
  private rowAreas: Area[] | undefined;

  /** The attributes r, s and t of the last tag read, in place (see `attributes`). */
  private rText = '';
  private rFrom = -1;
  private rTo = -1;
  private sText = '';
  private sFrom = -1;
  private sTo = -1;
  private tText = '';
  private tFrom = -1;
  private tTo = -1;
  private selfClosing = false;

  constructor(
    private readonly source: SheetSource,
    private readonly areas: Area[],
    head: string,
  ) {
    for (const area of areas) {
      if (!area.laidOut) continue;
      for (let row = area.top; row <= area.bottom; row++) {
        const list = this.areasByRow.get(row);
        if (list) list.push(area);
        else this.areasByRow.set(row, [area]);
      }
    }
    if (areas.length > 0) this.columnFormats = columnFormats(head, source.formats);
  }

  /** The rows in a piece of the sheet data (whole `<row>` elements). */
  rows(xml: string): void {
    let i = 0;
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) return;
      if (xml.startsWith('row', lt + 1) && isNameEnd(xml.charCodeAt(lt + 4))) i = this.row(xml, lt);
      else i = this.skip(xml, lt);
    }
  }

  finish(): Table {
    this.merge();
    // A row given twice with nothing the second time (ExcelJS kept the last) may have left empty rows at the end.
    while (this.values.length > 0 && this.values[this.values.length - 1].length === 0) {
      this.values.pop();
      this.formats.pop();
    }
    return { values: this.values, formats: this.formats };
  }

  private cutShort(): Error {
    return this.source.corrupt(`row ${this.lastRow} is cut short`);
  }

  /** Past a tag that is not read (or a comment, CDATA section or processing instruction). */
  private skip(xml: string, lt: number): number {
    let close: number;
    if (xml.startsWith('<!--', lt)) close = xml.indexOf('-->', lt) + 2;
    else if (xml.startsWith('<![CDATA[', lt)) close = xml.indexOf(']]>', lt) + 2;
    else close = xml.indexOf('>', lt);
    if (close < lt) throw this.cutShort();
    return close + 1;
  }

  private row(xml: string, lt: number): number {
    let i = this.attributes(xml, lt + 4);
    // Excel always numbers rows; a row without a number follows the previous one.
    const number = this.rFrom < 0 ? this.lastRow + 1 : integerAt(this.rText, this.rFrom, this.rTo);
    if (!(number >= 1 && number <= MAX_ROWS)) {
      throw this.source.corrupt(`row number "${this.rText.slice(this.rFrom, this.rTo)}" is outside a sheet`);
    }
    this.lastRow = number;
    this.rowValues = [];
    this.rowFormats = [];
    this.rowHasValues = false;
    this.lastColumn = 0;
    this.rowAreas = this.areasByRow.get(number);
    if (this.rowAreas !== undefined) {
      const style = this.sFrom < 0 ? 0 : integerAt(this.sText, this.sFrom, this.sTo);
      this.rowFormatsInAreas.set(number, style ? (this.source.formats.format[style] ?? null) : null);
    }
    if (!this.selfClosing) {
      for (;;) {
        const open = xml.indexOf('<', i);
        if (open < 0) throw this.cutShort();
        const c1 = xml.charCodeAt(open + 1);
        if (c1 === 99 /* c */ && isNameEnd(xml.charCodeAt(open + 2))) {
          i = this.cell(xml, open);
        } else if (c1 === 47 /* / */ && xml.startsWith('row', open + 2) && isNameEnd(xml.charCodeAt(open + 5))) {
          i = this.skip(xml, open);
          break;
        } else i = this.skip(xml, open);
      }
    }
    this.putRow(number);
    return i;
  }

  private putRow(number: number): void {
    const index = number - 1;
    if (!this.rowHasValues) {
      // ExcelJS kept the last of rows given twice: a later empty one leaves no row.
      if (index < this.values.length) {
        this.values[index] = [];
        this.formats[index] = [];
      }
      return;
    }
    while (this.values.length < index) {
      this.values.push([]);
      this.formats.push([]);
    }
    this.values[index] = this.rowValues;
    this.formats[index] = this.rowFormats;
  }

  /**
   * The attributes of the start tag whose name ends at xml[from]: where the values of r, s and t
   * are (rText[rFrom, rTo) …, from -1 when absent), read in place; returns the index after the tag.
   */
  private attributes(xml: string, from: number): number {
    this.rFrom = this.sFrom = this.tFrom = -1;
    this.selfClosing = false;
    const length = xml.length;
    let i = from;
    // Character by character: the names and values are a few characters long, too short for indexOf to pay.
    for (;;) {
      let code = xml.charCodeAt(i);
      while (isSpace(code)) code = xml.charCodeAt(++i);
      if (code === 62 /* > */) return i + 1;
      if (code === 47 /* / */) {
        this.selfClosing = true;
        const end = xml.indexOf('>', i);
        if (end < 0) throw this.cutShort();
        return end + 1;
      }
      const nameStart = i;
      while (code !== 61 /* = */ && !isSpace(code) && i < length) code = xml.charCodeAt(++i);
      const name = i === nameStart + 1 ? xml.charCodeAt(nameStart) : 0;
      while (isSpace(code)) code = xml.charCodeAt(++i);
      if (code !== 61) throw this.cutShort();
      code = xml.charCodeAt(++i);
      while (isSpace(code)) code = xml.charCodeAt(++i);
      if (code !== 34 /* " */ && code !== 39 /* ' */) throw this.cutShort();
      const quote = code;
      let start = ++i;
      let reference = false;
      for (code = xml.charCodeAt(i); code !== quote; code = xml.charCodeAt(++i)) {
        if (code === 38 /* & */) reference = true;
        if (i >= length) throw this.cutShort();
      }
      let end = i++;
      if (name === 114 /* r */ || name === 115 /* s */ || name === 116 /* t */) {
        let text = xml;
        if (reference) {
          // A reference in a value no writer escapes: decoded, then read like the rest.
          text = xmlAttribute(xml.slice(start, end));
          start = 0;
          end = text.length;
        }
        if (name === 114) {
          this.rText = text;
          this.rFrom = start;
          this.rTo = end;
        } else if (name === 115) {
          this.sText = text;
          this.sFrom = start;
          this.sTo = end;
        } else {
          this.tText = text;
          this.tFrom = start;
          this.tTo = end;
        }
      }
    }
  }

  /** One `<c>` element at xml[lt]; returns the index after it. The hot path: no allocation it can avoid. */
  private cell(xml: string, lt: number): number {
    let i = this.attributes(xml, lt + 2);
    const selfClosing = this.selfClosing;
    const refText = this.rFrom < 0 ? undefined : this.rText;
    const refFrom = this.rFrom;
    const refTo = this.rTo;
    const style = this.sFrom < 0 ? 0 : integerAt(this.sText, this.sFrom, this.sTo);
    const type = this.tFrom < 0 ? T_NUMBER : typeCode(this.tText, this.tFrom, this.tTo);

    // The value: xml[vFrom, vTo) when it is one `<v>` of plain characters (nearly always), else decoded in v.
    let vFrom = -1;
    let vTo = -1;
    let v: string | undefined;
    let formula = '';
    let shareType: string | undefined;
    let shareIndex: string | undefined;
    let shareRange: string | undefined;
    let inline: string | null = null;
    if (!selfClosing) {
      for (;;) {
        const open = xml.indexOf('<', i);
        if (open < 0) throw this.cutShort();
        const c1 = xml.charCodeAt(open + 1);
        const c2 = xml.charCodeAt(open + 2);
        if (c1 === 118 /* v */ && c2 === 62 /* > */) {
          let close = xml.indexOf('</v', open + 3);
          // `</v>` nearly always; `</v >` is XML too.
          if (close >= 0 && xml.charCodeAt(close + 3) !== 62) close = endTagAt(xml, 'v', open + 3);
          if (close < 0) throw this.cutShort();
          if (vFrom < 0 && v === undefined && isPlain(xml, open + 3, close)) {
            vFrom = open + 3;
            vTo = close;
          } else {
            v = (v ?? (vFrom < 0 ? '' : xml.slice(vFrom, vTo))) + characters(xml.slice(open + 3, close));
            vFrom = -1;
          }
          i = xml.charCodeAt(close + 3) === 62 ? close + 4 : afterTag(xml, close);
        } else if (c1 === 47 /* / */) {
          if (c2 === 99 /* c */ && xml.charCodeAt(open + 3) === 62) {
            i = open + 4; // </c>, the end of nearly every cell
            break;
          }
          i = this.skip(xml, open);
          if (c2 === 99 /* c */ && isNameEnd(xml.charCodeAt(open + 3))) break;
        } else if ((c1 === 118 /* v */ || c1 === 102) /* f */ && isNameEnd(c2)) {
          const tag = readTag(xml, open);
          if (tag === undefined) throw this.cutShort();
          let text = '';
          i = tag.end;
          if (!tag.selfClosing) {
            const close = endTagAt(xml, c1 === 118 ? 'v' : 'f', tag.end);
            if (close < 0) throw this.cutShort();
            text = characters(xml.slice(tag.end, close));
            i = afterTag(xml, close);
          }
          if (c1 === 118) {
            v = (v ?? (vFrom < 0 ? '' : xml.slice(vFrom, vTo))) + text;
            vFrom = -1;
          } else {
            formula += text;
            shareType = tag.attributes.t;
            shareIndex = tag.attributes.si;
            shareRange = tag.attributes.ref;
          }
        } else if (c1 === 105 /* i */ && c2 === 115 /* s */ && isNameEnd(xml.charCodeAt(open + 3))) {
          const tag = readTag(xml, open);
          if (tag === undefined) throw this.cutShort();
          i = tag.end;
          if (!tag.selfClosing) {
            const close = endTagAt(xml, 'is', tag.end);
            if (close < 0) throw this.cutShort();
            inline = stringItem(xml, tag.end, close, this.source.corrupt);
            i = afterTag(xml, close);
          }
        } else i = this.skip(xml, open);
      }
    }

    const isFormula = formula !== '' || !!shareType;
    const plain = vFrom >= 0 && vTo > vFrom;
    // A value as ExcelJS took it: `<v></v>` is none, and so is an inline string without text.
    const hasValue = type === T_INLINE ? !!(inline || v || plain) : plain || !!v;
    // Neither value nor style: ExcelJS made no cell of it (it did not even count it as a column).
    if (!isFormula && !hasValue && !style) return i;

    const column = refText === undefined ? this.lastColumn + 1 : columnAt(refText, refFrom, refTo);
    if (column === 0) throw this.source.corrupt(`"${refText?.slice(refFrom, refTo)}" is no cell reference`);
    this.lastColumn = column;
    const formats = this.source.formats;
    const format = style ? (formats.format[style] ?? null) : null;
    const isDate = style ? formats.isDate[style] === true : false;
    if (this.rowAreas !== undefined) this.noteCellInArea(column, format);

    let value: Cell;
    if (isFormula) {
      const ref = refText?.slice(refFrom, refTo);
      let master: string | undefined;
      if (shareType === 'shared') {
        if (shareRange) this.masters.set(String(shareIndex), ref);
        else master = this.masters.get(String(shareIndex));
      }
      const result = this.result(type, vFrom < 0 ? v : xml.slice(vFrom, vTo), isDate);
      if (result !== undefined) value = result;
      else {
        // ExcelJS named a shared formula's copies by their master cell; a formula with no text at all it gave as empty.
        const shown = formula || master;
        value = shown ? { error: `formula =${shown} has no saved result (open and save the file in Excel)` } : null;
      }
    } else if (!hasValue) {
      return i; // formatted but empty: no cell of the table
    } else if (type === T_NUMBER && plain) {
      // The common case, read in place (plainNumberAt is parseFloat for plain decimals).
      let number = plainNumberAt(xml, vFrom, vTo);
      if (Number.isNaN(number)) number = parseFloat(xml.slice(vFrom, vTo));
      value = isDate ? serialDateCell(number, this.source.date1904) : number;
    } else if (type === T_SHARED && plain) {
      value = this.sharedString(integerAt(xml, vFrom, vTo), refText, refFrom, refTo, column);
    } else {
      const inPlace = plain ? xml.slice(vFrom, vTo) : v;
      const text = (type === T_INLINE ? inline || inPlace : inPlace) ?? '';
      switch (type) {
        case T_SHARED: {
          value = this.sharedString(parseInt(text, 10), refText, refFrom, refTo, column);
          break;
        }
        case T_STR:
        case T_INLINE:
          value = text;
          break;
        case T_BOOL:
          value = parseInt(text, 10) !== 0;
          break;
        case T_ERROR:
          value = { error: text };
          break;
        case T_DATE:
          value = isoDateCell(text, isDate, this.source.date1904);
          break;
        default: {
          const number = parseFloat(text);
          value = isDate ? serialDateCell(number, this.source.date1904) : number;
        }
      }
    }

    const values = this.rowValues;
    const index = column - 1;
    if (index < values.length) {
      values[index] = value;
      this.rowFormats[index] = format;
    } else {
      while (values.length < index) {
        values.push(null);
        this.rowFormats.push(null);
      }
      values.push(value);
      this.rowFormats.push(format);
    }
    this.rowHasValues = true;
    return i;
  }

  private sharedString(
    index: number,
    refText: string | undefined,
    refFrom: number,
    refTo: number,
    column: number,
  ): string | null {
    const strings = this.source.strings;
    if (index >= 0 && index < strings.length) return strings[index];
    const where = refText === undefined ? `column ${column} of row ${this.lastRow}` : refText.slice(refFrom, refTo);
    throw this.source.corrupt(`cell ${where} refers to shared string ${index} of ${strings.length}`);
  }

  /**
   * A formula's saved result. ExcelJS dropped results that are falsy (0, FALSE, ''), calling them
   * missing, and made dates of text and errors under a date format; here a result is a result.
   */
  private result(type: number, v: string | undefined, isDate: boolean): Cell | undefined {
    if (v === undefined) return undefined;
    // Excel saves a formula's empty text as `<v></v>`: the result is '', not missing.
    if (v === '') return type === T_STR ? '' : undefined;
    if (type === T_STR) return v;
    if (type === T_BOOL) return parseInt(v, 10) !== 0;
    if (type === T_ERROR) return { error: v };
    const number = parseFloat(v);
    return isDate ? serialDateCell(number, this.source.date1904) : number;
  }

  private noteCellInArea(column: number, format: string | null): void {
    for (const area of this.rowAreas ?? []) {
      if (column >= area.left && column <= area.right) {
        this.cellFormatsInAreas.set(this.lastRow * (MAX_COLUMNS + 1) + column, format);
        return;
      }
    }
  }

  /**
   * Merged areas, as ExcelJS laid them out: every cell but the top-left one is null. A cell the file
   * has keeps its own format; one it has not takes its row's format, else its column's.
   */
  private merge(): void {
    let visits = MERGED_CELLS_VISITED;
    for (const area of this.areas) {
      if (area.laidOut) {
        for (let row = area.top; row <= area.bottom; row++) {
          for (let column = area.left; column <= area.right; column++) {
            if (row === area.top && column === area.left) continue;
            const key = row * (MAX_COLUMNS + 1) + column;
            const format = this.cellFormatsInAreas.has(key)
              ? (this.cellFormatsInAreas.get(key) ?? null)
              : this.rowFormatsInAreas.get(row) || this.columnFormats[column] || null;
            this.setEmpty(row, column, format);
          }
        }
        continue;
      }
      const lastRow = Math.min(area.bottom, this.values.length);
      for (let row = area.top; row <= lastRow; row++) {
        const values = this.values[row - 1];
        const lastColumn = Math.min(area.right, values.length);
        visits -= Math.max(lastColumn - area.left + 1, 1);
        if (visits < 0) throw this.source.corrupt('too many merged cells');
        for (let column = area.left; column <= lastColumn; column++) {
          if (row !== area.top || column !== area.left) values[column - 1] = null;
        }
      }
    }
  }

  private setEmpty(row: number, column: number, format: string | null): void {
    while (this.values.length < row) {
      this.values.push([]);
      this.formats.push([]);
    }
    const values = this.values[row - 1];
    const formats = this.formats[row - 1];
    while (values.length < column) {
      values.push(null);
      formats.push(null);
    }
    values[column - 1] = null;
    formats[column - 1] = format;
  }
}

/**
 * The format of each column (`<cols><col min max style>`), as ExcelJS's Column.fromModel spread
 * them: sorted by `min`, each column taken by the first definition that reaches it.
 */
function columnFormats(head: string, formats: CellFormats): (string | null)[] {
  const byColumn: (string | null)[] = [];
  const cols = elementContent(head, 'cols');
  if (cols === undefined) return byColumn;
  const definitions = [...eachTag(head, 'col', cols[0], cols[1])].map(({ attributes }) => {
    const id = attributes.style ? parseInt(attributes.style, 10) : 0;
    return {
      min: parseInt(attributes.min || '0', 10),
      max: Math.min(parseInt(attributes.max || '0', 10), MAX_COLUMNS),
      format: id ? (formats.format[id] ?? null) : null,
    };
  });
  definitions.sort((a, b) => a.min - b.min);
  let column = 1;
  for (const { min, max, format } of definitions) {
    while (column < min && column <= MAX_COLUMNS) byColumn[column++] = null;
    while (column <= max) byColumn[column++] = format;
  }
  return byColumn;
}
