import fc from 'fast-check';
import { readLedger, type Cell } from '../../src/sheet';
import { scanAmountText, resolveAmbiguous } from '../../src/sheet/amounts';
import { reportedRows } from './helpers';

/** An amount written the way a French or an English ledger writes it. */
function written(
  cents: number,
  style: 'fr' | 'en',
  negative: 'minus' | 'parens' | 'trailing',
  symbol: boolean,
): string {
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100));
  const decimals = String(abs % 100).padStart(2, '0');
  const group = style === 'fr' ? '\u202f' : ',';
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  let text = style === 'fr' ? `${grouped},${decimals}` : `${grouped}.${decimals}`;
  if (symbol) text = style === 'fr' ? `${text}\u00a0€` : `$${text}`;
  if (cents < 0) {
    if (negative === 'parens') text = `(${text})`;
    else if (negative === 'trailing' && !symbol) text = `${text}-`;
    else text = `-${text}`;
  }
  return text;
}

describe('properties', () => {
  test('any amount written in French or English style reads back to the same cents', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('fr' as const, 'en' as const),
        fc.constantFrom('minus' as const, 'parens' as const, 'trailing' as const),
        fc.boolean(),
        (cents, style, negative, symbol) => {
          const text = written(cents, style, negative, symbol);
          const scan = scanAmountText(text);
          const value =
            scan.kind === 'ambiguous' ? resolveAmbiguous(scan, style) : scan.kind === 'amount' ? scan : null;
          expect(value?.cents).toBe(cents);
          expect(value?.rounded).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  const cell: fc.Arbitrary<Cell> = fc.oneof(
    fc.constant(null),
    fc.constantFrom(
      '',
      'Total',
      'Sous-total',
      'Oui',
      'non',
      '31/02/2027',
      '15/01/2027',
      '1/15/2027',
      '2027-06-30',
      '1 234,56 €',
      '$1,234.56',
      '1,234',
      '(12,00)',
      'EUR',
      '$',
      'abc',
    ),
    fc.string({ maxLength: 6 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    fc.integer({ min: -5, max: 60000 }),
    fc.boolean(),
    fc.constant({ error: '#N/A' }),
    fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
  );

  test.each([
    ['invoice level', ['Code client', 'Client', 'Date facture', 'Échéance', 'Montant', 'Solde', 'Devise', 'Litige']],
    ['bucket level', ['Code client', 'Client', 'Non échu', '1-30', '31-60', '> 60', 'Total', 'Devise']],
  ])('%s: any rows never throw, and every row is read, skipped or reported exactly once', (_name, headers) => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 25 }), (rows) => {
        const result = readLedger({ values: [['Titre'], headers, ...rows] });
        const ledger = result.ledger;
        if (ledger === null) throw new Error('the header row is fixed: a ledger is expected');
        const read = ledger.kind === 'invoice' ? ledger.invoices.length : ledger.rows.length;
        expect(ledger.rowsRead).toBe(read + ledger.rowsSkipped + reportedRows(result).length);
        const readRows = ledger.kind === 'invoice' ? ledger.invoices.map((i) => i.row) : ledger.rows.map((r) => r.row);
        for (const row of readRows) expect(reportedRows(result)).not.toContain(row);
      }),
      { numRuns: 300 },
    );
  });
});
