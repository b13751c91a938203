/**
 * The decimal convention of each amount column, for its ambiguous `1,234` / `1.234` cells (see
 * `amounts.ts` for the cells): the separator the column's other cells use, else the sheet's other
 * amount columns, else the locale. Decided once per column, before any row is read.
 */
import type { ReadContext } from './context';
import { describeConvention, scanAmount, type AmountScan, type Convention } from './amounts';
import type { MappedColumn } from './mapping';
import { cellAt, type Cell } from './table';

export interface AmountColumn {
  scans: AmountScan[];
  convention: Convention | null;
}

type Witness = { row: number; text: string };

export function scanAmountColumns(context: ReadContext, columns: readonly MappedColumn[]): Map<number, AmountColumn> {
  const { table, dataRows, diagnostics } = context;
  const scanned = columns.map((column) => {
    const scans = dataRows.map((index) => scanAmount(cellAt(table, index, column.index)));
    const witness: Record<Convention, Witness | null> = { fr: null, en: null };
    scans.forEach((scan, offset) => {
      if (scan.kind !== 'amount' || scan.evidence === null || witness[scan.evidence]) return;
      const cell = cellAt(table, dataRows[offset] ?? 0, column.index);
      witness[scan.evidence] = {
        row: (dataRows[offset] ?? 0) + 1,
        text: typeof cell === 'string' ? cell.trim() : String(cell),
      };
    });
    return { column, scans, witness };
  });
  const sheet: Record<Convention, { header: string; witness: Witness } | null> = { fr: null, en: null };
  for (const { column, witness } of scanned) {
    for (const c of ['fr', 'en'] as const) {
      const w = witness[c];
      if (w && !sheet[c]) sheet[c] = { header: column.header, witness: w };
    }
  }

  const result = new Map<number, AmountColumn>();
  for (const { column, scans, witness } of scanned) {
    const ambiguous = scans.flatMap((scan, offset) => (scan.kind === 'ambiguous' ? [offset] : []));
    if (ambiguous.length === 0) {
      result.set(column.index, { scans, convention: null });
      continue;
    }
    let convention: Convention | null = null;
    let reason: string;
    const show = (w: Witness) => `row ${w.row}: "${w.text}"`;
    if (witness.fr && witness.en) {
      reason = `the column uses both (${show(witness.fr)}, ${show(witness.en)})`;
    } else if (witness.fr || witness.en) {
      convention = witness.fr ? 'fr' : 'en';
      reason = `other amounts in the column use it (${show((witness.fr ?? witness.en) as Witness)})`;
    } else if (sheet.fr && !sheet.en) {
      convention = 'fr';
      reason = `column "${sheet.fr.header}" uses it (${show(sheet.fr.witness)})`;
    } else if (sheet.en && !sheet.fr) {
      convention = 'en';
      reason = `column "${sheet.en.header}" uses it (${show(sheet.en.witness)})`;
    } else {
      convention = context.locale;
      reason = `no amount in the sheet shows the separator; assumed from the locale: ${context.localeReason}`;
    }
    result.set(column.index, { scans, convention });
    if (convention === null) continue;
    const firstRow = (dataRows[ambiguous[0] ?? 0] ?? 0) + 1;
    const firstText = describeAmbiguous(cellAt(context.table, firstRow - 1, column.index));
    const others = ambiguous.length > 1 ? ` and ${ambiguous.length - 1} other amount(s)` : '';
    diagnostics.push({
      row: null,
      column: column.header,
      code: 'amount-separator',
      severity: 'info',
      message: `column "${column.header}": "${firstText}" (row ${firstRow})${others} read with ${describeConvention(convention)}: ${reason}`,
    });
  }
  return result;
}

export function describeAmbiguous(cell: Cell): string {
  return typeof cell === 'string' ? cell.trim() : String(cell);
}
