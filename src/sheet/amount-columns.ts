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
  scans: CompactScans;
  convention: Convention | null;
}

/**
 * A column's scans, kept as numbers: a million rows of `{ kind: 'amount', … }` objects per amount
 * column were a quarter of the memory of reading a full sheet. Plain amounts are cents in a
 * typed array; the rare others (ambiguous, bad, with a currency or rounded) keep their object.
 */
export class CompactScans {
  private readonly cents: Float64Array;
  /** 0 blank, 1 a plain amount (cents), 2 kept in `others`. */
  private readonly kinds: Uint8Array;
  private readonly others = new Map<number, AmountScan>();

  constructor(readonly length: number) {
    this.cents = new Float64Array(length);
    this.kinds = new Uint8Array(length);
  }

  set(offset: number, scan: AmountScan): void {
    if (scan.kind === 'blank') return;
    if (scan.kind === 'amount' && scan.currency === null && !scan.rounded) {
      this.kinds[offset] = 1;
      this.cents[offset] = scan.cents;
    } else {
      this.kinds[offset] = 2;
      this.others.set(offset, scan);
    }
  }

  /** The scan at `offset`; a plain amount comes back without the evidence it gave (already counted). */
  at(offset: number): AmountScan {
    switch (this.kinds[offset]) {
      case 1:
        return { kind: 'amount', cents: this.cents[offset], currency: null, rounded: false, evidence: null };
      case 2:
        return this.others.get(offset) ?? BLANK;
      default:
        return BLANK;
    }
  }

  /** The offsets of ambiguous cells, in order. */
  ambiguousOffsets(): number[] {
    const offsets: number[] = [];
    for (const [offset, scan] of this.others) if (scan.kind === 'ambiguous') offsets.push(offset);
    return offsets.sort((a, b) => a - b);
  }
}

const BLANK: AmountScan = { kind: 'blank' };

type Witness = { row: number; text: string };

export function scanAmountColumns(context: ReadContext, columns: readonly MappedColumn[]): Map<number, AmountColumn> {
  const { table, dataRows, diagnostics } = context;
  const scanned = columns.map((column) => {
    const scans = new CompactScans(dataRows.length);
    const witness: Record<Convention, Witness | null> = { fr: null, en: null };
    for (let offset = 0; offset < dataRows.length; offset++) {
      const index = dataRows[offset] ?? 0;
      const cell = cellAt(table, index, column.index);
      const scan = scanAmount(cell);
      scans.set(offset, scan);
      if (scan.kind !== 'amount' || scan.evidence === null || witness[scan.evidence]) continue;
      witness[scan.evidence] = { row: index + 1, text: typeof cell === 'string' ? cell.trim() : String(cell) };
    }
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
    const ambiguous = scans.ambiguousOffsets();
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
