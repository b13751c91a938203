/**
 * Normalisation of labels (headers, total words) so that `Date d'échéance`, `DATE D ECHEANCE` and
 * `date_d_echeance` compare equal: ledgers are typed by hand, in French and English, by many ERPs.
 */
import { describeCell, isCellError, type Cell } from './table';

/**
 * No header name is longer than this. Longer cells (Excel holds up to 32,767 characters) claim no
 * role and no bucket: the suffix patterns that match headers backtrack in quadratic time, so a
 * sheet of long cells in its first rows would take hours to scan.
 */
export const MAX_HEADER_LENGTH = 200;

/** Lowercase, accents removed, every run of punctuation or whitespace turned into one space. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The comparison key of a header: `N° client`, `No client`, `Numéro client`, `NClient` and
 * `n_client` share one, as do `Invoice no` and `Invoice number`.
 */
export function labelKey(text: string): string {
  // camelCase headers (invoiceNumber, customerID) are words too; only keys split them, so a
  // "TotalEnergies" cell never reads as a total word.
  return normaliseLabel(text.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .replace(/\b(?:no|nr|num|numero|number)\b/g, 'n')
    .replace(/ /g, '');
}

/** A header cell as text: headers are read as shown, numbers included (a bucket header can be `120`). */
export function headerText(cell: Cell): string {
  if (cell === null || isCellError(cell)) return '';
  return describeCell(cell);
}
