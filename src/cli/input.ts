/**
 * Reading a ledger file into a host-agnostic table: .xlsx read from its XML parts (xlsx-in.ts), .csv by hand
 * (csv-in.ts). Interpreting the cells is `sheet/`'s job.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readCsv } from './csv-in';
import { firstLine, InputError, startsWith, type ReadTableOptions, type TableFile } from './input-common';
import { readXlsx } from './xlsx-in';

export { decodeText, detectSeparator, parseCsv } from './csv-in';
export { InputError, type InputErrorCode, type ReadTableOptions, type TableFile } from './input-common';
export { excelJsDateCell } from './xlsx-in';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];
const XLSX_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);

export async function readTableFromFile(file: string, options: ReadTableOptions = {}): Promise<TableFile> {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file`, 'not-found');
    if (code === 'EISDIR') throw new InputError(`${file}: is a folder, not a spreadsheet`, 'not-spreadsheet');
    throw new InputError(`${file}: cannot be read (${code ?? firstLine(error)})`, 'not-found');
  }
  if (bytes.length === 0) throw new InputError(`${file}: the file is empty`, 'empty');
  if (startsWith(bytes, OLE)) {
    throw new InputError(
      `${file}: a password-protected (encrypted) workbook or an old .xls file; save it in Excel as .xlsx without a password`,
      'encrypted',
    );
  }
  if (startsWith(bytes, PDF))
    throw new InputError(`${file}: a PDF document, not a spreadsheet (.xlsx or .csv)`, 'not-spreadsheet');
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return readXlsx(file, bytes, options);
  if (XLSX_EXTENSIONS.has(path.extname(name).toLowerCase())) {
    throw new InputError(`${file}: not an .xlsx workbook (it is not a zip archive)`, 'not-spreadsheet');
  }
  return readCsv(file, bytes, options);
}
