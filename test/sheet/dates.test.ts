import { readLedger, type Cell, type DateOrder, type ReadOptions } from '../../src/sheet';
import { dayFromOrderedParts, scanDate, type DateScan } from '../../src/sheet/dates';
import { day, diagnosticsOf, expectAccounted } from './helpers';

describe('date cells', () => {
  const cases: [string, Cell, string | null, DateScan][] = [
    ['a host date (UTC midnight)', new Date(Date.UTC(2027, 5, 30)), null, { kind: 'day', day: day('2027-06-30') }],
    [
      'a host date late in the UTC day',
      new Date(Date.UTC(2027, 5, 30, 23, 59)),
      null,
      { kind: 'day', day: day('2027-06-30') },
    ],
    ['a serial with a date format', 46568, 'dd/mm/yyyy', { kind: 'day', day: day('2027-06-30') }],
    ['a serial without a format', 46568, null, { kind: 'day', day: day('2027-06-30') }],
    ['a serial with a time', 46568.75, 'dd/mm/yyyy hh:mm', { kind: 'day', day: day('2027-06-30') }],
    ['a serial before Excel’s phantom 1900-02-29', 59, null, { kind: 'day', day: day('1900-02-28') }],
    ['a yyyymmdd number', 20270630, 'General', { kind: 'day', day: day('2027-06-30') }],
    ['ISO text', '2027-06-30', null, { kind: 'day', day: day('2027-06-30') }],
    ['ISO text with a time', '2027-06-30T00:00:00Z', null, { kind: 'day', day: day('2027-06-30') }],
    ['yyyymmdd text', '20270630', null, { kind: 'day', day: day('2027-06-30') }],
    ['a serial as text', '46568', null, { kind: 'day', day: day('2027-06-30') }],
    ['d/m/y text', '30/06/2027', null, { kind: 'parts', first: 30, second: 6, year: 2027, text: '30/06/2027' }],
    ['m/d/y text', '6/30/2027', null, { kind: 'parts', first: 6, second: 30, year: 2027, text: '6/30/2027' }],
    ['dashes', '30-06-2027', null, { kind: 'parts', first: 30, second: 6, year: 2027, text: '30-06-2027' }],
    ['dots', '30.06.2027', null, { kind: 'parts', first: 30, second: 6, year: 2027, text: '30.06.2027' }],
    ['a 2-digit year → 20xx', '30/06/27', null, { kind: 'parts', first: 30, second: 6, year: 2027, text: '30/06/27' }],
    ['with a time', ' 1/2/2013 0:00 ', null, { kind: 'parts', first: 1, second: 2, year: 2013, text: '1/2/2013 0:00' }],
    ['blank text', '  ', null, { kind: 'blank' }],
    ['empty', null, null, { kind: 'blank' }],
    ['impossible ISO', '2027-02-30', null, { kind: 'bad', reason: '"2027-02-30" is not a date' }],
    ['mixed separators', '30/06-2027', null, { kind: 'bad', reason: '"30/06-2027" is not a date' }],
    ['words', 'fin juin', null, { kind: 'bad', reason: '"fin juin" is not a date' }],
    ['a typo in the year', '30/06/0207', null, { kind: 'bad', reason: '"30/06/0207" is not a date' }],
    ['an ISO year out of range', '0207-06-30', null, { kind: 'bad', reason: '"0207-06-30" is not a date' }],
    ['a boolean', true, null, { kind: 'bad', reason: 'true is not a date' }],
    ['a negative number', -5, null, { kind: 'bad', reason: '-5 is not a date' }],
    ['a number past 9999-12-31', 3000000, null, { kind: 'bad', reason: '3000000 is not a date' }],
  ];
  test.each(cases)('%s', (_name, cell, format, expected) => {
    expect(scanDate(cell, format)).toEqual(expected);
  });

  test.each([
    [{ first: 31, second: 2, year: 2027 }, 'dmy', null],
    [{ first: 29, second: 2, year: 2028 }, 'dmy', day('2028-02-29')],
    [{ first: 2, second: 29, year: 2027 }, 'mdy', null],
    [{ first: 7, second: 4, year: 2013 }, 'mdy', day('2013-07-04')],
    [{ first: 7, second: 4, year: 2013 }, 'dmy', day('2013-04-07')],
  ] as const)('%j read %s → %s', (parts, order, expected) => {
    expect(dayFromOrderedParts(parts, order as DateOrder)).toBe(expected);
  });
});

const FR = ['Code client', 'Date facture', 'Échéance', 'Solde'];
const EN = ['Customer ID', 'Invoice date', 'Due date', 'Open amount'];

function ledgerTable(headers: string[], dates: [string, string][]): { values: Cell[][] } {
  return { values: [headers, ...dates.map(([inv, due], i): Cell[] => [`C${i + 1}`, inv, due, 100])] };
}

describe('day/month order, inferred from the whole column', () => {
  interface Case {
    name: string;
    headers: string[];
    dates: [string, string][];
    options?: ReadOptions;
    invoiceDate: { order: DateOrder; source: string } | null;
    dueDate: { order: DateOrder; source: string } | null;
    /** Invoice dates read, by row; null for a row reported. */
    read: (string | null)[];
  }
  const cases: Case[] = [
    {
      name: 'a first part above 12 → day first',
      headers: FR,
      dates: [
        ['15/01/2027', '14/02/2027'],
        ['02/03/2027', '01/04/2027'],
      ],
      invoiceDate: { order: 'dmy', source: 'column' },
      dueDate: { order: 'dmy', source: 'column' },
      read: ['2027-01-15', '2027-03-02'],
    },
    {
      name: 'a second part above 12 → month first',
      headers: FR,
      dates: [
        ['1/15/2027', '2/14/2027'],
        ['2/3/2027', '3/5/2027'],
      ],
      invoiceDate: { order: 'mdy', source: 'column' },
      dueDate: { order: 'mdy', source: 'column' },
      read: ['2027-01-15', '2027-02-03'],
    },
    {
      name: 'neither, French headers → day first, from the locale',
      headers: FR,
      dates: [['02/03/2027', '01/04/2027']],
      invoiceDate: { order: 'dmy', source: 'locale' },
      dueDate: { order: 'dmy', source: 'locale' },
      read: ['2027-03-02'],
    },
    {
      name: 'neither, English headers → month first, from the locale',
      headers: EN,
      dates: [['02/03/2027', '03/04/2027']],
      invoiceDate: { order: 'mdy', source: 'locale' },
      dueDate: { order: 'mdy', source: 'locale' },
      read: ['2027-02-03'],
    },
    {
      name: 'neither, the locale option wins over the headers',
      headers: FR,
      dates: [['02/03/2027', '03/04/2027']],
      options: { locale: 'en' },
      invoiceDate: { order: 'mdy', source: 'locale' },
      dueDate: { order: 'mdy', source: 'locale' },
      read: ['2027-02-03'],
    },
    {
      name: 'neither, the dateOrder option wins over the locale',
      headers: FR,
      dates: [['02/03/2027', '03/04/2027']],
      options: { dateOrder: 'mdy', locale: 'fr' },
      invoiceDate: { order: 'mdy', source: 'option' },
      dueDate: { order: 'mdy', source: 'option' },
      read: ['2027-02-03'],
    },
    {
      name: 'neither in this column, but another date column shows it',
      headers: EN,
      dates: [
        ['02/03/2027', '17/03/2027'],
        ['04/03/2027', '04/04/2027'],
      ],
      invoiceDate: { order: 'dmy', source: 'sheet' },
      dueDate: { order: 'dmy', source: 'column' },
      read: ['2027-03-02', '2027-03-04'],
    },
    {
      name: 'the column shows it, whatever the dateOrder option says (a warning)',
      headers: FR,
      dates: [['1/15/2027', '2/14/2027']],
      options: { dateOrder: 'dmy' },
      invoiceDate: { order: 'mdy', source: 'column' },
      dueDate: { order: 'mdy', source: 'column' },
      read: ['2027-01-15'],
    },
    {
      name: 'both → the order-dependent dates of the column are reported; 05/05 reads either way',
      headers: FR,
      dates: [
        ['13/01/2027', '01/02/2027'],
        ['01/13/2027', '01/02/2027'],
        ['05/05/2027', '01/06/2027'],
        ['03/04/2027', '01/06/2027'],
      ],
      invoiceDate: null,
      dueDate: { order: 'dmy', source: 'locale' },
      read: [null, null, '2027-05-05', null],
    },
    {
      name: 'no order needed: ISO dates and equal parts',
      headers: FR,
      dates: [
        ['2027-01-15', '2027-02-14'],
        ['05/05/2027', '06/06/2027'],
      ],
      invoiceDate: null,
      dueDate: null,
      read: ['2027-01-15', '2027-05-05'],
    },
  ];

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = readLedger(ledgerTable(c.headers, c.dates), c.options);
    const orders = result.mapping.dateOrders;
    const brief = (o: { order: DateOrder; source: string } | undefined) =>
      o ? { order: o.order, source: o.source } : null;
    expect(brief(orders.invoiceDate)).toEqual(c.invoiceDate);
    expect(brief(orders.dueDate)).toEqual(c.dueDate);
    const ledger = result.ledger;
    if (ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    const byRow = new Map(ledger.invoices.map((i) => [i.row, i.invoiceDate]));
    expect(c.dates.map((_, i) => byRow.get(i + 2) ?? null)).toEqual(
      c.read.map((iso) => (iso === null ? null : day(iso))),
    );
    const reported = c.read.flatMap((iso, i) => (iso === null ? [i + 2] : []));
    expectAccounted(result, { read: c.read.length - reported.length, skipped: 0, reported });
  });

  test('the info diagnostic says which order was assumed and why', () => {
    const fr = readLedger(ledgerTable(FR, [['02/03/2027', '01/04/2027']]));
    expect(diagnosticsOf(fr, 'date-order')[0]).toEqual({
      row: null,
      column: 'Date facture',
      message:
        'dates in column "Date facture" read day first (d/m/y): no date in the column has a part above 12; ' +
        'assumed from the locale: the headers are in French (set dateOrder to be sure)',
    });
    const us = readLedger(ledgerTable(FR, [['1/15/2027', '2/14/2027']]));
    expect(diagnosticsOf(us, 'date-order')[0]?.message).toBe(
      'dates in column "Date facture" read month first (m/d/y): row 2 has "1/15/2027", whose second part (15) can only be a day',
    );
  });

  test('a column showing both orders: each unreadable row says why', () => {
    const result = readLedger(
      ledgerTable(FR, [
        ['13/01/2027', '01/02/2027'],
        ['01/13/2027', '01/02/2027'],
      ]),
    );
    expect(diagnosticsOf(result, 'ambiguous-date')).toEqual([
      {
        row: 2,
        column: 'Date facture',
        message:
          '"13/01/2027" cannot be read: the column mixes day-first (row 2: "13/01/2027") and month-first (row 3: "01/13/2027") dates',
      },
      {
        row: 3,
        column: 'Date facture',
        message:
          '"01/13/2027" cannot be read: the column mixes day-first (row 2: "13/01/2027") and month-first (row 3: "01/13/2027") dates',
      },
    ]);
  });

  test('an option the column contradicts is a warning', () => {
    const result = readLedger(ledgerTable(FR, [['1/15/2027', '2/14/2027']]), { dateOrder: 'dmy' });
    expect(diagnosticsOf(result, 'date-order-option-overridden').map((d) => d.column)).toEqual([
      'Date facture',
      'Échéance',
    ]);
  });

  test('impossible dates are errors on their row, with the column header', () => {
    const result = readLedger(
      ledgerTable(FR, [
        ['15/01/2027', '31/02/2027'],
        ['15/01/2027', '29/02/2028'],
      ]),
    );
    expect(diagnosticsOf(result, 'bad-date')).toEqual([
      { row: 2, column: 'Échéance', message: '"31/02/2027" is not a date' },
    ]);
    expectAccounted(result, { read: 1, skipped: 0, reported: [2] });
  });
});
