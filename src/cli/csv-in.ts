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
  const rows = parseCsv(body, separator);
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((f) => f === '')) rows.pop();
  const values: Cell[][] = rows.map((fields) => fields.map((f) => (f === '' ? null : f)));
  return { table: { values }, sheetName, sheetNames: [sheetName], kind: 'csv' };
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (what Excel writes for "CSV" in France). */
export function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe])) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16le');
  if (startsWith(bytes, [0xfe, 0xff])) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16be');
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(Buffer.from(body), 'win1252');
  }
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
