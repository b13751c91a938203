/** Every failure reaches the user as a sentence in their language, with what they need to act. */
import { StoredPolicyError, WouldOverwriteError } from '../../src/excel';
import { MemoryHostError } from '../../src/excel/memory-host';
import { describeError } from '../../src/taskpane/errors';
import { RuleFetchError } from '../../src/taskpane/fetch-rules';
import { LABELS } from '../../src/taskpane/labels';
import { NoLedgerError } from '../../src/taskpane/run-evaluation';

const { fr, en } = LABELS;

describe('describeError', () => {
  it('names the cells credit-cover will not overwrite, and the sheet it will not replace', () => {
    const cells = new WouldOverwriteError('cells', 'Balance', 'K5:K9', 'Balance!K5:K9', 'english message');
    expect(describeError(cells, fr).message).toBe(fr.wouldOverwriteCells('Balance!K5:K9'));
    expect(describeError(cells, fr).message).toContain('Balance!K5:K9');
    const sheet = new WouldOverwriteError('summary-sheet', 'credit-cover', 'A1', "'credit-cover'!A1", 'x');
    expect(describeError(sheet, en).message).toBe(en.wouldOverwriteSummary("'credit-cover'!A1"));
    const ledger = new WouldOverwriteError('ledger-sheet', 'credit-cover', 'A1', "'credit-cover'!A1", 'x');
    expect(describeError(ledger, en).message).toBe(en.ledgerSheetNamed('credit-cover'));
  });

  it('gives the reader’s reasons when a sheet holds no ledger', () => {
    const error = new NoLedgerError([
      { row: null, code: 'no-header', severity: 'error', message: 'no header row found' },
      { row: 1, code: 'x', severity: 'info', message: 'ignored' },
    ]);
    expect(describeError(error, en)).toEqual({ message: en.noLedgerTitle, details: ['no header row found'] });
  });

  it('says why a download was refused', () => {
    expect(describeError(new RuleFetchError('http-status', '404 Not Found'), fr).message).toBe(
      'Le serveur a répondu 404 Not Found.',
    );
  });

  it('passes on Excel’s message and code, and any other message as it is', () => {
    expect(describeError(new MemoryHostError('ItemNotFound', 'No sheet.'), en).message).toBe(
      'Excel: No sheet. (ItemNotFound)',
    );
    expect(describeError(new StoredPolicyError('the stored rule file is damaged'), en).message).toBe(
      'the stored rule file is damaged',
    );
    expect(describeError(new Error('row 4 has no headers'), en).message).toBe('row 4 has no headers');
    expect(describeError('a string thrown', en).message).toBe('Unexpected error: a string thrown');
    expect(describeError(new Error(''), fr).message).toBe('Erreur inattendue : Error');
  });
});
