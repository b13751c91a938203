import type { BucketLedger, InvoiceLedger } from '../../src/domain/types';
import { readLedger, type Cell, type ReadResult, type Table } from '../../src/sheet';
import { day, diagnosticsOf, expectAccounted } from './helpers';

function invoiceLedger(result: ReadResult): InvoiceLedger {
  if (result.ledger?.kind !== 'invoice') {
    throw new Error(`expected an invoice ledger: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return result.ledger;
}

function bucketLedger(result: ReadResult): BucketLedger {
  if (result.ledger?.kind !== 'bucket') {
    throw new Error(`expected a bucket ledger: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return result.ledger;
}

describe('finding the header row', () => {
  const cases: [string, Cell[][], number, Record<string, string>][] = [
    [
      'French, below a company name, a title and a blank row',
      [
        ['Société Exemple SARL'],
        ['Balance âgée clients au 30/06/2027'],
        [],
        ['Code client', 'Raison sociale', 'Date pièce', "Date d'échéance", 'Reste dû'],
        ['C1', 'Dupont', '2027-01-01', '2027-02-01', 10],
      ],
      4,
      {
        buyerId: 'Code client',
        buyerName: 'Raison sociale',
        invoiceDate: 'Date pièce',
        dueDate: "Date d'échéance",
        open: 'Reste dû',
      },
    ],
    [
      'English, on row 1',
      [
        ['Account', 'Customer', 'Document', 'Invoice date', 'Due date', 'Balance', 'Currency'],
        ['A1', 'Acme', 'D1', '2027-01-01', '2027-02-01', 10, 'USD'],
      ],
      1,
      {
        buyerId: 'Account',
        buyerName: 'Customer',
        invoiceNo: 'Document',
        invoiceDate: 'Invoice date',
        dueDate: 'Due date',
        open: 'Balance',
        currency: 'Currency',
      },
    ],
    [
      'a title row that names a role is beaten by the row that names the most',
      [
        ['Client', 'Solde'],
        [],
        ['Tiers', 'Nom', 'Facture', 'Date facture', 'Échéance', 'Montant', 'Solde'],
        ['T1', 'Dupont', 'F1', '2027-01-01', '2027-02-01', 10, 10],
      ],
      3,
      {
        buyerId: 'Tiers',
        buyerName: 'Nom',
        invoiceNo: 'Facture',
        invoiceDate: 'Date facture',
        dueDate: 'Échéance',
        amount: 'Montant',
        open: 'Solde',
      },
    ],
  ];
  test.each(cases)('%s', (_name, values, headerRow, columns) => {
    const result = readLedger({ values });
    expect(result.headerRow).toBe(headerRow);
    expect(Object.fromEntries(Object.entries(result.mapping.columns).map(([role, c]) => [role, c.header]))).toEqual(
      columns,
    );
    expect(result.mapping.layout).toBe('invoice');
    expectAccounted(result, { read: 1, skipped: 0, reported: [] });
  });

  test('no recognisable header: an error listing what was seen, no ledger', () => {
    const result = readLedger({ values: [['Rapport'], ['Nom du fichier', 'Taille'], ['a.pdf', 12]] });
    expect(result.ledger).toBeNull();
    expect(result.headerRow).toBe(0);
    expect(result.diagnostics).toEqual([
      {
        row: null,
        code: 'no-header',
        severity: 'error',
        message:
          'no header row in the first 30 rows: expected a header row with a buyer id or name column (Code client, Client, Customer ID …) ' +
          'and an amount (Solde, Montant, Open amount …) or age buckets (Non échu, 1-30 …); first non-empty row (1): "Rapport"',
      },
    ]);
  });

  test('an empty sheet', () => {
    const result = readLedger({ values: [] });
    expect(result.ledger).toBeNull();
    expect(result.diagnostics[0]?.message).toMatch(/^no header row: the sheet is empty/);
  });

  test('neither layout: an error naming the missing roles and the headers seen', () => {
    const result = readLedger({
      values: [
        ['Code client', 'Date facture', 'Solde'],
        ['C1', '2027-01-01', 10],
      ],
    });
    expect(result.ledger).toBeNull();
    expect(result.diagnostics).toEqual([
      {
        row: 1,
        code: 'missing-columns',
        severity: 'error',
        message:
          'neither an invoice-level ledger (missing: due date) nor a bucket-level balance (no age-bucket columns such as "Non échu", "1-30", "> 120"); ' +
          'headers seen on row 1: "Code client", "Date facture", "Solde"',
      },
    ]);
  });

  test('an explicit mapping overrides detection', () => {
    const values: Cell[][] = [
      ['Code client', 'Date pièce', 'Date compta', 'Échéance', 'Solde'],
      ['C1', '2027-01-01', '2027-01-05', '2027-02-01', 10],
    ];
    const result = readLedger({ values }, { map: { invoiceDate: 'Date compta' } });
    expect(invoiceLedger(result).invoices[0]?.invoiceDate).toBe(day('2027-01-05'));
    expect(result.mapping.columns.invoiceDate).toEqual({ index: 2, header: 'Date compta' });
  });

  test('an explicit mapping makes a header of names the dictionary does not know', () => {
    const values: Cell[][] = [
      ['Réf', 'Émise le', 'À payer le', 'Reste'],
      ['C1', '2027-01-01', '2027-02-01', '10,00'],
    ];
    const result = readLedger(
      { values },
      { map: { buyerId: 'réf', invoiceDate: 'EMISE LE', dueDate: 'A payer le', open: 'Reste' } },
    );
    expect(invoiceLedger(result).invoices[0]).toMatchObject({ buyerId: 'C1', open: 1000 });
  });

  test('a mapping that cannot be satisfied: no ledger, an error naming the role and the headers seen', () => {
    const values: Cell[][] = [
      ['Code client', 'Date facture', 'Échéance', 'Solde'],
      ['C1', '2027-01-01', '2027-02-01', 10],
    ];
    const result = readLedger({ values }, { map: { declaredOn: 'Déclarée le' } });
    expect(result.ledger).toBeNull();
    expect(result.headerRow).toBe(1);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'mapping: no column "Déclarée le" for declared on (declaredOn); headers seen on row 1: "Code client", "Date facture", "Échéance", "Solde"',
    ]);
  });

  test('a name-only sheet identifies buyers by name, and says so', () => {
    const values: Cell[][] = [
      ['Client', 'Date facture', 'Échéance', 'Solde'],
      ['Dupont SA', '2027-01-01', '2027-02-01', 10],
    ];
    const result = readLedger({ values });
    expect(invoiceLedger(result).invoices[0]).toMatchObject({ buyerId: 'Dupont SA', buyerName: 'Dupont SA' });
    expect(diagnosticsOf(result, 'buyer-id-from-name')).toEqual([
      { row: 1, column: 'Client', message: 'no buyer id column: buyers are identified by their name ("Client")' },
    ]);
  });

  test('unused columns are listed once, as info', () => {
    const values: Cell[][] = [
      ['Code client', 'Commentaire', 'Date facture', 'Échéance', 'Solde', 'Total'],
      ['C1', 'relancé', '2027-01-01', '2027-02-01', 10, 10],
    ];
    expect(diagnosticsOf(readLedger({ values }), 'columns-ignored')).toEqual([
      { row: 1, message: 'columns not used: "Commentaire", "Total"' },
    ]);
  });
});

describe('reading invoice rows', () => {
  const HEADERS = [
    'Code client',
    'Client',
    'Pays',
    'N° facture',
    'Date facture',
    'Échéance',
    'Solde',
    'Devise',
    'Litige',
    'Date déclaration',
  ];
  const row = (id: Cell, ...rest: Cell[]): Cell[] => [id, ...rest];

  test('every row is read, skipped or reported, with its sheet row', () => {
    const values: Cell[][] = [
      ['Balance âgée au 30/06/2027'],
      HEADERS,
      row('C1', 'Dupont', 'FR', 'F1', '15/01/2027', '14/02/2027', '1 000,00', 'EUR', 'Non', null), // 3 read
      row('C1', 'Dupont', 'FR', 'AV1', '20/01/2027', '20/01/2027', '-200,00', 'EUR', null, null), // 4 credit note, read
      row('C1', 'Dupont', 'FR', 'F2', '21/01/2027', '20/02/2027', 0, 'EUR', 'Oui', '01/03/2027'), // 5 open 0, read
      row('Total Dupont', null, null, null, null, null, '800,00'), // 6 total row, skipped
      [], // 7 empty, skipped
      row(null, null, null, null, null, null, null, null, null, null), // 8 empty, skipped
      row(null, null, null, null, null, null, '800,00'), // 9 anonymous subtotal, skipped
      row('C2', 'TotalEnergies', 'FR', 'F3', '01/02/2027', '03/03/2027', 50, null, null, null), // 10 read
      row('C2', 'Total Energies', 'FR', 'F4', '01/02/2027', '31/02/2027', 50), // 11 reported: due date
      row('C3', 'Martin', 'FR', 'F5', '01/02/2027', '01/03/2027', { error: '#N/A' }), // 12 reported: #N/A
      row('C3', 'Martin', 'FR', 'F6', null, '01/03/2027', 'dix euros', 'EUR', 'peut-être'), // 13 reported: 3 errors
      row(null, 'Anonyme', 'FR', 'F7', '01/02/2027', '01/03/2027', 10), // 14 reported: no buyer id
      row('C4', 'Petit', 'FR', 'F8', '01/02/2027', '01/03/2027', '10,00 $', 'EUR'), // 15 reported: currency
      row('Sous-total', null, null, null, null, null, '20,00'), // 16 total row, skipped
      [],
      [],
    ];
    const result = readLedger({ values });
    const ledger = invoiceLedger(result);
    expect(result.headerRow).toBe(2);
    expect(ledger.rowsRead).toBe(14);
    expectAccounted(result, { read: 4, skipped: 5, reported: [11, 12, 13, 14, 15] });
    expect(ledger.invoices.map((i) => [i.row, i.invoiceNo, i.open, i.disputed, i.currency])).toEqual([
      [3, 'F1', 100000, false, 'EUR'],
      [4, 'AV1', -20000, null, 'EUR'],
      [5, 'F2', 0, true, 'EUR'],
      [10, 'F3', 5000, null, null],
    ]);
    expect(ledger.invoices[2]?.declaredOn).toBe(day('2027-03-01'));
    expect(ledger.hasAmountColumn).toBe(false);
    expect(ledger.invoices[0]?.amount).toBeNull();
    const errors = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => [d.row, d.column, d.code, d.message]);
    expect(errors).toEqual([
      [11, 'Échéance', 'bad-date', '"31/02/2027" is not a date'],
      [12, 'Solde', 'cell-error', '#N/A is an error value'],
      [13, 'Date facture', 'missing-value', 'empty, but every row needs its invoice date'],
      [13, 'Solde', 'bad-amount', '"dix euros" is not an amount'],
      [13, 'Litige', 'bad-boolean', '"peut-être" is not yes or no'],
      [14, 'Code client', 'missing-value', 'empty, but every row needs its buyer id'],
      [15, 'Solde', 'currency-mismatch', 'the amount is in USD but column "Devise" says EUR'],
    ]);
    expect(diagnosticsOf(result, 'row-skipped')).toEqual([
      { row: 6, message: 'skipped: a total row ("Total Dupont")' },
      { row: 9, message: 'skipped: amounts without a buyer or an invoice (a subtotal row)' },
      { row: 16, message: 'skipped: a total row ("Sous-total")' },
    ]);
    expect(ledger.diagnostics).toBe(result.diagnostics);
  });

  test('an error value in a column the reader does not use is no error', () => {
    const values: Cell[][] = [
      ['Code client', 'Date facture', 'Échéance', 'Solde', 'Calcul'],
      ['C1', '2027-01-01', '2027-02-01', 10, { error: '#DIV/0!' }],
    ];
    expectAccounted(readLedger({ values }), { read: 1, skipped: 0, reported: [] });
  });

  test('with both amount and open columns, both are read; without an open column the amount is the open amount', () => {
    const both = readLedger({
      values: [
        ['Code client', 'Date facture', 'Échéance', 'Montant TTC', 'Solde TTC'],
        ['C1', '2027-01-01', '2027-02-01', '1 200,00', '600,00'],
      ],
    });
    expect(invoiceLedger(both).hasAmountColumn).toBe(true);
    expect(invoiceLedger(both).invoices[0]).toMatchObject({ amount: 120000, open: 60000 });
    const amountOnly = readLedger({
      values: [
        ['Code client', 'Date facture', 'Échéance', 'Montant TTC'],
        ['C1', '2027-01-01', '2027-02-01', '1 200,00'],
      ],
    });
    expect(invoiceLedger(amountOnly).hasAmountColumn).toBe(false);
    expect(invoiceLedger(amountOnly).invoices[0]).toMatchObject({ amount: null, open: 120000 });
  });

  test('host values: real dates, serials with a date format, numbers in identifier columns shown by their format', () => {
    const table: Table = {
      values: [
        ['SIREN', 'Pays', 'Facture', 'Date facture', 'Échéance', 'Solde', 'Litige'],
        [12345678, 250, 611365, new Date(Date.UTC(2027, 5, 1)), 46568, 55.940000000000005, true],
        [552100554, 250, 'F-2', 46539, new Date(Date.UTC(2027, 6, 31)), -300, false],
      ],
      formats: [
        [],
        ['000000000', 'General', '0000000000', 'dd/mm/yyyy', 'dd/mm/yyyy', '#,##0.00 "€"', null],
        ['000000000', null, null, 'dd/mm/yyyy', 'dd/mm/yyyy', null, null],
      ],
    };
    const result = readLedger(table);
    expect(
      invoiceLedger(result).invoices.map((i) => [
        i.buyerId,
        i.country,
        i.invoiceNo,
        i.invoiceDate,
        i.dueDate,
        i.open,
        i.disputed,
      ]),
    ).toEqual([
      ['012345678', '250', '0000611365', day('2027-06-01'), day('2027-06-30'), 5594, true],
      ['552100554', '250', 'F-2', day('2027-06-01'), day('2027-07-31'), -30000, false],
    ]);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  test('a currency symbol in the amounts gives the row its currency when there is no currency column', () => {
    const values: Cell[][] = [
      ['Customer ID', 'Invoice date', 'Due date', 'Amount', 'Open amount'],
      ['C1', '2027-01-01', '2027-02-01', '$1,000.00', '$500.00'],
      ['C2', '2027-01-01', '2027-02-01', '1,000.00', '500.00'],
      ['C3', '2027-01-01', '2027-02-01', '$1,000.00', '€500.00'],
    ];
    const result = readLedger({ values });
    expect(invoiceLedger(result).invoices.map((i) => i.currency)).toEqual(['USD', null]);
    expect(diagnosticsOf(result, 'currency-mismatch')).toEqual([
      { row: 4, column: 'Amount', message: 'the amount is in USD but column "Open amount" says EUR' },
    ]);
  });
});

describe('reading a bucket-level balance', () => {
  test('one row per buyer, amounts aligned with the buckets, empty buckets are 0, the Total is read as given', () => {
    const values: Cell[][] = [
      ['Balance âgée'],
      ['Code client', 'Raison sociale', 'Non échu', '1-30', '31-60', '> 60', 'Total', 'Devise'],
      ['C1', 'Dupont', '1 000,00', null, '250,50', '', '1 250,50', 'EUR'],
      ['C2', 'Martin', -100, 200, 0, 300, 999, null],
      ['C3', 'Durand', null, null, null, null, null, null],
      ['Total', null, 900, 200, '250,50', 300, '1 650,50'],
      ['C4', 'Petit', 'n/a', 10, null, null, null, null],
    ];
    const result = readLedger({ values });
    const ledger = bucketLedger(result);
    expect(ledger.buckets).toEqual([
      { label: 'Non échu', notDue: true, from: 0, to: 0 },
      { label: '1-30', notDue: false, from: 1, to: 30 },
      { label: '31-60', notDue: false, from: 31, to: 60 },
      { label: '> 60', notDue: false, from: 61, to: null },
    ]);
    expect(ledger.rows.map((r) => [r.row, r.buyerId, r.amounts, r.total, r.currency])).toEqual([
      [3, 'C1', [100000, 0, 25050, 0], 125050, 'EUR'],
      [4, 'C2', [-10000, 20000, 0, 30000], 99900, null],
      [5, 'C3', [0, 0, 0, 0], null, null],
    ]);
    expectAccounted(result, { read: 3, skipped: 1, reported: [7] });
    expect(diagnosticsOf(result, 'bad-amount')).toEqual([
      { row: 7, column: 'Non échu', message: '"n/a" is not an amount' },
    ]);
  });

  test('without a Total column, the Solde column is the total', () => {
    const values: Cell[][] = [
      ['Compte', 'Solde', 'Non échu', 'Plus de 30 jours'],
      ['411DUP', '150,00', '100,00', '50,00'],
    ];
    const ledger = bucketLedger(readLedger({ values }));
    expect(ledger.rows[0]).toMatchObject({ buyerId: '411DUP', amounts: [10000, 5000], total: 15000 });
  });

  test('buckets with invoice dates but no due date: neither layout', () => {
    const values: Cell[][] = [
      ['Code client', 'Date facture', 'Non échu', '1-30'],
      ['C1', '2027-01-01', 10, 20],
    ];
    const result = readLedger({ values });
    expect(result.ledger).toBeNull();
    expect(result.diagnostics[0]?.message).toMatch(
      /^neither an invoice-level ledger \(missing: due date, open amount\) nor a bucket-level balance \(it has invoice dates\)/,
    );
  });

  test('invoice columns win over bucket columns when both are complete', () => {
    const values: Cell[][] = [
      ['Code client', 'Date facture', 'Échéance', 'Solde', 'Non échu', '1-30'],
      ['C1', '2027-01-01', '2027-02-01', 30, 10, 20],
    ];
    const result = readLedger({ values });
    expect(result.mapping.layout).toBe('invoice');
    expect(diagnosticsOf(result, 'columns-ignored')[0]?.message).toBe('columns not used: "Non échu", "1-30"');
  });
});
