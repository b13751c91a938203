import { mapHeaders, roleNames, roleOfHeader, ROLES, type Role } from '../../src/sheet/mapping';

describe('header names → roles (French and English)', () => {
  const cases: [string, Role][] = [
    ['Code client', 'buyerId'],
    ['N° client', 'buyerId'],
    ['Compte', 'buyerId'],
    ['Tiers', 'buyerId'],
    ['SIREN', 'buyerId'],
    ['N° TVA', 'buyerId'],
    ['Customer ID', 'buyerId'],
    ['customerID', 'buyerId'],
    ['Account', 'buyerId'],
    ['Client', 'buyerName'],
    ['Raison sociale', 'buyerName'],
    ['Nom', 'buyerName'],
    ['Acheteur', 'buyerName'],
    ['Customer', 'buyerName'],
    ['Customer name', 'buyerName'],
    ['Pays', 'country'],
    ['Code pays', 'country'],
    ['Country', 'country'],
    ['countryCode', 'country'],
    ['N° facture', 'invoiceNo'],
    ['Facture', 'invoiceNo'],
    ['Pièce', 'invoiceNo'],
    ['Invoice', 'invoiceNo'],
    ['Invoice number', 'invoiceNo'],
    ['invoiceNumber', 'invoiceNo'],
    ['Document', 'invoiceNo'],
    ['Date facture', 'invoiceDate'],
    ['Date pièce', 'invoiceDate'],
    ['Invoice date', 'invoiceDate'],
    ['InvoiceDate', 'invoiceDate'],
    ['Échéance', 'dueDate'],
    ["Date d'échéance", 'dueDate'],
    ['Due date', 'dueDate'],
    ['DueDate', 'dueDate'],
    ['Solde', 'open'],
    ['Solde TTC', 'open'],
    ['Reste dû', 'open'],
    ['Montant ouvert', 'open'],
    ['Open amount', 'open'],
    ['Balance', 'open'],
    ['Amount due', 'open'],
    ['Outstanding', 'open'],
    ['Montant', 'amount'],
    ['Montant TTC', 'amount'],
    ['Amount', 'amount'],
    ['InvoiceAmount', 'amount'],
    ['Devise', 'currency'],
    ['Currency', 'currency'],
    ['Litige', 'disputed'],
    ['En litige', 'disputed'],
    ['Disputed', 'disputed'],
    ['Date déclaration', 'declaredOn'],
    ['Declared on', 'declaredOn'],
    ['Secteur', 'sector'],
    ['Code NAF', 'sector'],
    ['Sector', 'sector'],
    ['Type client', 'buyerType'],
    ['Buyer type', 'buyerType'],
    ['Total', 'total'],
  ];
  test.each(cases)('%s → %s', (header, role) => {
    expect(roleOfHeader(header)?.role).toBe(role);
  });

  const variants: [string, Role][] = [
    ['CODE CLIENT', 'buyerId'],
    ['code_client', 'buyerId'],
    ['N°Client', 'buyerId'],
    ['No client', 'buyerId'],
    ['Nº facture', 'invoiceNo'],
    ['  Date  d’échéance ', 'dueDate'],
    ['ECHEANCE', 'dueDate'],
    ['due-date', 'dueDate'],
    ['Solde (€)', 'open'],
    ['Montant TTC (EUR)', 'amount'],
    ['Amount USD', 'amount'],
    ['Solde €', 'open'],
    ['Invoice #', 'invoiceNo'],
    ['CUSTOMER_NAME', 'buyerName'],
  ];
  test.each(variants)('%s → %s (case, accents, punctuation, spacing, units ignored)', (header, role) => {
    expect(roleOfHeader(header)?.role).toBe(role);
  });

  test.each([
    'PaperlessDate',
    'SettledDate',
    'DaysToSettle',
    'Balance âgée clients au 30/06/2027',
    'Commentaire',
    '',
    '0-30 j',
  ])('%s claims no role', (header) => {
    expect(roleOfHeader(header)).toBeNull();
  });

  test('every listed name maps back to its own role, and no name claims two roles', () => {
    for (const role of ROLES)
      for (const name of roleNames(role)) expect([name, roleOfHeader(name)?.role]).toEqual([name, role]);
  });

  test('the language of the names is told', () => {
    expect(roleOfHeader('Échéance')?.lang).toBe('fr');
    expect(roleOfHeader('Due date')?.lang).toBe('en');
    expect(roleOfHeader('SIREN')?.lang).toBeNull();
  });
});

describe('mapping a header row', () => {
  test('columns that match nothing are ignored; buckets are recognised', () => {
    const m = mapHeaders(['Code client', 'Commentaire', 'Non échu', '1-30', 'Total'], 1);
    expect(m.columns).toEqual({ buyerId: { index: 0, header: 'Code client' }, total: { index: 4, header: 'Total' } });
    expect(m.buckets.map((b) => [b.index, b.def.from, b.def.to])).toEqual([
      [2, 0, 0],
      [3, 1, 30],
    ]);
    expect(m.ignored).toEqual([{ index: 1, header: 'Commentaire' }]);
    expect(m.diagnostics).toEqual([]);
  });

  test('two columns claiming one role: a warning, the first wins', () => {
    const m = mapHeaders(['Code client', 'Solde', 'Reste dû', '1-30', '1 - 30 jours'], 3);
    expect(m.columns.open).toEqual({ index: 1, header: 'Solde' });
    expect(m.buckets.map((b) => b.index)).toEqual([3]);
    expect(m.diagnostics).toEqual([
      {
        row: 3,
        column: 'Reste dû',
        code: 'duplicate-column',
        severity: 'warning',
        message: 'columns "Solde" and "Reste dû" both read as open amount: the first one is used',
      },
      {
        row: 3,
        column: '1 - 30 jours',
        code: 'duplicate-column',
        severity: 'warning',
        message: 'columns "1-30" and "1 - 30 jours" are the same age bucket: the first one is used',
      },
    ]);
  });

  test('an explicit mapping overrides detection and takes the column from the role that claimed it', () => {
    const m = mapHeaders(['Code client', 'Date pièce', 'Date compta', 'Montant'], 1, {
      invoiceDate: 'date COMPTA',
      open: 'Montant',
    });
    expect(m.columns.invoiceDate).toEqual({ index: 2, header: 'Date compta' });
    expect(m.columns.open).toEqual({ index: 3, header: 'Montant' });
    expect(m.columns.amount).toBeUndefined();
    expect(m.diagnostics).toEqual([]);
  });

  test('an explicit mapping that cannot be satisfied is an error naming the role and the headers seen', () => {
    const m = mapHeaders(['Code client', 'Montant'], 2, { dueDate: 'Date limite' });
    expect(m.diagnostics).toEqual([
      {
        row: 2,
        code: 'map-unsatisfied',
        severity: 'error',
        message:
          'mapping: no column "Date limite" for due date (dueDate); headers seen on row 2: "Code client", "Montant"',
      },
    ]);
  });

  test('an unknown role and one column given twice are errors', () => {
    const overrides = { colour: 'Montant', open: 'Montant', amount: 'Montant' } as Partial<Record<Role, string>>;
    const m = mapHeaders(['Code client', 'Montant'], 1, overrides);
    expect(m.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['map-unknown-role', 'error'],
      ['map-conflict', 'error'],
    ]);
  });
});
