/**
 * The generated ledgers as a user's files, for the command line: a French CSV (`;`, dd/mm/yyyy,
 * `1 234,56`, UTF-8 with a BOM as Excel saves "CSV UTF-8") and an .xlsx workbook written by ExcelJS
 * with title rows above French headers, dates and amounts as real cells with their formats.
 */
import { closeSync, openSync, promises as fs, writeSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { formatIsoDay, type Cents, type Day } from '../src/domain';
import { AS_OF, FRENCH_HEADERS, eachInvoice, type BenchInvoice } from './ledger';

/** `1 234,56`, `-300,00`. */
export function frenchAmount(cents: Cents): string {
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${cents < 0 ? '-' : ''}${units},${String(abs % 100).padStart(2, '0')}`;
}

const frenchDates = new Map<Day, string>();

/** `31/12/2027`. */
export function frenchDate(day: Day): string {
  let text = frenchDates.get(day);
  if (text === undefined) {
    const iso = formatIsoDay(day);
    text = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    frenchDates.set(day, text);
  }
  return text;
}

function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function disputedText(disputed: boolean | null): string {
  return disputed === null ? '' : disputed ? 'Oui' : 'Non';
}

function csvLine(inv: BenchInvoice): string {
  const b = inv.buyer;
  return [
    csvField(b.id),
    csvField(b.name),
    b.country ?? '',
    b.buyerType ?? '',
    b.sector ?? '',
    inv.invoiceNo,
    frenchDate(inv.invoiceDate),
    frenchDate(inv.dueDate),
    frenchAmount(inv.amount),
    frenchAmount(inv.open),
    inv.currency,
    disputedText(inv.disputed),
    inv.declaredOn === null ? '' : frenchDate(inv.declaredOn),
  ].join(';');
}

/** A CSV of `rows` invoices under one header line: 1,048,575 rows fill a worksheet exactly. */
export function writeFrenchCsv(file: string, rows: number): void {
  // Synchronous writes in chunks of 10,000 lines: the generator is synchronous, and nothing piles up.
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '\ufeff' + FRENCH_HEADERS.join(';') + '\r\n');
    const lines: string[] = [];
    const flush = (): void => {
      if (lines.length > 0) writeSync(fd, lines.join('\r\n') + '\r\n');
      lines.length = 0;
    };
    eachInvoice(rows, (inv) => {
      lines.push(csvLine(inv));
      if (lines.length === 10_000) flush();
    });
    flush();
  } finally {
    closeSync(fd);
  }
}

const DATE_FORMAT = 'dd/mm/yyyy';
const AMOUNT_FORMAT = '#,##0.00';

/** Rows above the header in the generated workbook. */
export const XLSX_TITLE_ROWS = 3;

/** An .xlsx of `rows` invoices: two title rows, an empty row, the headers on row 4, the data below. */
export async function writeFrenchXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Balance âgée');
  const [y, m, d] = AS_OF.split('-');
  sheet.mergeCells('A1:F1');
  const title = sheet.getRow(1);
  title.getCell(1).value = `Balance âgée clients au ${d}/${m}/${y}`;
  title.getCell(1).font = { bold: true, size: 14 };
  title.commit();
  sheet.getRow(2).getCell(1).value = 'Société Exemple Export SAS – extraction du grand livre clients';
  sheet.getRow(2).commit();
  const header = sheet.getRow(XLSX_TITLE_ROWS + 1);
  header.values = [...FRENCH_HEADERS];
  header.font = { bold: true };
  header.commit();
  const date = (day: Day): Date => new Date(day * 86_400_000);
  eachInvoice(rows, (inv) => {
    const b = inv.buyer;
    const row = sheet.addRow([
      b.id,
      b.name,
      b.country,
      b.buyerType,
      b.sector,
      inv.invoiceNo,
      date(inv.invoiceDate),
      date(inv.dueDate),
      inv.amount / 100,
      inv.open / 100,
      inv.currency,
      disputedText(inv.disputed) || null,
      inv.declaredOn === null ? null : date(inv.declaredOn),
    ]);
    row.getCell(1).numFmt = '@';
    row.getCell(7).numFmt = DATE_FORMAT;
    row.getCell(8).numFmt = DATE_FORMAT;
    row.getCell(9).numFmt = AMOUNT_FORMAT;
    row.getCell(10).numFmt = AMOUNT_FORMAT;
    if (inv.declaredOn !== null) row.getCell(13).numFmt = DATE_FORMAT;
    row.commit();
  });
  sheet.commit();
  await workbook.commit();
}

export async function fileSizeMb(file: string): Promise<number> {
  return (await fs.stat(file)).size / (1024 * 1024);
}
