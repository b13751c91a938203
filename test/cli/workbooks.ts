/**
 * .xlsx fixtures, written by ExcelJS at test time (a binary fixture in git would hide what it holds).
 * Each cell says what it exercises; the tests assert what the reader makes of it.
 */
import ExcelJS from 'exceljs';

/** Sheet rows of the ledger sheet, for the assertions. */
export const LEDGER_ROWS = {
  header: 3,
  /** SIREN as a number with format 000000000, rich-text name, hyperlinked invoice number, real date, serial with a date format, formula. */
  dupont: 4,
  /** Serial without a format, float artefact, a real boolean. */
  martin: 5,
  /** `#N/A` in the open amount: reported. */
  naError: 6,
  /** A credit note from a formula. */
  credit: 7,
  /** A total row: skipped. */
  total: 8,
  /** A formula without a saved result: reported. */
  noResult: 9,
};

export async function ledgerWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const settings = workbook.addWorksheet('Paramètres', { state: 'hidden' });
  settings.getCell('A1').value = 'Taux USD';
  settings.getCell('B1').value = 0.92;

  const sheet = workbook.addWorksheet('Balance juin 2027');
  sheet.mergeCells('A1:H1');
  sheet.getCell('A1').value = 'Balance âgée clients au 30/06/2027';
  sheet.getRow(3).values = [
    'SIREN',
    'Raison sociale',
    'N° facture',
    'Date facture',
    'Échéance',
    'Solde TTC',
    'Litige',
    'Contrôle',
  ];

  const dupont = sheet.getRow(LEDGER_ROWS.dupont);
  dupont.getCell(1).value = 12345678;
  dupont.getCell(1).numFmt = '000000000';
  dupont.getCell(2).value = { richText: [{ text: 'Dupont ', font: { bold: true } }, { text: 'SA' }] };
  dupont.getCell(3).value = { text: 'F-001', hyperlink: 'https://erp.example/F-001' };
  dupont.getCell(4).value = new Date(Date.UTC(2027, 5, 1));
  dupont.getCell(4).numFmt = 'dd/mm/yyyy';
  dupont.getCell(5).value = 46568; // 2027-06-30
  dupont.getCell(5).numFmt = 'dd/mm/yyyy';
  dupont.getCell(6).value = { formula: '1000+234.56', result: 1234.56 };
  dupont.getCell(6).numFmt = '#,##0.00 "€"';
  dupont.getCell(7).value = 'Non';
  // An error in a column the reader does not use is no concern of the ledger.
  dupont.getCell(8).value = { formula: 'VLOOKUP(A4,Paramètres!A:B,2,0)', result: { error: '#N/A' } };

  const martin = sheet.getRow(LEDGER_ROWS.martin);
  martin.getCell(1).value = 552100554;
  martin.getCell(1).numFmt = '000000000';
  martin.getCell(2).value = 'Martin & Fils';
  martin.getCell(3).value = 'F-002';
  martin.getCell(4).value = 46539; // 2027-06-01, no format: still a serial in a date column
  martin.getCell(5).value = new Date(Date.UTC(2027, 6, 31));
  martin.getCell(6).value = 55.940000000000005;
  martin.getCell(7).value = true;

  const naError = sheet.getRow(LEDGER_ROWS.naError);
  naError.getCell(1).value = '303265045';
  naError.getCell(2).value = 'Durand';
  naError.getCell(3).value = 'F-003';
  naError.getCell(4).value = new Date(Date.UTC(2027, 5, 2));
  naError.getCell(5).value = new Date(Date.UTC(2027, 6, 2));
  naError.getCell(6).value = { error: '#N/A' };

  const credit = sheet.getRow(LEDGER_ROWS.credit);
  credit.getCell(1).value = '303265045';
  credit.getCell(2).value = 'Durand';
  credit.getCell(3).value = 'AV-004';
  credit.getCell(4).value = new Date(Date.UTC(2027, 5, 3));
  credit.getCell(5).value = new Date(Date.UTC(2027, 5, 3));
  credit.getCell(6).value = { formula: '-300', result: -300 };
  credit.getCell(7).value = 'Non';

  const total = sheet.getRow(LEDGER_ROWS.total);
  total.getCell(1).value = 'Total';
  total.getCell(6).value = { formula: 'SUM(F4:F7)', result: 990.5 };

  const noResult = sheet.getRow(LEDGER_ROWS.noResult);
  noResult.getCell(1).value = '303265045';
  noResult.getCell(2).value = 'Durand';
  noResult.getCell(3).value = 'F-005';
  noResult.getCell(4).value = new Date(Date.UTC(2027, 5, 4));
  noResult.getCell(5).value = new Date(Date.UTC(2027, 6, 4));
  noResult.getCell(6).value = { formula: 'F5*2' } as ExcelJS.CellFormulaValue;

  const other = workbook.addWorksheet('Balance agée');
  other.addRow(['Code client', 'Client', 'Non échu', '1-30', 'Plus de 30 jours', 'Total']);
  other.addRow(['C001', 'Dupont', 100, 50, 25, 175]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
