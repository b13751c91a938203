/**
 * Where the exposure columns go, decided from the sheet just read (no Excel call): over a previous
 * run's columns when there are any, else right of the ledger's last header. `writeResults` checks
 * the place again, against the workbook as it is when it writes.
 */
import { isBlank } from '../sheet/table';
import type { SheetRead } from './read';

export interface OutputPlacement {
  /** 1-based column of the first exposure column: `buildExposurePlan`'s `firstOutputColumn`. */
  firstOutputColumn: number;
  /** 1-based row of the ledger's last data row (a previous run's columns do not count). */
  lastDataRow: number;
  /** True when the columns go over those of a previous run. */
  replacesPrevious: boolean;
}

export function placeOutput(read: SheetRead, headerRow: number): OutputPlacement {
  if (!Number.isInteger(headerRow) || headerRow < 1) throw new Error('headerRow must be a row number ≥ 1');
  const values = read.table.values;
  const previous = read.previousOutput;

  let firstOutputColumn: number;
  if (previous !== null) firstOutputColumn = previous.firstColumn;
  else {
    let last = 0;
    (values[headerRow - 1] ?? []).forEach((cell, i) => {
      if (!isBlank(cell)) last = i + 1;
    });
    if (last === 0) throw new Error(`row ${headerRow} of sheet "${read.sheetName}" has no headers`);
    firstOutputColumn = last + 1;
  }

  // `readSheet` left a previous run's cells out of the table: what remains is the user's.
  let lastDataRow = headerRow;
  for (let r = values.length; r > headerRow; r--) {
    if (values[r - 1].some((cell) => !isBlank(cell))) {
      lastDataRow = r;
      break;
    }
  }
  return { firstOutputColumn, lastDataRow, replacesPrevious: previous !== null };
}
