/// <reference types="office-js" />
/**
 * Writing a rectangle of values through the batch: number formats first (so text lands in text
 * cells), then the values in row slices that each fit in a request.
 */
import { Batch, COMMAND_OVERHEAD_BYTES, payloadBytes, slices } from './batch';
import type { Grid } from './summary-layout';

/**
 * Sets one value on every cell of a range. Office.js takes a single value for `values` or
 * `numberFormat` and applies it to every cell ("Update all cells in a range", Excel JavaScript API
 * documentation), which sends one string instead of one per cell; the typings only declare arrays.
 */
export function setEveryCell(range: Excel.Range, property: 'numberFormat' | 'values', value: string | number): void {
  (range as unknown as Record<typeof property, string | number>)[property] = value;
}

/** Queues the number format of whole columns of `grid`, merging neighbours that share one. */
async function columnFormats(
  batch: Batch,
  sheet: Excel.Worksheet,
  grid: Grid,
  formats: readonly string[],
): Promise<void> {
  const rows = grid.values.length;
  let j = 0;
  while (j < formats.length) {
    let k = j + 1;
    while (k < formats.length && formats[k] === formats[j]) k++;
    await batch.add(payloadBytes(formats[j]));
    setEveryCell(sheet.getRangeByIndexes(grid.row - 1, grid.column - 1 + j, rows, k - j), 'numberFormat', formats[j]);
    j = k;
  }
}

export async function writeGrid(batch: Batch, sheet: Excel.Worksheet, grid: Grid): Promise<void> {
  const rows = grid.values.length;
  if (rows === 0) return;
  const width = grid.values[0].length;
  if (grid.columnFormats) await columnFormats(batch, sheet, grid, grid.columnFormats);
  const cellFormats = grid.cellFormats;
  const rowBytes = grid.values.map(
    (row, i) =>
      payloadBytes(row) -
      COMMAND_OVERHEAD_BYTES +
      (cellFormats ? payloadBytes(cellFormats[i]) - COMMAND_OVERHEAD_BYTES : 0),
  );
  for await (const slice of slices(batch, rowBytes, 2 * COMMAND_OVERHEAD_BYTES)) {
    await batch.add(slice.bytes);
    const range = sheet.getRangeByIndexes(grid.row - 1 + slice.start, grid.column - 1, slice.end - slice.start, width);
    if (cellFormats) range.numberFormat = cellFormats.slice(slice.start, slice.end);
    range.values = grid.values.slice(slice.start, slice.end);
  }
}
