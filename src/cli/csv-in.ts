/**
 * A CSV ledger into a host-agnostic table, parsed by hand: UTF-8 (± BOM), UTF-16 with a BOM or
 * Windows-1252; `;`, `,` or tab, detected; RFC 4180 quoting. Cells stay text for `sheet/` to read.
 */
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Cell } from '../sheet';
import { InputError, startsWith, type ReadTableOptions, type TableFile } from './input-common';

const SEPARATORS = [';', ',', '\t'] as const;
type Separator = (typeof SEPARATORS)[number];
const SEPARATOR_SAMPLE_ROWS = 30;

export function readCsv(file: string, bytes: Buffer, options: ReadTableOptions): TableFile {
  const text = decodeText(bytes);
  if (text === null || looksBinary(text)) {
    throw new InputError(`${file}: not a spreadsheet (neither an .xlsx workbook nor CSV text)`, 'not-spreadsheet');
  }
  if (text.trim() === '') throw new InputError(`${file}: the file is empty`, 'empty');
  const sheetName = path.basename(file, path.extname(file));
  if (options.sheet !== undefined && options.sheet.trim().toLowerCase() !== sheetName.toLowerCase()) {
    throw new InputError(
      `${file}: no sheet named "${options.sheet}"; a CSV file has one sheet: "${sheetName}"`,
      'unknown-sheet',
    );
  }
  // Excel writes and honours a first line `sep=;`; it is a hint, not a row of the sheet.
  const hint = /^sep=([;,\t|])\r?\n/i.exec(text);
  const body = hint ? text.slice(hint[0].length) : text;
  const separator = hint?.[1] ?? detectSeparator(body);
  const values: Cell[][] = parseFields(body, separator, Infinity, null);
  while (values.length > 0 && (values[values.length - 1] ?? []).every((f) => f === null)) values.pop();
  return { table: { values }, sheetName, sheetNames: [sheetName], kind: 'csv' };
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (what Excel writes for "CSV" in France). */
export function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe])) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16le');
  if (startsWith(bytes, [0xfe, 0xff])) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16be');
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return null;
  try {
    // Measured faster than `isUtf8` then `toString`. V8 keeps the text one byte per character when
    // every character is Latin-1, as in French ledgers.
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeWindows1252(body);
  }
}

/**
 * Windows-1252 is Latin-1 but for 0x80–0x9F (€, ’, œ…): without those bytes Node's own Latin-1
 * decoder gives the same text, measured ~3 times as fast as iconv (scan included).
 */
function decodeWindows1252(body: Uint8Array): string {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  for (let i = 0; i < buffer.length; i++) {
    const b = buffer[i] as number;
    if (b >= 0x80 && b <= 0x9f) return iconv.decode(buffer, 'win1252');
  }
  return buffer.toString('latin1');
}

/** Text with many control characters is some binary file that happened to decode. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  const controls = sample.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls > 0 && controls * 100 > sample.length;
}

/**
 * The separator that splits the first rows into the most rows of one same width (more than one
 * field), then the widest. A French `1 234,56` in a `;` file does not fool it: the header and
 * title rows have no comma, so `,` never gathers as many rows of one width as `;`.
 */
export function detectSeparator(text: string): Separator {
  let best: Separator = ',';
  let bestScore: [number, number] = [0, 0];
  for (const separator of SEPARATORS) {
    const rows = parseCsv(text, separator, SEPARATOR_SAMPLE_ROWS).filter((r) => r.length > 1);
    const widths = new Map<number, number>();
    for (const r of rows) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    let score: [number, number] = [0, 0];
    for (const [width, count] of widths) {
      if (count > score[0] || (count === score[0] && width > score[1])) score = [count, width];
    }
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = separator;
      bestScore = score;
    }
  }
  return best;
}

/** RFC 4180 fields: quoted fields may hold separators, line breaks and doubled quotes. */
export function parseCsv(text: string, separator: string, maxRows = Infinity): string[][] {
  return parseFields(text, separator, maxRows, '');
}

/**
 * The fields of `parseCsvReference`, found fast, with `empty` for each empty field. A line without a
 * quote is cut at its separators by `indexOf` (see `RowSplitter`); a record from a line with a quote
 * on is read character by character (it may span lines).
 *
 * The fields are slices of `text`, which they keep alive: one copy of the file, one byte per
 * character when it is Latin-1, as French ledgers are.
 */
function parseFields<E extends string | null>(
  text: string,
  separator: string,
  maxRows: number,
  empty: E,
): (string | E)[][] {
  if (separator.length !== 1 || separator === '"' || separator === '\r' || separator === '\n') {
    // No CSV file has these (the separator is detected among `;`, `,` and tab); the reference reads them.
    return withEmpty(parseCsvReference(text, separator, maxRows), empty);
  }
  const rows: (string | E)[][] = [];
  const splitter = new RowSplitter(text, separator, empty);
  const length = text.length;
  // The next quote and CR at or after `pos`, searched for again only once `pos` has passed them.
  let quote = text.indexOf('"');
  let cr = text.indexOf('\r');
  let pos = 0;
  while (pos < length && rows.length < maxRows) {
    if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
    if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    let lf = text.indexOf('\n', pos);
    if (lf === -1) lf = length;
    if (quote !== -1 && quote < lf) {
      const record = readRecord(text, pos, separator);
      if (record.fields !== null) rows.push(withEmptyRow(record.fields, empty));
      pos = record.next;
      continue;
    }
    const end = lf < length && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
    // A lone CR ends a row too (old Mac files): each piece between CRs is a row of its own.
    let start = pos;
    while (cr !== -1 && cr < end && rows.length < maxRows) {
      rows.push(splitter.row(start, cr, rows.length >= POOL_FROM_ROW));
      start = cr + 1;
      cr = text.indexOf('\r', start);
    }
    // The text's last line, empty when the text ends with a line break, is then no row.
    if (rows.length < maxRows && (lf < length || start < end)) {
      rows.push(splitter.row(start, end, rows.length >= POOL_FROM_ROW));
    }
    pos = lf + 1;
  }
  return rows;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * One record from `start`, character by character as `parseCsvReference` reads it, and where the
 * next one starts; the text between two special characters is taken as one slice.
 */
function readRecord(text: string, start: number, separator: string): { fields: string[] | null; next: number } {
  const sep = separator.charCodeAt(0);
  const length = text.length;
  const fields: string[] = [];
  // The field read so far: `field`, then the unquoted text from `run` to `i`.
  let field = '';
  let run = start;
  let i = start;
  while (i < length) {
    const ch = text.charCodeAt(i);
    if (ch === sep) {
      fields.push(field + text.slice(run, i));
      field = '';
      run = i + 1;
    } else if (ch === LF || ch === CR) {
      fields.push(field + text.slice(run, i));
      return { fields, next: ch === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1 };
    } else if (ch === QUOTE && (field + text.slice(run, i)).trim() === '') {
      // A quote opens a quoted field only at its start (spaces before it are dropped, as Excel does).
      field = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          // Never closed: the field runs to the end of the text.
          fields.push(field + text.slice(from));
          return { fields, next: length };
        }
        field += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== QUOTE) {
          i = close + 1;
          break;
        }
        field += '"';
        from = close + 2;
      }
      run = i;
      continue;
    }
    i += 1;
  }
  const last = field + text.slice(run);
  // Text that ends on a closed empty quoted field, `""`, adds no row, as in the reference.
  if (last === '' && fields.length === 0) return { fields: null, next: length };
  fields.push(last);
  return { fields, next: length };
}

/** Rows read before equal fields start to be shared: a small table gains nothing from it. */
const POOL_FROM_ROW = 256;
/** Slots of a column's pool; a field whose slot holds another value is kept as it is. */
const POOL_SLOTS = 1 << 12;
/** Only the first columns share fields: a very wide file would otherwise cost a pool per column. */
const POOL_COLUMNS = 64;
/** A column stops sharing when fewer than 1 in 16 of its first 16,384 fields met an equal one. */
const POOL_TRIAL = 16_384;
const POOL_MIN_HITS = POOL_TRIAL / 16;
/** Characters hashed: what a ledger column repeats differs in its first ones. */
const HASHED_CHARS = 32;

/** A column's pool: per slot, the hash, place and length of a field in the text, and its string. */
interface Pool {
  slots: Int32Array;
  strings: string[];
  /** Fields looked up (low 16 bits) and found (times 2^16) during the trial; -1 once it is passed. */
  trial: number;
}

/**
 * The fields of one line without quotes, cut at the separators by `indexOf`, and equal fields of a
 * column given one same string.
 *
 * A ledger repeats its buyers, countries, currencies, dates: in the 1,048,575-row benchmark file ten
 * columns of thirteen do, and sharing leaves 4.2 million strings for its 12.1 million non-empty
 * fields: ~190 MB less heap, and half the garbage collector's time (each string kept is copied out
 * of the young generation, where the table is built). So a field is looked up in the text before a
 * string is made of it, and the slots hold numbers, so that a miss reads no string. Columns of
 * unique values (invoice numbers, amounts) are found out on their first fields and left alone.
 */
class RowSplitter<E extends string | null> {
  private readonly pools: (Pool | null)[] = [];
  /** The first separator at or after where the last search started: each is searched for once. */
  private nextSeparator = -1;
  /** The last row's width: a new row is made that wide, and cut or grown to its own. */
  private width = 0;

  constructor(
    private readonly text: string,
    private readonly separator: string,
    private readonly empty: E,
  ) {}

  /** The row from `start` to `end` (a line without quotes and without its line break). */
  row(start: number, end: number, pooled: boolean): (string | E)[] {
    const text = this.text;
    const row = new Array<string | E>(this.width);
    let c = 0;
    for (let from = start; ; c++) {
      if (this.nextSeparator < from) {
        const found = text.indexOf(this.separator, from);
        this.nextSeparator = found === -1 ? text.length : found;
      }
      const to = this.nextSeparator < end ? this.nextSeparator : end;
      if (to === from) row[c] = this.empty;
      else if (pooled && c < POOL_COLUMNS) row[c] = this.shared(c, from, to);
      else row[c] = text.slice(from, to);
      if (to === end) break;
      from = to + 1;
    }
    row.length = c + 1;
    this.width = c + 1;
    return row;
  }

  /** The field from `from` to `to`: the column pool's string when it holds an equal one, else a new one. */
  private shared(column: number, from: number, to: number): string {
    const text = this.text;
    let pool = this.pools[column];
    if (pool === null) return text.slice(from, to);
    if (pool === undefined) {
      pool = { slots: new Int32Array(POOL_SLOTS * 3), strings: new Array<string>(POOL_SLOTS).fill(''), trial: 0 };
      this.pools[column] = pool;
    }
    const length = to - from;
    let hash = length;
    for (let i = from, n = Math.min(to, from + HASHED_CHARS); i < n; i++) {
      hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    }
    const slot = (hash ^ (hash >>> 15)) & (POOL_SLOTS - 1);
    const slots = pool.slots;
    let found = slots[slot * 3] === hash && slots[slot * 3 + 2] === length;
    if (found) {
      const shift = (slots[slot * 3 + 1] as number) - from;
      for (let i = from; i < to; i++) {
        if (text.charCodeAt(i) !== text.charCodeAt(i + shift)) {
          found = false;
          break;
        }
      }
    }
    let field: string;
    if (found) {
      field = pool.strings[slot] as string;
    } else {
      field = text.slice(from, to);
      pool.strings[slot] = field;
      slots[slot * 3] = hash;
      slots[slot * 3 + 1] = from;
      slots[slot * 3 + 2] = length;
    }
    if (pool.trial >= 0) {
      const trial = pool.trial + (found ? 0x10001 : 1);
      if ((trial & 0xffff) < POOL_TRIAL) pool.trial = trial;
      else if (trial >>> 16 < POOL_MIN_HITS) this.pools[column] = null;
      else pool.trial = -1;
    }
    return field;
  }
}

/** The row with `empty` for its empty fields, in place: a million rows are not copied for it. */
function withEmptyRow<E extends string | null>(row: string[], empty: E): (string | E)[] {
  const fields: (string | E)[] = row;
  if (empty !== '') for (let c = 0; c < fields.length; c++) if (fields[c] === '') fields[c] = empty;
  return fields;
}

function withEmpty<E extends string | null>(rows: string[][], empty: E): (string | E)[][] {
  for (const row of rows) withEmptyRow(row, empty);
  return rows;
}

/** The fields of `parseCsv`, read character by character: the plain statement of the format. */
export function parseCsvReference(text: string, separator: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length && rows.length < maxRows) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      // A quote opens a quoted field only at its start (spaces before it are dropped, as Excel does).
      field = '';
      quoted = true;
    } else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text.charAt(i + 1) === '\n') i += 1;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (rows.length < maxRows && (field !== '' || row.length > 0 || quoted)) endRow();
  return rows;
}
