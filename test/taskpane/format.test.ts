/** How the pane writes figures, dates and row selections, and the short lists under the totals. */
import { evaluate, parseIsoDay } from '../../src/domain';
import { formatCount, formatDate, formatMoney, formatRowRanges, localIsoDate } from '../../src/taskpane/format';
import { LABELS } from '../../src/taskpane/labels';
import { declarations, sortedDiagnostics, topUninsured } from '../../src/taskpane/summary-lists';
import { invoiceLedger, policy } from '../helpers/build';

const nbsp = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting', () => {
  it('writes amounts in the user’s language, with the policy currency', () => {
    expect(nbsp(formatMoney(12345.6, 'EUR', LABELS.fr))).toBe('12 345,60 €');
    expect(formatMoney(12345.6, 'EUR', LABELS.en)).toBe('€12,345.60');
    expect(formatMoney(-300, 'USD', LABELS.en)).toBe('-$300.00');
    expect(nbsp(formatCount(1234, LABELS.fr))).toBe('1 234');
  });

  it('falls back to the code a rule file gives when Intl does not know it as a currency', () => {
    expect(formatMoney(1.5, 'EURO', LABELS.en)).toBe('1.50 EURO');
  });

  it('writes dates as the summary sheet does', () => {
    expect(formatDate('2027-06-30', LABELS.fr)).toBe('30/06/2027');
    expect(formatDate('2027-06-30', LABELS.en)).toBe('6/30/2027');
  });

  it('takes today from the user’s own calendar, not UTC', () => {
    expect(localIsoDate(new Date(2027, 0, 5, 23, 59))).toBe('2027-01-05');
    expect(localIsoDate(new Date(2027, 11, 31, 0, 0))).toBe('2027-12-31');
  });

  it('writes a selection as row ranges', () => {
    expect(formatRowRanges('12:16,62:62')).toBe('12–16, 62');
    expect(formatRowRanges('5:5')).toBe('5');
  });
});

describe('the summary’s short lists', () => {
  const asOf = parseIsoDay('2027-06-30') as number;
  const ledger = invoiceLedger([
    { buyer: 'A', name: 'Alpha', date: '2027-04-01', due: '2027-05-05', open: 1000 },
    { buyer: 'B', name: 'Beta', date: '2027-04-01', due: '2027-05-10', open: 5000 },
    { buyer: 'C', name: 'Gamma', date: '2027-06-01', due: '2027-07-01', open: 5000 },
    { buyer: 'D', date: '2027-04-01', due: '2027-05-01', open: 300, currency: 'CHF' },
  ]);
  const evaluation = evaluate(
    ledger,
    policy({ discretionaryLimit: 2000, declarationDeadlineDays: 60, named: 90, discretionary: 50 }),
    { asOf },
  );

  it('lists buyers by uninsured exposure, largest first, at most ten', () => {
    expect(topUninsured(evaluation).map((b) => b.buyerId)).toEqual(['B', 'C', 'A']);
    expect(topUninsured(evaluation, 1)).toHaveLength(1);
  });

  it('lists the declarations, earliest deadline first, with the days left', () => {
    expect(declarations(evaluation).map((d) => [d.line.buyerId, d.line.declareBy, d.daysLeft, d.buyerName])).toEqual([
      ['A', '2027-07-04', 4, 'Alpha'],
      ['B', '2027-07-09', 9, 'Beta'],
    ]);
  });

  it('puts errors before warnings before notes', () => {
    const sorted = sortedDiagnostics({
      ...evaluation,
      diagnostics: [
        { row: 3, code: 'i', severity: 'info', message: '' },
        { row: 9, code: 'e2', severity: 'error', message: '' },
        { row: null, code: 'w', severity: 'warning', message: '' },
        { row: 2, code: 'e1', severity: 'error', message: '' },
      ],
    });
    expect(sorted.map((d) => d.code)).toEqual(['e1', 'e2', 'w', 'i']);
  });
});
