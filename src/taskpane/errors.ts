/**
 * What the pane says about a failure: the user's words for the adapter's own errors (the cells it
 * will not overwrite, by address), Excel's message and code for a failed request, the message of
 * anything else. Never nothing: an error reaches the user.
 */
import { StoredPolicyError, WouldOverwriteError } from '../excel';
import { RuleFetchError } from './fetch-rules';
import type { Labels } from './labels';
import { NoLedgerError } from './run-evaluation';

export interface ErrorText {
  message: string;
  /** Further lines (the reader's reasons for not finding a ledger). */
  details: string[];
}

export function describeError(error: unknown, labels: Labels): ErrorText {
  if (error instanceof WouldOverwriteError) {
    if (error.target === 'summary-sheet') return plain(labels.wouldOverwriteSummary(error.address));
    if (error.target === 'ledger-sheet') return plain(labels.ledgerSheetNamed(error.sheetName));
    return plain(labels.wouldOverwriteCells(error.address));
  }
  if (error instanceof NoLedgerError) {
    const reasons = error.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    return { message: labels.noLedgerTitle, details: reasons };
  }
  if (error instanceof RuleFetchError) return plain(labels.fetchErrors[error.code](error.detail));
  if (error instanceof StoredPolicyError) return plain(error.message);
  const office = officeError(error);
  if (office) return plain(labels.excelError(office.code, office.message));
  if (error instanceof Error) return plain(error.message || labels.unexpected(error.name));
  return plain(labels.unexpected(String(error)));
}

function plain(message: string): ErrorText {
  return { message, details: [] };
}

/** An Office.js request error (`OfficeExtension.Error`, or the in-memory host's): a code and a message. */
function officeError(error: unknown): { code: string; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  const isOffice =
    name === 'RichApi.Error' || (typeof OfficeExtension !== 'undefined' && error instanceof OfficeExtension.Error);
  if (!isOffice || typeof code !== 'string') return null;
  return { code, message: typeof message === 'string' ? message : '' };
}
