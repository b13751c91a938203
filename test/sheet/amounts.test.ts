import { readLedger, type Cell, type ReadOptions } from '../../src/sheet';
import fc from 'fast-check';
import {
  centsFromNumber,
  resolveAmbiguous,
  scanAmount,
  scanAmountText,
  scanAmountTextInFull,
} from '../../src/sheet/amounts';
import { diagnosticsOf, expectAccounted } from './helpers';

describe('amounts written as text → cents', () => {
  // [text, cents, currency, decimal separator the text shows ('fr' comma, 'en' point, null neither)]
  const cases: [string, number, string | null, 'fr' | 'en' | null][] = [
    ['1234', 123400, null, null],
    ['1234,56', 123456, null, 'fr'],
    ['1234.56', 123456, null, 'en'],
    ['1 234,56 €', 123456, 'EUR', 'fr'],
    ['1\u00a0234,56\u00a0€', 123456, 'EUR', 'fr'],
    ['1\u202f234,56\u202f€', 123456, 'EUR', 'fr'],
    ['1 234 567,89 EUR', 123456789, 'EUR', 'fr'],
    ['1.234,56', 123456, null, 'fr'],
    ['1.234.567,8', 123456780, null, 'fr'],
    ['1.234.567', 123456700, null, 'fr'],
    ['$1,234.56', 123456, 'USD', 'en'],
    ['1,234.56 USD', 123456, 'USD', 'en'],
    ['USD 1,234.56', 123456, 'USD', 'en'],
    ['1,234,567', 123456700, null, 'en'],
    ['£0.5', 50, 'GBP', 'en'],
    ['€12', 1200, 'EUR', null],
    ['12,5', 1250, null, 'fr'],
    ['0,125', 13, null, 'fr'],
    ['1234,567', 123457, null, 'fr'],
    [',5', 50, null, 'fr'],
    ["1'234.56", 123456, null, 'en'],
    ['-1 234,56 €', -123456, 'EUR', 'fr'],
    ['−1 234,56', -123456, null, 'fr'],
    ['(1 234,56)', -123456, null, 'fr'],
    ['(1 234,56) €', -123456, 'EUR', 'fr'],
    ['($250.00)', -25000, 'USD', 'en'],
    ['$(250.00)', -25000, 'USD', 'en'],
    ['-$250.00', -25000, 'USD', 'en'],
    ['1234,56-', -123456, null, 'fr'],
    ['1 234,56- €', -123456, 'EUR', 'fr'],
    ['+12,00', 1200, null, 'fr'],
    ['-', 0, null, null],
    ['  -   € ', 0, 'EUR', null],
    ['0,00', 0, null, 'fr'],
    ['-0,00', 0, null, 'fr'],
    ['1 234.567', 123457, null, 'en'],
    ['12,344', 1234400, null, null],
  ];
  test.each(cases)('%s → %s cents %s', (text, cents, currency, evidence) => {
    const scan = scanAmountText(text);
    if (scan.kind === 'ambiguous') {
      // "12,344" waits for its column; in English it is twelve thousand.
      expect(resolveAmbiguous(scan, 'en')).toEqual({ cents, currency, rounded: false });
      return;
    }
    expect(scan).toMatchObject({ kind: 'amount', cents, currency, evidence });
  });

  test.each([
    ['1,234', 'fr', 123, true],
    ['1,234', 'en', 123400, false],
    ['1.234', 'fr', 123400, false],
    ['1.234', 'en', 123, true],
    ['12.345', 'en', 1235, true],
    ['-1,235 €', 'fr', -124, true],
    ['(1.234)', 'fr', -123400, false],
  ] as const)('ambiguous %s read in %s → %s cents (rounded: %s)', (text, convention, cents, rounded) => {
    const scan = scanAmountText(text);
    if (scan.kind !== 'ambiguous') throw new Error(`${text} should be ambiguous`);
    expect(resolveAmbiguous(scan, convention)?.cents).toBe(cents);
    expect(resolveAmbiguous(scan, convention)?.rounded).toBe(rounded);
  });

  test.each([
    'abc',
    '12 34',
    '1,23,456',
    '1.2.3',
    '12,34,56',
    '1 234 56',
    '(-12)',
    '--5',
    '€ $ 5',
    '12 kg',
    '1.',
    '30/06/2027',
    '€',
  ])('%s is not an amount', (text) => {
    expect(scanAmountText(text).kind).toBe('bad');
  });

  test('more than 2 decimals round half away from zero', () => {
    expect(scanAmountText('0,005')).toMatchObject({ cents: 1, rounded: true });
    expect(scanAmountText('-0,005')).toMatchObject({ cents: -1, rounded: true });
    expect(scanAmountText('0,00499')).toMatchObject({ cents: 0, rounded: true });
    expect(scanAmountText('1,1000')).toMatchObject({ cents: 110, rounded: false });
  });
});

describe('amounts as numbers', () => {
  test.each([
    [1234.56, 123456, false],
    [-300, -30000, false],
    [0, 0, false],
    [55.940000000000005, 5594, false],
    [0.1 + 0.2, 30, false],
    [1234567.1 + 0.02, 123456712, false],
    [12.345, 1235, true],
    [-12.345, -1235, true],
    [0.004, 0, true],
    [1e-20, 0, true],
  ])('%s → %s cents (rounded: %s)', (n, cents, rounded) => {
    expect(centsFromNumber(n)).toEqual({ cents, rounded });
  });

  test.each([Infinity, NaN, 1e15])('%s is not an amount', (n) => {
    expect(centsFromNumber(n)).toBeNull();
  });

  test('booleans, dates and error values are not amounts', () => {
    expect(scanAmount(true).kind).toBe('bad');
    expect(scanAmount(new Date(0)).kind).toBe('bad');
    expect(scanAmount({ error: '#N/A' })).toEqual({ kind: 'bad', reason: '#N/A is an error value' });
    expect(scanAmount(null)).toEqual({ kind: 'blank' });
  });
});

describe('an ambiguous "1,234" is decided by its column', () => {
  function table(headers: string[], amounts: Cell[]): { values: Cell[][] } {
    return { values: [headers, ...amounts.map((a, i): Cell[] => [`C${i}`, '2027-01-01', '2027-02-01', a])] };
  }
  const FR = ['Code client', 'Date facture', 'Échéance', 'Solde'];
  const EN = ['Customer ID', 'Invoice date', 'Due date', 'Open amount'];

  test.each([
    ['the column uses a decimal comma', FR, ['12,50', '1,234'], {}, [1250, 123]],
    ['the column uses a decimal point', FR, ['12.50', '1,234'], {}, [1250, 123400]],
    ['the column uses comma grouping', FR, ['1,234,567', '1,234'], {}, [123456700, 123400]],
    ['nothing tells: French headers → decimal comma', FR, ['1,234', '1 000'], {}, [123, 100000]],
    ['nothing tells: English headers → decimal point', EN, ['1,234'], {}, [123400]],
    ['nothing tells: the locale option wins', FR, ['1,234'], { locale: 'en' }, [123400]],
  ] as [string, string[], Cell[], ReadOptions, number[]][])('%s', (_name, headers, amounts, options, cents) => {
    const result = readLedger(table(headers, amounts), options);
    if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(result.ledger.invoices.map((i) => i.open)).toEqual(cents);
  });

  test('the decision is said once per column, with its reason', () => {
    const result = readLedger(table(FR, ['12,50', '1,234', '2,345']));
    expect(diagnosticsOf(result, 'amount-separator')).toEqual([
      {
        row: null,
        column: 'Solde',
        message:
          'column "Solde": "1,234" (row 3) and 1 other amount(s) read with a decimal comma (1 234,56): other amounts in the column use it (row 2: "12,50")',
      },
    ]);
    // Three decimals once decided are rounded, and that is a warning on the row, which is still read.
    expect(diagnosticsOf(result, 'amount-rounded')).toEqual([
      { row: 3, column: 'Solde', message: '1,234 has more than 2 decimals: rounded to 1.23' },
      { row: 4, column: 'Solde', message: '2,345 has more than 2 decimals: rounded to 2.35' },
    ]);
    expectAccounted(result, { read: 3, skipped: 0, reported: [] });
  });

  test('another amount column of the sheet decides when this one cannot', () => {
    const values: Cell[][] = [
      ['Code client', 'Date facture', 'Échéance', 'Montant', 'Solde'],
      ['C1', '2027-01-01', '2027-02-01', '1,234', '1,234'],
      ['C2', '2027-01-01', '2027-02-01', '1,234', '5.00'],
    ];
    const result = readLedger({ values });
    if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(result.ledger.invoices.map((i) => [i.amount, i.open])).toEqual([
      [123400, 123400],
      [123400, 500],
    ]);
  });

  test('a column using both conventions leaves its ambiguous cells unread', () => {
    const result = readLedger(table(FR, ['12,50', '12.50', '1,234']));
    expect(diagnosticsOf(result, 'ambiguous-amount')).toEqual([
      { row: 4, column: 'Solde', message: '"1,234" is ambiguous: the column uses both decimal separators' },
    ]);
    expectAccounted(result, { read: 2, skipped: 0, reported: [4] });
  });

  test('a float artefact of the host is read silently; a real third decimal is rounded with a warning', () => {
    const result = readLedger(table(FR, [55.940000000000005, 12.345]));
    if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(result.ledger.invoices.map((i) => i.open)).toEqual([5594, 1235]);
    expect(diagnosticsOf(result, 'amount-rounded')).toEqual([
      { row: 3, column: 'Solde', message: '12.345 has more than 2 decimals: rounded to 12.35' },
    ]);
  });
});

describe('the fast path for plain amounts', () => {
  test('gives exactly what the full reading gives', () => {
    const plain = fc
      .tuple(
        fc.constantFrom('', '-'),
        fc.stringMatching(/^\d{1,13}$/),
        fc.constantFrom('', '.', ','),
        fc.stringMatching(/^\d{1,2}$/),
      )
      .map(([sign, whole, sep, fraction]) => sign + whole + (sep === '' ? '' : sep + fraction));
    fc.assert(
      fc.property(plain, (text) => {
        expect(scanAmountText(text)).toEqual(scanAmountTextInFull(text));
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  test('so does the fast path for grouped thousands, including what it must leave to the full reading', () => {
    const grouped = fc
      .tuple(
        fc.constantFrom('', '-'),
        fc.stringMatching(/^\d{1,3}$/),
        fc.constantFrom(' ', '\u00a0', '\u202f', ',', '.'),
        fc.array(fc.stringMatching(/^\d{3}$/), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('', '.', ','),
        fc.stringMatching(/^\d{1,2}$/),
      )
      .map(
        ([sign, first, group, rest, decimal, fraction]) =>
          sign + first + group + rest.join(group) + (decimal === '' ? '' : decimal + fraction),
      );
    fc.assert(
      fc.property(grouped, (text) => {
        expect(scanAmountText(text)).toEqual(scanAmountTextInFull(text));
      }),
      { seed: 12, numRuns: 3000 },
    );
  });

  test('grouped thousands read to the cent, with the convention they show', () => {
    expect(scanAmountText('1 103,99')).toEqual({
      kind: 'amount',
      cents: 110399,
      rounded: false,
      currency: null,
      evidence: 'fr',
    });
    expect(scanAmountText('-12\u202f345\u202f678,5')).toMatchObject({ cents: -1234567850, evidence: 'fr' });
    expect(scanAmountText('1,234,567.89')).toMatchObject({ cents: 123456789, evidence: 'en' });
    expect(scanAmountText('1.234.567')).toMatchObject({ cents: 123456700, evidence: 'fr' });
    expect(scanAmountText('1 234')).toMatchObject({ cents: 123400, evidence: null });
    expect(scanAmountText('1,234')).toMatchObject({ kind: 'ambiguous' });
    expect(scanAmountText('1,234,56')).toMatchObject({ kind: 'bad' });
  });
});
