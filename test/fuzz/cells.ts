/**
 * Arbitrary sheet content for the reader's fuzz tests: every kind of cell a host can hand over
 * (numbers, text in every format, dates, booleans, errors, empty, huge strings, formulas' cached
 * values), number formats, and header rows made of the real header names so that detection passes.
 */
import fc from 'fast-check';
import { roleNames, ROLES, type Cell, type Role } from '../../src/sheet';

/** Amount texts as French, English and ERP exports write them, and near misses. */
const AMOUNT_TEXTS = [
  '1 234,56',
  '1\u202f234,56 €',
  '1\u00a0234,56',
  '1.234,56',
  '1,234.56',
  '$1,234.56',
  '1,234',
  '1.234',
  '12.345',
  '(12,00)',
  '12,00-',
  '-0,00',
  '€ 12',
  '12 EUR',
  'USD 12.50',
  '£7',
  '1e5',
  '0x10',
  '١٢٣',
  '12,5,6',
  '--12',
  '12..5',
  '99999999999999999999',
  '0,001',
];

/** Date texts: both orders, ISO with times, two-digit years, leap days, impossible days, serials as text. */
const DATE_TEXTS = [
  '31/02/2027',
  '15/01/2027',
  '1/15/2027',
  '01/02/2027',
  '05/05/2027',
  '2027-06-30',
  '2027-06-30T23:59:59Z',
  '2027-06-30 10:00 PM',
  '2027/6/3',
  '30.06.2027',
  '6/30/27',
  '20270630',
  '46000',
  '46000.75',
  '1900-02-29',
  '2100-02-29',
  '2028-02-29',
  '2027-02-29',
  '0207-06-30',
  '29/02/2028',
  '13/13/2027',
];

const WORDS = [
  '',
  ' ',
  '\t',
  'Total',
  'Total général',
  'Sous-total',
  'Subtotal',
  'Cumul',
  'TotalEnergies',
  'Oui',
  'non',
  'X',
  'vrai',
  'EUR',
  'usd',
  'XXX',
  '€',
  '$',
  'FR',
  'RU',
  'BTP',
  'particulier',
  'public',
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
  'null',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '=HYPERLINK("http://evil.example","x")',
  '=1+1',
  '+33 1 23 45 67',
  '-1+2',
  '@SUM(A1)',
  '\t=cmd',
  '\r=cmd',
  '0012345',
  'FR40303265045',
  'Ünïcödé ✓ 🧾',
  '\u202eevil\u202c',
  'a\u0000b',
  'line\nbreak',
  '#N/A',
];

const ERRORS = [
  '#N/A',
  '#REF!',
  '#DIV/0!',
  '#VALUE!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
];

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1 + 0.2,
  55.940000000000005,
  12.345,
  59,
  60,
  61,
  2958465,
  2958466,
  20270630,
  20270230,
  46000,
  46000.999,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
  -1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** A huge string: a cell holds up to 32,767 characters in Excel, a CSV field anything. */
const hugeString: fc.Arbitrary<Cell> = fc
  .tuple(fc.constantFrom('x', '9', ' ', 'é', '1 234,56 ', '='), fc.integer({ min: 1_000, max: 40_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

const dates: fc.Arbitrary<Cell> = fc.oneof(
  fc.date({ min: new Date(Date.UTC(1899, 11, 30)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(
    new Date(Number.NaN),
    new Date(Date.UTC(1900, 1, 28)),
    new Date(Date.UTC(1900, 2, 1)),
    new Date(Date.UTC(2028, 1, 29)),
    new Date(Date.UTC(1969, 11, 31)),
    new Date(Date.UTC(2100, 2, 1)),
    new Date(Date.UTC(2027, 5, 30, 23, 59, 59)),
  ),
);

/** Any cell a host can give: the reader must survive every one. */
export const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom(...AMOUNT_TEXTS, ...DATE_TEXTS, ...WORDS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 3_000_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS).map((error) => ({ error })) },
  {
    weight: 1,
    arbitrary: fc.constant({ error: 'formula =F5*2 has no saved result (open and save the file in Excel)' }),
  },
  { weight: 2, arbitrary: dates },
  { weight: 1, arbitrary: hugeString },
);

const FORMATS = [
  null,
  'General',
  '@',
  'dd/mm/yyyy',
  'mm/dd/yyyy',
  'yyyy-mm-dd hh:mm',
  '[$-40C]d mmmm yyyy',
  '000000000',
  '"FR"00000000000',
  '000 000 000',
  '#,##0.00 "€"',
  '#,##0.00;[Red]-#,##0.00',
  '0.00%',
  '0',
  '#',
  ';;;',
  '"text"',
];

export const anyFormat: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FORMATS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

/** Plausible cells for a column's role, so that many rows get past the reader and reach the evaluation. */
function plausible(role: Role | 'bucket' | null): fc.Arbitrary<Cell> {
  switch (role) {
    case 'buyerId':
      return fc.constantFrom('054321872', 'B1', 'B2', 'FR40303265045', '0012345', 12345678, '=B3');
    case 'buyerName':
      return fc.constantFrom('Dupont SA', 'Martin & Fils', '=HYPERLINK("x")', 'Total Ltd', null);
    case 'country':
      return fc.constantFrom('FR', 'DE', 'RU', 'US', null);
    case 'invoiceNo':
      return fc.constantFrom('F-001', '000123', 123, null, '+1');
    case 'invoiceDate':
    case 'dueDate':
    case 'declaredOn':
      return fc.oneof(
        fc.integer({ min: 45000, max: 47500 }),
        fc.constantFrom(59, 60, 61, 1, 2958465),
        fc
          .date({ min: new Date(Date.UTC(2026, 0, 1)), max: new Date(Date.UTC(2028, 11, 31)), noInvalidDate: true })
          .map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))),
        fc.constantFrom(...DATE_TEXTS),
      );
    case 'open':
    case 'amount':
    case 'total':
    case 'bucket':
      return fc.oneof(
        fc.integer({ min: -100_000_00, max: 1_000_000_00 }).map((c) => c / 100),
        fc.constantFrom(...AMOUNT_TEXTS),
        fc.constant(null),
      );
    case 'currency':
      return fc.constantFrom('EUR', 'USD', 'GBP', 'XXX', '€', null, 'eur');
    case 'disputed':
      return fc.constantFrom('Oui', 'Non', 'Yes', 'no', true, false, 1, 0, null, 'peut-être');
    case 'sector':
    case 'buyerType':
      return fc.constantFrom('BTP', 'particulier', 'public', null);
    default:
      return anyCell;
  }
}

const BUCKET_LABELS = [
  'Non échu',
  'Not due',
  '1-30',
  '31–60',
  '61 - 90 j',
  '91-120',
  '> 120',
  '+120',
  'plus de 90 jours',
];

export interface Sheet {
  values: Cell[][];
  formats: (string | null)[][];
}

const roleOf = (name: string): Role => ROLES.find((r) => roleNames(r).includes(name)) as Role;

/** A header row: the real names of an invoice-level or bucket-level ledger, shuffled, plus noise. */
const headerArb: fc.Arbitrary<{ headers: Cell[]; roles: (Role | 'bucket' | null)[] }> = fc
  .record({
    layout: fc.constantFrom('invoice', 'bucket', 'random'),
    id: fc.constantFrom(...roleNames('buyerId'), ...roleNames('buyerName')),
    invoiceDate: fc.constantFrom(...roleNames('invoiceDate')),
    dueDate: fc.constantFrom(...roleNames('dueDate')),
    money: fc.constantFrom(...roleNames('open'), ...roleNames('amount')),
    extra: fc.subarray(
      ROLES.flatMap((r) => roleNames(r).slice(0, 2)),
      { maxLength: 6 },
    ),
    buckets: fc.subarray(BUCKET_LABELS, { minLength: 1 }),
    noise: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null), anyCell), { maxLength: 3 }),
    order: fc.infiniteStream(fc.nat()),
  })
  .map(({ layout, id, invoiceDate, dueDate, money, extra, buckets, noise, order }) => {
    const named: Cell[] =
      layout === 'invoice'
        ? [id, invoiceDate, dueDate, money, ...extra]
        : layout === 'bucket'
          ? [id, ...buckets, ...extra.filter((h) => !roleNames('invoiceDate').includes(h))]
          : [...extra, ...noise];
    const headers = [...named, ...(layout === 'random' ? [] : noise)];
    const it = order[Symbol.iterator]();
    for (let i = headers.length - 1; i > 0; i--) {
      const j = it.next().value % (i + 1);
      [headers[i], headers[j]] = [headers[j], headers[i]];
    }
    const roles = headers.map((h) =>
      typeof h === 'string' && BUCKET_LABELS.includes(h)
        ? ('bucket' as const)
        : typeof h === 'string' && ROLES.some((r) => roleNames(r).includes(h))
          ? roleOf(h)
          : null,
    );
    return { headers, roles };
  });

/** A sheet: junk rows, a header row, then rows of plausible and arbitrary cells, with formats. */
export const sheetArb: fc.Arbitrary<Sheet> = headerArb.chain(({ headers, roles }) =>
  fc
    .record({
      above: fc.array(fc.array(anyCell, { maxLength: 4 }), { maxLength: 3 }),
      rows: fc.array(
        fc.tuple(
          fc.tuple(...roles.map((role) => fc.oneof({ weight: 4, arbitrary: plausible(role) }, anyCell))),
          fc.array(anyCell, { maxLength: 2 }),
          fc.nat({ max: 9 }),
        ),
        { maxLength: 30 },
      ),
      formats: fc.array(anyFormat, { minLength: headers.length + 2, maxLength: headers.length + 2 }),
      dateFormats: fc.boolean(),
    })
    .map(({ above, rows, formats, dateFormats }) => {
      const values: Cell[][] = [...above, headers];
      for (const [cells, extra, shape] of rows) {
        // Most rows are the header's width; some are ragged (short, or with cells beyond the headers).
        const row: Cell[] = shape === 0 ? cells.slice(0, 2) : shape === 1 ? [...cells, ...extra] : [...cells];
        values.push(row);
      }
      const columnFormats = formats.map((f, c) =>
        dateFormats && (roles[c] === 'invoiceDate' || roles[c] === 'dueDate') ? 'dd/mm/yyyy' : f,
      );
      return {
        values,
        formats: values.map((row, r) => (r <= above.length ? [] : row.map((_, c) => columnFormats[c] ?? null))),
      };
    }),
);
