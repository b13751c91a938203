/**
 * The ledger sheet's XML, rewritten as it streams by: each ledger row gets credit-cover's eight
 * cells appended, the header row its eight headers; `<dimension>`, `<cols>` and the conditional
 * formats follow. Every other byte of the sheet is copied as it was, so the user's cells keep their
 * values, formulas and styles exactly.
 *
 * Placement is decided on the header row: over a previous run's columns (found by their headers in
 * either language), else right of the last non-empty header. A non-empty cell where a column would
 * go, or a merged range across them, is refused with its address; the refusal comes before
 * anything is written, since the output is only renamed into place once complete.
 */
import type { Evaluation } from '../domain';
import { buildExposurePlan, PALETTE, type ExposurePlan } from '../sheet/output';
import { allExposureHeaderSets, EXPOSURE_COLUMN_KEYS, type Lang } from '../sheet/output-labels';
import { columnLetter } from '../sheet/table';
import { CellWriter } from './xlsx-write-cells';
import type { StyleSheet } from './xlsx-write-styles';
import {
  attribute,
  attributes,
  elementEnd,
  elements,
  escapeText,
  findElement,
  insertionPoint,
  rootPrefix,
  unescapeXml,
  withAttribute,
} from './xlsx-package-xml';

const COLUMN_COUNT = EXPOSURE_COLUMN_KEYS.length;

/** CT_Worksheet elements that come after `<conditionalFormatting>`. */
const AFTER_CONDITIONAL_FORMATTING = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];
/** CT_Worksheet elements that come after `<cols>`. */
const AFTER_COLS = ['sheetData'];

/** The workbook's shared strings, parsed only as far as a lookup needs. */
export class SharedStrings {
  private xml: string | null = null;
  private readonly strings: string[] = [];
  private at = 0;
  private prefix = '';

  constructor(private readonly load: () => string | null) {}

  get(index: number): string {
    if (this.xml === null) {
      this.xml = this.load() ?? '';
      this.prefix = this.xml === '' ? '' : rootPrefix(this.xml, 'sst');
    }
    const xml = this.xml;
    const p = this.prefix;
    while (this.strings.length <= index) {
      const start = findElement(xml, `${p}si`, this.at);
      if (start === -1) return '';
      const end = elementEnd(xml, start, `${p}si`);
      if (end === -1) return '';
      this.strings.push(itemText(xml.slice(start, end), p));
      this.at = end;
    }
    return this.strings[index];
  }
}

/** The text of an `<si>` or `<is>`: its `<t>` runs, without the phonetic (`<rPh>`) ones. */
function itemText(xml: string, p: string): string {
  const plain = xml.replace(new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, 'g'), '');
  let text = '';
  const re = new RegExp(`<${p}t(?:\\s[^>]*)?>([\\s\\S]*?)</${p}t>`, 'g');
  for (let m = re.exec(plain); m !== null; m = re.exec(plain)) text += m[1];
  return unescapeXml(text).replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** What a cell shows, as far as telling empty from not and naming it in a message. */
export function cellText(cellXml: string, p: string, strings: SharedStrings): string {
  const tagEnd = cellXml.indexOf('>');
  const type = attribute(cellXml.slice(0, tagEnd + 1), 't');
  if (type === 'inlineStr') {
    const is = elements(cellXml, `${p}is`)[0];
    return is === undefined ? '' : itemText(cellXml.slice(is[0], is[1]), p);
  }
  const v = new RegExp(`<${p}v(?:\\s[^>]*)?>([\\s\\S]*?)</${p}v>`).exec(cellXml);
  if (v === null) return '';
  const value = unescapeXml(v[1]);
  if (type === 's') return strings.get(Number(value));
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  return value;
}

/** The text of cell A1 of a worksheet's XML ('' when it has none): how a summary sheet is recognised. */
export function firstCellText(xml: string, strings: SharedStrings): string {
  const p = rootPrefix(xml, 'worksheet');
  const data = findElement(xml, `${p}sheetData`);
  const row = data === -1 ? -1 : findElement(xml, `${p}row`, data);
  if (row === -1) return '';
  const rowEnd = elementEnd(xml, row, `${p}row`);
  const tag = xml.slice(row, xml.indexOf('>', row) + 1);
  const r = attribute(tag, 'r');
  if (r !== null && r !== '1') return '';
  const cellsAt = elements(xml, `${p}c`, row + tag.length, rowEnd);
  const first = cellsAt[0];
  if (first === undefined) return '';
  const cell = xml.slice(first[0], first[1]);
  const ref = attribute(cell.slice(0, cell.indexOf('>') + 1), 'r');
  if (ref !== null && ref.toUpperCase() !== 'A1') return '';
  return cellText(cell, p, strings);
}

export interface LedgerPatchOptions {
  sheetName: string;
  evaluation: Evaluation;
  /** 1-based row of the ledger's headers. */
  headerRow: number;
  /** 1-based row of the ledger's last data row. */
  lastDataRow: number;
  lang: Lang;
  styles: StyleSheet;
  strings: SharedStrings;
  date1904: boolean;
}

interface CellInfo {
  start: number;
  end: number;
  column: number;
  /** Whether the element carries its own `r` (a few writers leave it out). */
  hasRef: boolean;
}

/** The column letters of a cell's `r`, in its start tag. */
const CELL_REF = /\sr\s*=\s*"\$?([A-Za-z]{1,3})\d+"/;

/**
 * The column of the cell whose start tag spans [at, tagEnd] in `xml`, from its `r`; 0 when it has
 * none. Read character by character in the usual ` r="K5"` form: this runs for every row.
 */
function cellColumnAt(xml: string, at: number, tagEnd: number): number {
  const r = xml.indexOf(' r="', at);
  if (r !== -1 && r < tagEnd) {
    let n = 0;
    for (let i = r + 4; i < tagEnd; i++) {
      const ch = xml.charCodeAt(i) | 0x20; // lower case
      if (ch < 97 || ch > 122) return n;
      n = n * 26 + (ch - 96);
    }
    return n;
  }
  const m = CELL_REF.exec(xml.slice(at, tagEnd + 1));
  return m === null ? 0 : columnNumber(m[1].toUpperCase());
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n;
}

function refColumn(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})/.exec(ref);
  return m ? columnNumber(m[1].toUpperCase()) : 0;
}

function refRow(ref: string): number {
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : 0;
}

export class LedgerPatcher {
  private prefix = '';
  private plan: ExposurePlan | null = null;
  private first = 0;
  private last = 0;
  private previousRun = false;
  /** Made once the sheet's namespace prefix is known. */
  private cells = new CellWriter(false);
  private headerStyles: number[] = [];
  private dataStyles: number[] = [];
  private letters: string[] = [];
  private lastRow = 0;
  /** The next ledger data row still to be written (rows missing from the XML are added). */
  private nextDataRow = 0;
  /** The header row's own style, when it has one (`customFormat`), for a header cell that has none. */
  private rowStyle = 0;
  /** A cell credit-cover cleared held a formula: the workbook's calculation chain must go. */
  removedFormula = false;

  constructor(private readonly options: LedgerPatchOptions) {}

  async *run(chunks: AsyncIterable<string>): AsyncGenerator<string> {
    let buffer = '';
    let state: 'prefix' | 'rows' | 'tail' = 'prefix';
    let prefix = '';
    /** Output before the placement is known: the prefix's `<cols>` and `<dimension>` depend on it. */
    let held: string[] | null = [];
    const out: string[] = [];
    for await (const chunk of chunks) {
      buffer += chunk;
      if (state === 'prefix') {
        const found = this.findSheetData(buffer);
        if (found === null) continue;
        prefix = buffer.slice(0, found);
        buffer = buffer.slice(found);
        state = 'rows';
      }
      if (state === 'rows') {
        const rowsOut = held ?? out;
        const { rest, done } = this.rows(buffer, rowsOut);
        buffer = rest;
        if (done) state = 'tail';
      }
      if (held !== null && this.plan !== null) {
        out.push(this.patchPrefix(prefix), ...held);
        held = null;
      }
      if (held === null && out.length > 0) {
        yield out.join('');
        out.length = 0;
      }
    }
    if (state !== 'tail') throw new Error(`the XML of sheet "${this.options.sheetName}" ends early`);
    if (this.plan === null) this.noHeaders();
    if (held !== null) out.push(this.patchPrefix(prefix), ...held);
    this.missingRowsBefore(Infinity, out);
    out.push(this.patchTail(buffer));
    yield out.join('');
  }

  /** Where the rows start: just past `<sheetData>`; null until the buffer holds it. */
  private findSheetData(buffer: string): number | null {
    if (!/<(?:[\w.-]+:)?worksheet[\s>]/.test(buffer)) {
      if (buffer.length > 1 << 20) throw new Error(`sheet "${this.options.sheetName}" is not a worksheet`);
      return null;
    }
    this.prefix = rootPrefix(buffer, 'worksheet');
    const at = findElement(buffer, `${this.prefix}sheetData`);
    if (at === -1) return null;
    const tagEnd = buffer.indexOf('>', at);
    if (tagEnd === -1) return null;
    // <sheetData/>: no rows at all, so no header row.
    if (buffer.charCodeAt(tagEnd - 1) === 47) this.noHeaders();
    return tagEnd + 1;
  }

  private noHeaders(): never {
    throw new Error(`row ${this.options.headerRow} of sheet "${this.options.sheetName}" has no headers`);
  }

  /** Processes the complete rows at the start of `buffer`; returns what is left and whether `</sheetData>` came. */
  private rows(buffer: string, out: string[]): { rest: string; done: boolean } {
    const p = this.prefix;
    const rowOpen = `<${p}row`;
    const rowClose = `</${p}row>`;
    const dataClose = `</${p}sheetData>`;
    let pos = 0;
    for (;;) {
      const lt = buffer.indexOf('<', pos);
      if (lt === -1) {
        out.push(buffer.slice(pos));
        return { rest: '', done: false };
      }
      if (lt > pos) out.push(buffer.slice(pos, lt));
      pos = lt;
      const tagEnd = buffer.indexOf('>', lt);
      if (tagEnd === -1) break;
      if (buffer.startsWith(dataClose, lt)) return { rest: buffer.slice(lt), done: true };
      if (buffer.startsWith('<!--', lt)) {
        const end = buffer.indexOf('-->', lt);
        if (end === -1) break;
        out.push(buffer.slice(lt, end + 3));
        pos = end + 3;
        continue;
      }
      const after = buffer.charCodeAt(lt + rowOpen.length);
      if (
        !buffer.startsWith(rowOpen, lt) ||
        !(after === 32 || after === 62 || after === 47 || (after >= 9 && after <= 13))
      ) {
        throw new Error(`unexpected content in the rows of sheet "${this.options.sheetName}"`);
      }
      let inner: string;
      let end: number;
      if (buffer.charCodeAt(tagEnd - 1) === 47) {
        inner = '';
        end = tagEnd + 1;
      } else {
        const close = buffer.indexOf(rowClose, tagEnd);
        if (close === -1) break;
        inner = buffer.slice(tagEnd + 1, close);
        end = close + rowClose.length;
      }
      this.row(buffer.slice(lt, tagEnd + 1), inner, out);
      pos = end;
    }
    return { rest: buffer.slice(pos), done: false };
  }

  private row(startTag: string, inner: string, out: string[]): void {
    const { headerRow, lastDataRow } = this.options;
    const m = /\sr\s*=\s*"(\d+)"/.exec(startTag);
    let tag = startTag;
    let r: number;
    if (m) {
      r = Number(m[1]);
    } else {
      // Without `r` a row is the one after the previous; rows are added around it, so it gets one.
      r = this.lastRow + 1;
      tag = withAttribute(tag, 'r', String(r));
    }
    if (r <= this.lastRow) throw new Error(`the rows of sheet "${this.options.sheetName}" are out of order`);
    this.lastRow = r;

    if (this.plan === null) {
      if (r < headerRow) {
        out.push(this.close(tag, inner));
        return;
      }
      if (r > headerRow) this.noHeaders();
      const a = attributes(tag);
      const custom = a.get('customFormat');
      this.rowStyle = custom === '1' || custom === 'true' ? Number(a.get('s') ?? 0) : 0;
      this.placeColumns(inner);
      out.push(this.rewriteRow(tag, inner, r));
      return;
    }
    this.missingRowsBefore(r, out);
    if (r <= lastDataRow || this.previousRun) {
      out.push(this.rewriteRow(tag, inner, r));
    } else {
      out.push(this.close(tag, inner));
    }
  }

  /** A row element from its start tag and content, as it was. */
  private close(tag: string, inner: string): string {
    if (tag.endsWith('/>')) return tag;
    return `${tag}${inner}</${this.prefix}row>`;
  }

  /** Rows of the ledger that have no element in the XML (blank rows) still get their cells. */
  private missingRowsBefore(r: number, out: string[]): void {
    const plan = this.plan as ExposurePlan;
    const stop = Math.min(r - 1, plan.lastDataRow);
    for (; this.nextDataRow <= stop; this.nextDataRow++) {
      out.push(`<${this.prefix}row r="${this.nextDataRow}">${this.ours(this.nextDataRow)}</${this.prefix}row>`);
    }
    if (r <= plan.lastDataRow && r >= this.nextDataRow) this.nextDataRow = r + 1;
  }

  /** Our cells of sheet row r: headers, plan values, or nothing below the ledger. */
  private ours(r: number): string {
    const plan = this.plan as ExposurePlan;
    // Joined once: a string built with += is a tree of pieces that outlives young-generation GCs.
    const xml: string[] = [];
    const row = String(r);
    if (r === plan.headerRow) {
      for (let j = 0; j < COLUMN_COUNT; j++) {
        xml.push(this.cells.text(this.letters[j] + row, plan.headers[j].text, this.headerStyles[j]));
      }
    } else if (r >= plan.firstDataRow && r <= plan.lastDataRow) {
      const values = plan.rows[r - plan.firstDataRow];
      for (let j = 0; j < COLUMN_COUNT; j++) {
        xml.push(this.cells.plan(this.letters[j] + row, values[j], this.dataStyles[j]));
      }
    }
    return xml.join('');
  }

  /** The 1-based column of the last `<c>` of a row (0 when there is none), or null when it has no `r`. */
  private lastCellColumn(inner: string): number | null {
    const open = `<${this.prefix}c`;
    for (let at = inner.lastIndexOf(open); at !== -1; at = inner.lastIndexOf(open, at - 1)) {
      const next = inner.charCodeAt(at + open.length);
      if (next === 32 || next === 62 || next === 47 || (next >= 9 && next <= 13)) {
        const column = cellColumnAt(inner, at, inner.indexOf('>', at));
        return column === 0 ? null : column;
      }
      if (at === 0) break;
    }
    return 0;
  }

  private rewriteRow(tag: string, inner: string, r: number): string {
    const p = this.prefix;
    const ours = this.ours(r);
    let open = tag.endsWith('/>') ? tag.slice(0, -2).trimEnd() + '>' : tag;
    // `spans` is a hint of the row's column range, which our cells widen: without it, none is wrong.
    if (open.includes('spans')) open = open.replace(/\sspans\s*=\s*"[^"]*"/, '');
    const lastColumn = this.lastCellColumn(inner);
    // The common case: every cell of the row lies left of our columns.
    if (lastColumn !== null && lastColumn < this.first && !inner.includes(`<${p}extLst`)) {
      if (ours === '') return this.close(tag, inner);
      return `${open}${inner}${ours}</${p}row>`;
    }
    const tail = inner.includes(`<${p}extLst`) ? null : this.trailingCells(inner);
    if (tail !== null) {
      // Cells from the right until one lies left of ours: on a re-run, our eight and nothing else.
      let after = '';
      for (const cell of tail.cells) {
        if (cell.column > this.last) after += inner.slice(cell.start, cell.end);
        else this.clear(inner, cell.start, cell.end, cell.column, r);
      }
      if (tail.cells.length === 0 && ours === '') return this.close(tag, inner);
      return `${open}${inner.slice(0, tail.boundary)}${ours}${after}</${p}row>`;
    }
    const cells = this.parseCells(inner);
    let before = '';
    let after = '';
    let cursor = 0;
    for (const cell of cells) {
      const xml = cell.hasRef
        ? inner.slice(cell.start, cell.end)
        : this.withRef(inner.slice(cell.start, cell.end), cell.column, r);
      cursor = cell.end;
      if (cell.column < this.first) before += xml;
      else if (cell.column > this.last) after += xml;
      else this.clear(inner, cell.start, cell.end, cell.column, r);
    }
    // Whatever follows the cells (a row's extLst) stays after them.
    const extra = inner.slice(cursor);
    if (cells.length === 0 && ours === '') return this.close(tag, inner);
    return `${open}${before}${ours}${after}${extra}</${p}row>`;
  }

  private withRef(cellXml: string, column: number, r: number): string {
    const tagEnd = cellXml.indexOf('>');
    return (
      withAttribute(cellXml.slice(0, tagEnd + 1), 'r', `${columnLetter(column - 1)}${r}`) + cellXml.slice(tagEnd + 1)
    );
  }

  /** A cell where our columns go: ours to replace when it is empty or a previous run's, else refused. */
  private clear(xml: string, start: number, end: number, column: number, r: number): void {
    const f = `<${this.prefix}f`;
    const at = xml.indexOf(f, start);
    const next = at === -1 || at >= end ? 0 : xml.charCodeAt(at + f.length);
    const hasFormula = next === 32 || next === 62 || next === 47;
    if (hasFormula) this.removedFormula = true;
    if (this.previousRun) return;
    const text = this.cellText(xml.slice(start, end));
    if (!hasFormula && text.trim() === '') return;
    throw new Error(
      `cannot add credit-cover's columns ${columnLetter(this.first - 1)}:${columnLetter(this.last - 1)} ` +
        `to sheet "${this.options.sheetName}": cell ${columnLetter(column - 1)}${r} is not empty ("${text.trim()}"). ` +
        `Move that data, or give the column a header so it counts as part of the ledger.`,
    );
  }

  /**
   * The cells at the end of a row from our first column on, found from the right, and where the
   * cells left of them end; null when a cell has no `r` (its column depends on all before it).
   */
  private trailingCells(inner: string): { cells: CellInfo[]; boundary: number } | null {
    const open = `<${this.prefix}c`;
    const close = `</${this.prefix}c>`;
    const cells: CellInfo[] = [];
    let boundary = inner.length;
    // Going left, a cell ends where the one right of it starts (cells are all a row holds).
    let right = inner.length;
    for (let at = inner.lastIndexOf(open); at !== -1; at = at === 0 ? -1 : inner.lastIndexOf(open, at - 1)) {
      const next = inner.charCodeAt(at + open.length);
      if (!(next === 32 || next === 62 || next === 47 || (next >= 9 && next <= 13))) continue;
      const tagEnd = inner.indexOf('>', at);
      const column = cellColumnAt(inner, at, tagEnd);
      if (column === 0) return null;
      if (column < this.first) {
        // The kept cells end exactly where this one does.
        boundary = inner.charCodeAt(tagEnd - 1) === 47 ? tagEnd + 1 : inner.indexOf(close, tagEnd) + close.length;
        break;
      }
      cells.push({ start: at, end: right, column, hasRef: true });
      boundary = at;
      right = at;
    }
    return { cells: cells.reverse(), boundary };
  }

  /** The row's `<c>` elements, by hand rather than by regular expression: a re-run reads 800,000 of them. */
  private parseCells(inner: string): CellInfo[] {
    const open = `<${this.prefix}c`;
    const close = `</${this.prefix}c>`;
    const out: CellInfo[] = [];
    let previous = 0;
    for (let at = inner.indexOf(open); at !== -1; at = inner.indexOf(open, at)) {
      const next = inner.charCodeAt(at + open.length);
      if (!(next === 32 || next === 62 || next === 47 || (next >= 9 && next <= 13))) {
        at += open.length;
        continue;
      }
      const tagEnd = inner.indexOf('>', at);
      if (tagEnd === -1) throw new Error(`a damaged cell in sheet "${this.options.sheetName}"`);
      let end = tagEnd + 1;
      if (inner.charCodeAt(tagEnd - 1) !== 47) {
        const closeAt = inner.indexOf(close, tagEnd);
        if (closeAt === -1) throw new Error(`a damaged cell in sheet "${this.options.sheetName}"`);
        end = closeAt + close.length;
      }
      const ref = cellColumnAt(inner, at, tagEnd);
      const column = ref === 0 ? previous + 1 : ref;
      out.push({ start: at, end, column, hasRef: ref !== 0 });
      previous = column;
      at = end;
    }
    return out;
  }

  private cellText(cellXml: string): string {
    return cellText(cellXml, this.prefix, this.options.strings);
  }

  /** Decides where the columns go from the header row's cells, and prepares their styles. */
  private placeColumns(inner: string): void {
    const { headerRow, lastDataRow, lang, evaluation, styles } = this.options;
    const texts = new Map<number, string>();
    const styleOf = new Map<number, number>();
    for (const cell of this.parseCells(inner)) {
      const xml = inner.slice(cell.start, cell.end);
      const text = this.cellText(xml).trim();
      const hasFormula = findElement(xml, `${this.prefix}f`) !== -1;
      if (text !== '' || hasFormula) texts.set(cell.column, text);
      const s = attribute(xml.slice(0, xml.indexOf('>') + 1), 's');
      if (s !== null) styleOf.set(cell.column, Number(s));
    }
    const previous = previousRunColumn(texts);
    let first: number;
    if (previous !== null) {
      first = previous;
      this.previousRun = true;
    } else {
      const lastHeader = Math.max(0, ...texts.keys());
      if (lastHeader === 0) this.noHeaders();
      first = lastHeader + 1;
    }
    this.first = first;
    this.last = first + COLUMN_COUNT - 1;
    this.cells = new CellWriter(this.options.date1904, this.prefix);
    this.letters = Array.from({ length: COLUMN_COUNT }, (_, j) => columnLetter(first - 1 + j));
    const plan = buildExposurePlan(evaluation, { headerRow, firstOutputColumn: first, lastDataRow, lang });
    this.plan = plan;
    this.nextDataRow = plan.firstDataRow;

    // The user's header font (name, size), bold and in our colour: the columns look part of their table.
    const userXf = first > 1 ? (styleOf.get(first - 1) ?? this.rowStyle) : 0;
    this.headerStyles = plan.columns.map((column) =>
      styles.cellXf({
        font: { from: userXf, bold: true, colour: PALETTE.header.font },
        fill: PALETTE.header.fill,
        horizontal: column.kind === 'text' ? 'left' : 'right',
      }),
    );
    this.dataStyles = plan.columns.map((column) => styles.cellXf({ numFmt: column.numberFormat }));
  }

  /** The part before the rows, with `<dimension>` and `<cols>` covering our columns. */
  private patchPrefix(prefix: string): string {
    const p = this.prefix;
    const plan = this.plan as ExposurePlan;
    let xml = prefix;
    const dimension = findElement(xml, `${p}dimension`);
    if (dimension !== -1) {
      const tagEnd = xml.indexOf('>', dimension);
      const tag = xml.slice(dimension, tagEnd + 1);
      const ref = attribute(tag, 'ref') ?? 'A1';
      const [from, to = from] = ref.split(':');
      const lastColumn = Math.max(refColumn(to), this.last);
      const lastRow = Math.max(refRow(to), plan.lastDataRow);
      const firstColumn = Math.min(refColumn(from) || 1, this.first);
      const firstRow = Math.min(refRow(from) || 1, plan.headerRow);
      const next = `${columnLetter(firstColumn - 1)}${firstRow}:${columnLetter(lastColumn - 1)}${lastRow}`;
      xml = xml.slice(0, dimension) + withAttribute(tag, 'ref', next) + xml.slice(tagEnd + 1);
    }
    const ours = plan.columns.map((c) => ({
      min: c.column,
      max: c.column,
      tag: `<${p}col min="${c.column}" max="${c.column}" width="${c.width}" customWidth="1"/>`,
    }));
    const colsEl = elements(xml, `${p}cols`)[0];
    if (colsEl === undefined) {
      // `<cols>` goes right before `<sheetData>`, which is where the prefix ends.
      const at = insertionPoint(xml + `</${p}worksheet>`, p, AFTER_COLS, 'worksheet');
      return `${xml.slice(0, at)}<${p}cols>${ours.map((c) => c.tag).join('')}</${p}cols>${xml.slice(at)}`;
    }
    const [start, end] = colsEl;
    const kept: { min: number; max: number; tag: string }[] = [];
    for (const [s, e] of elements(xml, `${p}col`, start + 1, end)) {
      const tag = xml.slice(s, e);
      const a = attributes(tag);
      const min = Number(a.get('min'));
      const max = Number(a.get('max'));
      // The user's widths and styles stay on their columns; a range across ours is split around them.
      if (min < this.first)
        kept.push({
          min,
          max: Math.min(max, this.first - 1),
          tag: withAttribute(withAttribute(tag, 'min', String(min)), 'max', String(Math.min(max, this.first - 1))),
        });
      if (max > this.last) {
        const from = Math.max(min, this.last + 1);
        kept.push({ min: from, max, tag: withAttribute(withAttribute(tag, 'min', String(from)), 'max', String(max)) });
      }
    }
    const all = [...kept, ...ours].sort((a, b) => a.min - b.min);
    const open = xml.slice(start, xml.indexOf('>', start) + 1).replace(/\/>$/, '>');
    return `${xml.slice(0, start)}${open}${all.map((c) => c.tag).join('')}</${p}cols>${xml.slice(end)}`;
  }

  /** The part after the rows: merged ranges checked, a previous run's highlights replaced by ours. */
  private patchTail(tail: string): string {
    const p = this.prefix;
    const plan = this.plan as ExposurePlan;
    const { styles } = this.options;
    for (const [s, e] of elements(tail, `${p}mergeCell`)) {
      const ref = attribute(tail.slice(s, e), 'ref') ?? '';
      const [from, to = from] = ref.split(':');
      const crosses =
        refColumn(from) <= this.last &&
        refColumn(to) >= this.first &&
        refRow(from) <= plan.lastDataRow &&
        refRow(to) >= plan.headerRow;
      if (crosses) {
        throw new Error(
          `cannot add credit-cover's columns ${columnLetter(this.first - 1)}:${columnLetter(this.last - 1)} ` +
            `to sheet "${this.options.sheetName}": cells ${ref} are merged. Unmerge them, or move them.`,
        );
      }
    }

    let xml = tail;
    if (this.previousRun) {
      // Highlight rules lying wholly inside our columns are a previous run's.
      const blocks = elements(xml, `${p}conditionalFormatting`).reverse();
      for (const [s, e] of blocks) {
        const sqref = attribute(xml.slice(s, xml.indexOf('>', s) + 1), 'sqref') ?? '';
        const ranges = sqref.split(/\s+/).filter((r) => r !== '');
        const inside = ranges.every((range) => {
          const [from, to = from] = range.split(':');
          return (
            Math.min(refColumn(from), refColumn(to)) >= this.first &&
            Math.max(refColumn(from), refColumn(to)) <= this.last
          );
        });
        if (ranges.length > 0 && inside) xml = xml.slice(0, s) + xml.slice(e);
      }
    }
    if (plan.highlights.length === 0) return xml;
    // After the user's own rules: theirs keep precedence where ranges would ever meet.
    let base = 0;
    for (const m of xml.matchAll(/\spriority\s*=\s*"(\d+)"/g)) base = Math.max(base, Number(m[1]));
    const ours = plan.highlights
      .map(
        (rule) =>
          `<${p}conditionalFormatting sqref="${rule.address}"><${p}cfRule type="expression" dxfId="${styles.dxf(rule.style)}" ` +
          `priority="${base + rule.priority}"><${p}formula>${escapeText(rule.formula)}</${p}formula></${p}cfRule></${p}conditionalFormatting>`,
      )
      .join('');
    const existing = elements(xml, `${p}conditionalFormatting`);
    const at =
      existing.length > 0
        ? existing[existing.length - 1][1]
        : insertionPoint(xml, p, AFTER_CONDITIONAL_FORMATTING, 'worksheet');
    return xml.slice(0, at) + ours + xml.slice(at);
  }
}

/** The first column of a previous run's exposure columns on the header row, in either language. */
function previousRunColumn(texts: ReadonlyMap<number, string>): number | null {
  const columns = [...texts.keys()].sort((a, b) => a - b);
  for (const { headers } of allExposureHeaderSets()) {
    for (const c of columns) {
      if (headers.every((h, i) => texts.get(c + i) === h)) return c;
    }
  }
  return null;
}
