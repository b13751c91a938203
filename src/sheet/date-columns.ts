/**
 * The day/month order of each date column, decided from the whole column before any row is
 * read (see `dates.ts` for the cells): the column's own evidence, else the sheet's other date
 * columns, else the `dateOrder` option, else the locale.
 */
import type { ColumnMapping, DateRole } from './read';
import type { ReadContext } from './context';
import {
  describeOrder,
  describeWitness,
  evidenceOrder,
  orderEvidence,
  orderMatters,
  scanDate,
  type DateOrder,
  type DateOrderChoice,
  type DateScan,
  type OrderEvidence,
} from './dates';
import type { MappedColumn, Role } from './mapping';
import { cellAt, formatAt, type Table } from './table';

const DATE_ROLES: readonly DateRole[] = ['invoiceDate', 'dueDate', 'declaredOn'];

export interface DateColumn {
  column: MappedColumn;
  scans: DateScan[];
  /** Null when the column mixes both orders: its order-dependent dates are reported. */
  order: DateOrder | null;
  evidence: OrderEvidence;
}

export function scanDateColumns(
  context: ReadContext,
  columns: Partial<Record<Role, MappedColumn>>,
  mapping: ColumnMapping,
): Map<DateRole, DateColumn> {
  const { table, dataRows, options, diagnostics } = context;
  const result = new Map<DateRole, DateColumn>();
  for (const role of DATE_ROLES) {
    const column = columns[role];
    if (!column) continue;
    const scans = scanColumn(table, dataRows, column.index);
    const evidence = orderEvidence(scans, (offset) => (dataRows[offset] ?? 0) + 1);
    result.set(role, { column, scans, order: null, evidence });
  }
  for (const [role, date] of result) {
    const { column, scans, evidence } = date;
    if (!scans.some((s) => s.kind === 'parts' && orderMatters(s))) {
      date.order = 'dmy';
      continue;
    }
    const choice = chooseOrder(evidence, result, role, context);
    if (choice === null) continue;
    date.order = choice.order;
    mapping.dateOrders[role] = choice;
    diagnostics.push({
      row: null,
      column: column.header,
      code: 'date-order',
      severity: 'info',
      message: `dates in column "${column.header}" read ${describeOrder(choice.order)}: ${choice.reason}`,
    });
    if (options.dateOrder && options.dateOrder !== choice.order) {
      diagnostics.push({
        row: null,
        column: column.header,
        code: 'date-order-option-overridden',
        severity: 'warning',
        message: `the dateOrder option says ${describeOrder(options.dateOrder)}, but column "${column.header}" can only be ${describeOrder(choice.order)}: ${choice.reason}`,
      });
    }
  }
  return result;
}

/**
 * The scan of every data cell of one column. A ledger column repeats a few hundred distinct dates
 * over a million rows, and a scan depends only on the cell and its number format, so equal cells
 * share one scan: this is what keeps reading a full sheet under a second per date column.
 */
function scanColumn(table: Table, dataRows: readonly number[], column: number): DateScan[] {
  const byText = new Map<string, DateScan>();
  const byFormat = new Map<string | null, Map<number, DateScan>>();
  const scans = new Array<DateScan>(dataRows.length);
  for (let offset = 0; offset < dataRows.length; offset++) {
    const index = dataRows[offset] ?? 0;
    const cell = cellAt(table, index, column);
    let scan: DateScan | undefined;
    if (typeof cell === 'string') {
      scan = byText.get(cell);
      if (scan === undefined) {
        scan = scanDate(cell, null);
        byText.set(cell, scan);
      }
    } else if (typeof cell === 'number') {
      const format = formatAt(table, index, column);
      let numbers = byFormat.get(format);
      if (numbers === undefined) byFormat.set(format, (numbers = new Map()));
      scan = numbers.get(cell);
      if (scan === undefined) {
        scan = scanDate(cell, format);
        numbers.set(cell, scan);
      }
    } else {
      scan = scanDate(cell, formatAt(table, index, column));
    }
    scans[offset] = scan;
  }
  return scans;
}

/** The column's own evidence, else the sheet's other date columns, else the option, else the locale. */
function chooseOrder(
  evidence: OrderEvidence,
  all: Map<DateRole, DateColumn>,
  role: DateRole,
  context: ReadContext,
): DateOrderChoice | null {
  if (evidence.dayFirst && evidence.monthFirst) return null;
  const own = evidenceOrder(evidence);
  if (own === 'dmy' && evidence.dayFirst)
    return { order: own, source: 'column', reason: describeWitness(evidence.dayFirst, own) };
  if (own === 'mdy' && evidence.monthFirst)
    return { order: own, source: 'column', reason: describeWitness(evidence.monthFirst, own) };
  const others = [...all.entries()].filter(([r]) => r !== role).map(([, c]) => c);
  const dayFirst = others.find((c) => c.evidence.dayFirst);
  const monthFirst = others.find((c) => c.evidence.monthFirst);
  const none = 'no date in the column has a part above 12';
  if (dayFirst?.evidence.dayFirst && !monthFirst) {
    const reason = `${none}; column "${dayFirst.column.header}" shows it: ${describeWitness(dayFirst.evidence.dayFirst, 'dmy')}`;
    return { order: 'dmy', source: 'sheet', reason };
  }
  if (monthFirst?.evidence.monthFirst && !dayFirst) {
    const reason = `${none}; column "${monthFirst.column.header}" shows it: ${describeWitness(monthFirst.evidence.monthFirst, 'mdy')}`;
    return { order: 'mdy', source: 'sheet', reason };
  }
  if (context.options.dateOrder) {
    return { order: context.options.dateOrder, source: 'option', reason: `${none}; the dateOrder option says so` };
  }
  const order: DateOrder = context.locale === 'fr' ? 'dmy' : 'mdy';
  return {
    order,
    source: 'locale',
    reason: `${none}; assumed from the locale: ${context.localeReason} (set dateOrder to be sure)`,
  };
}
