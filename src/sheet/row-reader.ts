/**
 * Reading the cells of one data row: each cell by its column's role, errors collected in column
 * order, warnings kept only if the row is read.
 */
import type { Diagnostic } from '../domain/types';
import { describeAmbiguous, type AmountColumn } from './amount-columns';
import { resolveAmbiguous, type AmountValue } from './amounts';
import { readText, type CellResult } from './cells';
import type { ReadContext } from './context';
import type { DateColumn } from './date-columns';
import { dayFromOrderedParts, orderMatters, type OrderEvidence } from './dates';
import { ROLE_LABELS, type MappedColumn, type Role } from './mapping';
import { cellAt, formatAt, isBlank, isCellError, type Cell } from './table';

/** Reads the cells of one data row, collecting its errors and warnings. */
export class RowReader {
  failed = false;
  private readonly errors: { index: number; diagnostic: Diagnostic }[] = [];
  private readonly warnings: { index: number; diagnostic: Diagnostic }[] = [];
  readonly sheetRow: number;

  constructor(
    private readonly context: ReadContext,
    private readonly index: number,
    private readonly offset: number,
  ) {
    this.sheetRow = index + 1;
  }

  value(column: MappedColumn): Cell {
    return cellAt(this.context.table, this.index, column.index);
  }

  error(column: MappedColumn, code: string, message: string): void {
    this.failed = true;
    this.errors.push({
      index: column.index,
      diagnostic: { row: this.sheetRow, column: column.header, code, severity: 'error', message },
    });
  }

  /** Error cells are reported the same way whatever the column. */
  private errorCell(column: MappedColumn): boolean {
    const cell = this.value(column);
    if (!isCellError(cell)) return false;
    // Hosts give Excel's own codes (#N/A); an adapter may explain instead (a formula without a saved result).
    this.error(column, 'cell-error', cell.error.startsWith('#') ? `${cell.error} is an error value` : cell.error);
    return true;
  }

  cell<T>(column: MappedColumn, result: CellResult<T>): T | null {
    if (this.errorCell(column)) return null;
    if (result.ok) return result.value;
    const code = /yes or no/.test(result.reason)
      ? 'bad-boolean'
      : /currency/.test(result.reason)
        ? 'bad-currency'
        : 'bad-value';
    this.error(column, code, result.reason);
    return null;
  }

  text(column: MappedColumn): string | null {
    const format = formatAt(this.context.table, this.index, column.index);
    return this.cell(column, readText(this.value(column), format));
  }

  required<T>(role: Role, column: MappedColumn, value: T | null): T | null {
    if (value === null && isBlank(this.value(column))) {
      this.error(column, 'missing-value', `empty, but every row needs its ${ROLE_LABELS[role]}`);
    }
    return value;
  }

  date(column: MappedColumn, date: DateColumn | undefined): number | null {
    if (this.errorCell(column) || date === undefined) return null;
    const scan = date.scans[this.offset] ?? { kind: 'blank' };
    switch (scan.kind) {
      case 'blank':
        return null;
      case 'day':
        return scan.day;
      case 'bad':
        this.error(column, 'bad-date', scan.reason);
        return null;
      case 'parts': {
        if (date.order === null && orderMatters(scan)) {
          const { dayFirst, monthFirst } = date.evidence;
          const show = (w: OrderEvidence['dayFirst']) => (w ? `row ${w.row}: "${w.text}"` : '');
          this.error(
            column,
            'ambiguous-date',
            `"${scan.text}" cannot be read: the column mixes day-first (${show(dayFirst)}) and month-first (${show(monthFirst)}) dates`,
          );
          return null;
        }
        const day = dayFromOrderedParts(scan, date.order ?? 'dmy');
        if (day === null) this.error(column, 'bad-date', `"${scan.text}" is not a date`);
        return day;
      }
    }
  }

  amount(column: MappedColumn, columns: Map<number, AmountColumn>): AmountValue | null {
    if (this.errorCell(column)) return null;
    const amounts = columns.get(column.index);
    const scan = amounts?.scans.at(this.offset) ?? ({ kind: 'blank' } as const);
    const text = describeAmbiguous(this.value(column));
    let value: AmountValue | null = null;
    if (scan.kind === 'bad') this.error(column, 'bad-amount', scan.reason);
    if (scan.kind === 'amount') value = scan;
    if (scan.kind === 'ambiguous') {
      const convention = amounts?.convention ?? null;
      if (convention === null) {
        this.error(column, 'ambiguous-amount', `"${text}" is ambiguous: the column uses both decimal separators`);
      } else {
        value = resolveAmbiguous(scan, convention);
        if (value === null) this.error(column, 'bad-amount', `"${text}" is too large an amount`);
      }
    }
    if (value?.rounded) {
      const cents = value.cents;
      const shown = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
      this.warnings.push({
        index: column.index,
        diagnostic: {
          row: this.sheetRow,
          column: column.header,
          code: 'amount-rounded',
          severity: 'warning',
          message: `${text} has more than 2 decimals: rounded to ${shown}`,
        },
      });
    }
    return value === null ? null : { cents: value.cents, currency: value.currency, rounded: value.rounded };
  }

  /** The row's currency: the currency column, else the one the amounts are written in; they must agree. */
  currency(
    declared: string | null,
    currencyColumn: MappedColumn | undefined,
    amounts: [MappedColumn | undefined, AmountValue | null][],
  ): string | null {
    let currency = declared;
    let source = currencyColumn;
    for (const [column, value] of amounts) {
      if (!column || !value?.currency) continue;
      if (currency === null) {
        currency = value.currency;
        source = column;
      } else if (value.currency !== currency) {
        this.error(
          column,
          'currency-mismatch',
          `the amount is in ${value.currency} but ${source ? `column "${source.header}"` : 'the row'} says ${currency}`,
        );
      }
    }
    return currency;
  }

  /** A row read says its warnings; a row reported says its errors; either in column order. */
  flush(): void {
    const said = this.failed ? this.errors : this.warnings;
    if (said.length === 0) return;
    const sorted = [...said].sort((a, b) => a.index - b.index);
    for (const e of sorted) this.context.diagnostics.push(e.diagnostic);
  }
}
