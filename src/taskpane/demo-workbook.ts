/**
 * The workbook the pane works on outside Excel: an in-memory Excel (src/excel/memory-host.ts)
 * holding a small French aged balance, so a broker can try a rule file in a plain browser.
 *
 * Built from the table below, the same every time. Struck at 30/06/2027 (the year of the sample
 * policies), it shows what the evaluation distinguishes: buyers with named limits (one cancelled, one
 * starting in March, one reduced in July), discretionary buyers, a buyer over its limit, credit
 * notes, a partly paid invoice, a dispute, invoices past the declaration deadline, one declared in
 * time, declarations due within 15 days, a credit period over the maximum, stop-shipment, foreign
 * buyers in GBP and USD, a currency without a rate (CHF), a public buyer, a private individual, a
 * due date that does not exist, and the ERP's "Total général" line.
 */
import { excelSerialFromDay, parseIsoDay } from '../domain';
import { MemoryWorkbook, type HostCellValue } from '../excel/memory-host';

export const DEMO_SHEET = 'Balance âgée';
export const DEMO_README_SHEET = 'Lisez-moi';
/** The date the demo balance is struck at: the pane's default as-of date in the demo. */
export const DEMO_AS_OF = '2027-06-30';

const HEADERS = [
  'SIREN',
  'Raison sociale',
  'Pays',
  'Secteur',
  'Type client',
  'N° facture',
  'Date facture',
  'Échéance',
  'Montant TTC',
  'Solde TTC',
  'Devise',
  'Litige',
  'Déclaré le',
];
const HEADER_ROW = 4;

/** id → name, country, sector, buyer type. */
const BUYERS: Record<string, [string, string, string, string]> = {
  '054321872': ['Boulangeries Martin SAS', 'FR', 'Boulangerie', 'Entreprise'],
  '321456980': ['Transports Lefèvre et Fils SARL', 'FR', 'Transport', 'Entreprise'],
  '412369852': ['Métallerie Garnier SA', 'FR', 'Métallurgie', 'Entreprise'],
  '523698744': ['Imprimerie Rousseau SARL', 'FR', 'Imprimerie', 'Entreprise'],
  '007812456': ['Hôtel des Voyageurs SARL', 'FR', 'Hôtellerie', 'Entreprise'],
  '441236585': ['Distribution Alimentaire du Sud-Ouest SAS', 'FR', 'Distribution', 'Entreprise'],
  '789456126': ['Bâtiments Perrin SAS', 'FR', 'BTP', 'Entreprise'],
  '065214785': ['Comptoir Réunionnais de Matériaux SARL', 'RE', 'Négoce', 'Entreprise'],
  '000123457': ['Ateliers du Rhône', 'FR', 'Mécanique', 'Entreprise'],
  '552100554': ['Martin & Fils', 'FR', 'Menuiserie', 'Entreprise'],
  '384129765': ['Pâtisserie Lambert SARL', 'FR', 'Boulangerie', 'Entreprise'],
  '493827160': ['Épicerie Fine Moreau', 'FR', 'Commerce', 'Entreprise'],
  DE811234567: ['Müller Maschinenbau GmbH', 'DE', 'Machines', 'Entreprise'],
  GB274530981: ['Thames Trading Ltd', 'GB', 'Négoce', 'Entreprise'],
  'US-HF-2231': ['Harbor Foods Inc.', 'US', 'Distribution', 'Entreprise'],
  'CHE-105.912.431': ['Horlogerie Jurassienne SA', 'CH', 'Horlogerie', 'Entreprise'],
  '217500016': ['Ville de Lyon', 'FR', 'Administration', 'Public'],
  'PART-0042': ['M. Jean Dupuis', 'FR', '', 'Particulier'],
};

/**
 * buyer | invoice | invoice date | due date | amount | open | currency | disputed | declared on.
 * Amounts include VAT (TTC), as the French sample policy expects; dates are ISO here and real
 * date cells in the sheet. A due date written `!31/02/2027` goes in as the text a user typed.
 */
const ROWS = `
054321872|F27-0101|2027-02-10|2027-04-11|8400|8400|EUR|Non|2027-05-20
054321872|F27-0102|2027-03-15|2027-05-14|12000|12000|EUR|Non|
054321872|F27-0103|2027-04-20|2027-06-19|9600|9600|EUR|Non|
054321872|F27-0104|2027-05-25|2027-07-24|14400|14400|EUR|Non|
054321872|AV27-011|2027-05-30|2027-05-30|-1200|-1200|EUR||
054321872|F27-0105|2027-06-15|2027-08-14|6000|6000|EUR|Non|
054321872|F27-0106|2027-06-28|2027-08-27|3600|3600|EUR|Non|
321456980|F27-0201|2027-02-20|2027-04-21|10800|10800|EUR|Non|2027-06-01
321456980|F27-0202|2027-04-05|2027-05-05|13200|13200|EUR|Non|
321456980|F27-0203|2027-05-10|2027-06-09|9000|9000|EUR|Non|
321456980|F27-0204|2027-06-05|2027-07-05|7800|7800|EUR|Non|
321456980|F27-0205|2027-06-20|2027-07-20|4200|4200|EUR|Non|
412369852|F27-0301|2027-03-01|2027-04-30|6600|6600|EUR|Non|
412369852|F27-0302|2027-04-12|2027-06-11|5400|2700|EUR|Non|
412369852|F27-0303|2027-05-18|2027-07-17|8100|8100|EUR|Non|
412369852|F27-0304|2027-06-25|2027-08-24|3300|3300|EUR|Non|
523698744|F27-0401|2027-03-10|2027-05-09|4800|4800|EUR|Non|
523698744|F27-0402|2027-05-02|2027-07-01|3600|3600|EUR|Non|
007812456|F27-0501|2027-03-12|2027-04-11|2400|2400|EUR|Non|
007812456|F27-0502|2027-05-03|2027-06-02|3000|3000|EUR|Non|
007812456|F27-0503|2027-06-10|2027-07-10|1800|1800|EUR|Non|
441236585|F27-0601|2027-04-01|2027-05-31|18000|18000|EUR|Non|
441236585|F27-0602|2027-04-28|2027-06-27|21600|21600|EUR|Non|
441236585|F27-0603|2027-05-14|2027-07-13|4800|4800|EUR|Non|
441236585|F27-0604|2027-05-26|2027-07-25|16800|16800|EUR|Non|
441236585|F27-0605|2027-06-22|2027-08-21|19200|19200|EUR|Non|
441236585|AV27-061|2027-06-25|2027-06-25|-2400|-2400|EUR||
789456126|F27-0701|2027-02-15|2027-05-16|15600|15600|EUR|Non|
789456126|F27-0702|2027-04-15|2027-07-14|12000|12000|EUR|Non|
789456126|F27-0703|2027-05-20|2027-09-17|9000|9000|EUR|Non|
065214785|F27-0801|2027-03-20|2027-05-19|7200|7200|EUR|Non|
065214785|F27-0802|2027-05-12|2027-07-11|6000|6000|EUR|Non|
065214785|F27-0803|2027-06-18|2027-08-17|8400|8400|EUR|Non|
000123457|F27-0901|2027-04-14|2027-05-14|3600|3600|EUR|Non|
000123457|F27-0902|2027-06-01|2027-07-01|4800|4800|EUR|Non|
000123457|F27-0903|2027-06-20|2027-07-20|1920|1920|EUR|Non|
552100554|F27-1001|2027-04-30|2027-05-30|5400|5400|EUR|Oui|
552100554|F27-1002|2027-06-12|2027-07-12|2160|2160|EUR|Non|
552100554|AV27-101|2027-06-20|2027-06-20|-360|-360|EUR||
552100554|F27-1003|2027-06-26|!31/02/2027|1320|1320|EUR|Non|
384129765|F27-1101|2027-05-11|2027-06-10|2640|2640|EUR|Non|
384129765|F27-1102|2027-06-08|2027-07-08|3120|3120|EUR|Non|
384129765|F27-1103|2027-06-24|2027-07-24|1800|1800|EUR|Non|
493827160|F27-1201|2027-01-05|2027-02-04|1920|1920|EUR|Non|
493827160|F27-1202|2027-05-06|2027-06-05|2880|2880|EUR|Non|
493827160|F27-1203|2027-06-14|2027-07-14|1560|1560|EUR|Non|
DE811234567|F27-1301|2027-04-08|2027-06-07|11500|11500|EUR|Non|
DE811234567|F27-1302|2027-05-21|2027-07-20|6250|6250|EUR|Non|
GB274530981|F27-1401|2027-05-05|2027-06-04|4500|4500|GBP|Non|
GB274530981|F27-1402|2027-06-16|2027-07-16|2750|2750|GBP|Non|
US-HF-2231|F27-1501|2027-05-15|2027-06-14|7800|7800|USD|Non|
CHE-105.912.431|F27-1601|2027-05-22|2027-06-21|3200|3200|CHF|Non|
217500016|F27-1701|2027-03-25|2027-05-24|9600|9600|EUR|Non|
217500016|F27-1702|2027-06-03|2027-07-03|4320|4320|EUR|Non|
PART-0042|F27-1801|2027-05-28|2027-06-27|1440|1440|EUR|Non|
054321872|F27-0107|2027-06-29|2027-08-28|2400|2400|EUR|Non|
441236585|F27-0606|2027-06-29|2027-08-28|7200|7200|EUR|Non|
321456980|F27-0206|2027-06-27|2027-07-27|2640|2640|EUR|Non|
789456126|F27-0704|2027-06-21|2027-09-19|4800|4800|EUR|Non|
065214785|AV27-081|2027-06-28|2027-06-28|-600|-600|EUR||
`;

const DATE_FORMAT = 'dd/mm/yyyy';
const AMOUNT_FORMAT = '#,##0.00';

function dateCell(iso: string): { value: HostCellValue; format: string | null } {
  if (iso === '') return { value: null, format: null };
  if (iso.startsWith('!')) return { value: iso.slice(1), format: null };
  const day = parseIsoDay(iso);
  if (day === null) throw new Error(`demo workbook: bad date ${iso}`);
  return { value: excelSerialFromDay(day), format: DATE_FORMAT };
}

/** The demo ledger's rows as cells, header row first: what a user would have typed. */
export function demoLedgerCells(): { values: HostCellValue[][]; formats: (string | null)[][] } {
  const values: HostCellValue[][] = [HEADERS];
  const formats: (string | null)[][] = [HEADERS.map(() => null)];
  let openTotal = 0;
  for (const line of ROWS.trim().split('\n')) {
    const [id, invoiceNo, date, due, amount, open, currency, disputed, declared] = line.split('|');
    const buyer = BUYERS[id];
    if (buyer === undefined) throw new Error(`demo workbook: unknown buyer ${id}`);
    const [name, country, sector, type] = buyer;
    const cells = [dateCell(date), dateCell(due), dateCell(declared)];
    openTotal += Math.round(Number(open) * 100);
    values.push([
      id,
      name,
      country,
      sector,
      type,
      invoiceNo,
      cells[0].value,
      cells[1].value,
      Number(amount),
      Number(open),
      currency,
      disputed,
      cells[2].value,
    ]);
    formats.push([
      '@',
      null,
      null,
      null,
      null,
      '@',
      cells[0].format,
      cells[1].format,
      AMOUNT_FORMAT,
      AMOUNT_FORMAT,
      null,
      null,
      cells[2].format,
    ]);
  }
  // The ERP's grand total under a blank row, as exports have it: the reader skips it, and says so.
  values.push([], ['Total général', null, null, null, null, null, null, null, null, openTotal / 100]);
  formats.push([], [null, null, null, null, null, null, null, null, null, AMOUNT_FORMAT]);
  return { values, formats };
}

export function demoWorkbook(): MemoryWorkbook {
  const { values, formats } = demoLedgerCells();
  const workbook = new MemoryWorkbook();
  workbook.addSheet(DEMO_SHEET).addSheet(DEMO_README_SHEET);
  workbook.setCells(DEMO_SHEET, 'A1', [['Société Démo SAS'], ['Balance âgée clients au 30/06/2027']]);
  workbook.setCells(DEMO_SHEET, `A${HEADER_ROW}`, values, formats);
  workbook.setCells(DEMO_README_SHEET, 'A1', [
    ['Classeur de démonstration de credit-cover / credit-cover demo workbook'],
    ['La balance est sur la feuille « Balance âgée ». / The ledger is on the sheet “Balance âgée”.'],
  ]);
  return workbook;
}
