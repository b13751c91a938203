/**
 * The adapter's own errors: what the task pane shows the user, with the fields it needs to say it
 * in the user's language. Errors from Office itself (a failed `sync`) are passed on untouched.
 */

export type OverwriteTarget = 'cells' | 'summary-sheet' | 'ledger-sheet';

/**
 * credit-cover refused to write because the place it would write holds something it did not write:
 * user data in the cells where the exposure columns go, or a sheet named `credit-cover` that is
 * not its summary.
 */
export class WouldOverwriteError extends Error {
  /** Where the user's content is, as Excel shows an address: `Ledger!K5:K9`, `'credit-cover'!A1`. */
  readonly address: string;
  readonly sheetName: string;
  /** The cells alone (`K5:K9`), for messages that name the sheet separately. */
  readonly cells: string;
  readonly target: OverwriteTarget;

  constructor(target: OverwriteTarget, sheetName: string, cells: string, address: string, message: string) {
    super(message);
    this.name = 'WouldOverwriteError';
    this.target = target;
    this.sheetName = sheetName;
    this.cells = cells;
    this.address = address;
  }
}

/** A stored policy that cannot be read back (a custom XML part gone, a setting edited by hand). */
export class StoredPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoredPolicyError';
  }
}
