/**
 * Reading a ledger from a table: header row, layout, then every row below it, each one read,
 * skipped on purpose or reported with its sheet row, column and reason, so that
 * rowsRead = rows read + rowsSkipped + rows reported.
 */
import type { BucketRow, BuyerAttributes, Diagnostic, InvoiceLine, Ledger } from '../domain/types';
import { scanAmountColumns, type AmountColumn } from './amount-columns';
import type { AmountValue } from './amounts';
import { readBoolean, readCurrency } from './cells';
import type { ReadContext } from './context';
import { scanDateColumns, type DateColumn } from './date-columns';
import type { DateOrder, DateOrderChoice } from './dates';
import { findHeaderRow, rowHeaders, HEADER_SCAN_ROWS } from './header';
import { listHeaders, ROLE_LABELS, type BucketColumn, type MappedColumn, type Role } from './mapping';
import { RowReader } from './row-reader';
import { classifyRow, type RowColumns } from './rows';
import { isBlank, type Table } from './table';

export interface ReadOptions {
  /** Explicit columns, by header: `{ invoiceDate: 'Date pièce' }`. Overrides detection. */
  map?: Partial<Record<Role, string>>;
  /** Day/month order for date columns whose dates allow both. */
  dateOrder?: DateOrder;
  /** Convention for what the sheet leaves ambiguous: fr → day first and decimal comma, en → month first and decimal point. */
  locale?: 'fr' | 'en';
}

export type DateRole = 'invoiceDate' | 'dueDate' | 'declaredOn';

/** How the columns of the sheet were understood. */
export interface ColumnMapping {
  /** The column of each role found (0-based index and header text). */
  columns: Partial<Record<Role, MappedColumn>>;
  /** Age-bucket columns, in column order. */
  buckets: BucketColumn[];
  /** The header row as text, by column. */
  headers: string[];
  layout: 'invoice' | 'bucket' | null;
  /** The day/month order of each date column holding `a/b/year` text. */
  dateOrders: Partial<Record<DateRole, DateOrderChoice>>;
  /** The convention ambiguous amounts and dates fall back to, and why. */
  locale: { locale: 'fr' | 'en'; reason: string };
}

export interface ReadResult {
  /** Null when no header is recognisable or the mapping cannot be satisfied (an error diagnostic says why). */
  ledger: Ledger | null;
  mapping: ColumnMapping;
  /** 1-based sheet row of the headers; 0 when none was found. */
  headerRow: number;
  diagnostics: Diagnostic[];
}

const TEXT_ROLES = ['buyerId', 'buyerName', 'country', 'sector', 'buyerType'] as const;
const INVOICE_ROLES: readonly Role[] = [
  ...TEXT_ROLES,
  'invoiceNo',
  'invoiceDate',
  'dueDate',
  'open',
  'amount',
  'currency',
  'disputed',
  'declaredOn',
];
const BUCKET_ROLES: readonly Role[] = [...TEXT_ROLES, 'currency', 'total'];

export function readLedger(table: Table, options: ReadOptions = {}): ReadResult {
  const overrides = options.map ?? {};
  const found = findHeaderRow(table, overrides);
  if (found === null) {
    const mapping = emptyMapping(options);
    return { ledger: null, mapping, headerRow: 0, diagnostics: [noHeader(table)] };
  }
  const headerRow = found.index + 1;
  const { columns, buckets, language } = found.mapping;
  const locale = chooseLocale(options, language);
  const mapping: ColumnMapping = {
    columns,
    buckets,
    headers: found.headers,
    layout: null,
    dateOrders: {},
    locale,
  };
  const diagnostics: Diagnostic[] = [...found.mapping.diagnostics];
  const fail = (): ReadResult => ({ ledger: null, mapping, headerRow, diagnostics });
  if (diagnostics.some((d) => d.severity === 'error')) return fail();

  const layout = chooseLayout(mapping, headerRow);
  if (typeof layout !== 'string') {
    diagnostics.push(layout);
    return fail();
  }
  mapping.layout = layout;

  const buyerIdColumn = columns.buyerId ?? columns.buyerName;
  if (buyerIdColumn === undefined) {
    // The header check guarantees one of them; kept as a guard for the type checker.
    diagnostics.push(missingRoles(['buyerId'], found.headers, headerRow));
    return fail();
  }
  if (columns.buyerId === undefined) {
    diagnostics.push({
      row: headerRow,
      column: buyerIdColumn.header,
      code: 'buyer-id-from-name',
      severity: 'info',
      message: `no buyer id column: buyers are identified by their name ("${buyerIdColumn.header}")`,
    });
  }

  const roles = layout === 'invoice' ? INVOICE_ROLES : BUCKET_ROLES;
  const used = new Set<number>(roles.flatMap((role) => (columns[role] ? [columns[role].index] : [])));
  const totalColumn = layout === 'bucket' ? (columns.total ?? columns.open ?? columns.amount) : undefined;
  if (totalColumn) used.add(totalColumn.index);
  if (layout === 'bucket') for (const b of buckets) used.add(b.index);
  const ignored = found.headers.flatMap((header, index) => (header !== '' && !used.has(index) ? [header] : []));
  if (ignored.length > 0) {
    diagnostics.push({
      row: headerRow,
      code: 'columns-ignored',
      severity: 'info',
      message: `columns not used: ${listHeaders(ignored)}`,
    });
  }

  const firstData = found.index + 1;
  const lastData = lastNonBlankRow(table);
  const dataRows: number[] = [];
  for (let index = firstData; index <= lastData; index++) dataRows.push(index);

  const context: ReadContext = {
    table,
    dataRows,
    diagnostics,
    locale: locale.locale,
    localeReason: locale.reason,
    options,
  };
  const amountColumns: MappedColumn[] =
    layout === 'invoice'
      ? [columns.open, columns.amount].filter((c): c is MappedColumn => c !== undefined)
      : [...buckets, ...(totalColumn ? [totalColumn] : [])];
  const amounts = scanAmountColumns(context, amountColumns);

  const rowColumns: RowColumns = {
    used: [...used],
    buyerId: buyerIdColumn.index,
    buyerName: columns.buyerName?.index ?? null,
    invoice:
      layout === 'invoice'
        ? (['invoiceNo', 'invoiceDate', 'dueDate'] as const).flatMap((r) => (columns[r] ? [columns[r].index] : []))
        : [],
    invoiceDate: layout === 'invoice' ? (columns.invoiceDate?.index ?? null) : null,
    amounts: amountColumns.map((c) => c.index),
  };

  let rowsSkipped = 0;
  let rowsReported = 0;
  const invoices: InvoiceLine[] = [];
  const bucketRows: BucketRow[] = [];
  const dates = layout === 'invoice' ? scanDateColumns(context, columns, mapping) : new Map<DateRole, DateColumn>();
  const columnsRead: ColumnsRead = {
    columns,
    buyerId: buyerIdColumn,
    buckets,
    total: totalColumn,
    amounts,
    dates,
    intern: new Interner(),
  };

  dataRows.forEach((index, offset) => {
    const kind = classifyRow(table.values[index] ?? [], rowColumns);
    if (kind.kind !== 'data') {
      rowsSkipped += 1;
      if (kind.kind === 'subtotal') {
        diagnostics.push({ row: index + 1, code: 'row-skipped', severity: 'info', message: `skipped: ${kind.reason}` });
      }
      return;
    }
    const row = new RowReader(context, index, offset);
    const line = layout === 'invoice' ? readInvoiceRow(row, columnsRead) : readBucketRow(row, columnsRead);
    row.flush();
    if (line === null) rowsReported += 1;
    else if ('invoiceDate' in line) invoices.push(line);
    else bucketRows.push(line);
  });

  // Every row is accounted for exactly once; a slip here would drop rows in silence.
  const readRows = layout === 'invoice' ? invoices.length : bucketRows.length;
  if (readRows + rowsSkipped + rowsReported !== dataRows.length) {
    throw new Error(`reader lost rows: ${readRows} + ${rowsSkipped} + ${rowsReported} ≠ ${dataRows.length}`);
  }
  const base = { rowsRead: dataRows.length, rowsSkipped, diagnostics };
  const ledger: Ledger =
    layout === 'invoice'
      ? {
          kind: 'invoice',
          ...base,
          invoices,
          hasAmountColumn: columns.open !== undefined && columns.amount !== undefined,
        }
      : {
          kind: 'bucket',
          ...base,
          buckets: buckets.map((b) => b.def),
          rows: bucketRows,
        };
  return { ledger, mapping, headerRow, diagnostics };
}

/** The columns a row is read from, as decided for the whole table. */
interface ColumnsRead {
  columns: Partial<Record<Role, MappedColumn>>;
  /** The buyer id column (the name column on a name-only sheet). */
  buyerId: MappedColumn;
  buckets: BucketColumn[];
  total: MappedColumn | undefined;
  amounts: Map<number, AmountColumn>;
  dates: Map<DateRole, DateColumn>;
  intern: Interner;
}

function readAttributes(row: RowReader, read: ColumnsRead): BuyerAttributes & { currency: string | null } {
  const { columns, intern } = read;
  const buyerId = intern.buyerId(row.required('buyerId', read.buyerId, row.text(read.buyerId)));
  const seen = buyerId === null ? undefined : intern.buyers.get(buyerId);
  const attributes = {
    buyerId: buyerId ?? '',
    // On a name-only sheet the name column is read once, as the id.
    buyerName:
      columns.buyerId === undefined
        ? buyerId
        : columns.buyerName
          ? intern.same(row.text(columns.buyerName), seen?.buyerName)
          : null,
    country: columns.country ? intern.same(row.text(columns.country), seen?.country) : null,
    sector: columns.sector ? intern.same(row.text(columns.sector), seen?.sector) : null,
    buyerType: columns.buyerType ? intern.same(row.text(columns.buyerType), seen?.buyerType) : null,
    currency: columns.currency ? row.cell(columns.currency, readCurrency(row.value(columns.currency))) : null,
  };
  if (buyerId !== null && seen === undefined) intern.buyers.set(buyerId, attributes);
  return attributes;
}

/**
 * One string per distinct text of the buyer columns: a buyer's id, name and country repeat on each
 * of its invoices, and a million rows would otherwise hold a million copies of each. The id is
 * looked up once per row; the buyer's other texts are compared with that buyer's first row (no
 * hashing: they are nearly always the same), and looked up only when they differ.
 */
class Interner {
  readonly buyers = new Map<string, BuyerAttributes>();
  private readonly strings = new Map<string, string>();

  buyerId(text: string | null): string | null {
    if (text === null) return null;
    const known = this.buyers.get(text);
    return known === undefined ? text : known.buyerId;
  }

  same(text: string | null, before: string | null | undefined): string | null {
    if (text === null) return null;
    if (text === before) return before;
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }
}

/** One open item, or null when the row is reported (its errors are in the row reader). */
function readInvoiceRow(row: RowReader, read: ColumnsRead): InvoiceLine | null {
  const { columns, amounts, dates } = read;
  const attributes = readAttributes(row, read);
  const declared = attributes.currency;
  const openColumn = columns.open ?? columns.amount;
  const open = openColumn ? row.required('open', openColumn, row.amount(openColumn, amounts)) : null;
  const amount = columns.open && columns.amount ? row.amount(columns.amount, amounts) : null;
  const invoiceDate = columns.invoiceDate
    ? row.required('invoiceDate', columns.invoiceDate, row.date(columns.invoiceDate, dates.get('invoiceDate')))
    : null;
  const dueDate = columns.dueDate
    ? row.required('dueDate', columns.dueDate, row.date(columns.dueDate, dates.get('dueDate')))
    : null;
  const invoiceNo = columns.invoiceNo ? row.text(columns.invoiceNo) : null;
  const currency = row.currency(declared, columns.currency, [
    [openColumn, open],
    [columns.amount, amount],
  ]);
  const disputed = columns.disputed ? row.cell(columns.disputed, readBoolean(row.value(columns.disputed))) : null;
  const declaredOn = columns.declaredOn ? row.date(columns.declaredOn, dates.get('declaredOn')) : null;
  if (row.failed || open === null || invoiceDate === null || dueDate === null) return null;
  // Spelled out rather than spread: one object shape for every line, built a million times.
  return {
    row: row.sheetRow,
    buyerId: attributes.buyerId,
    buyerName: attributes.buyerName,
    country: attributes.country,
    sector: attributes.sector,
    buyerType: attributes.buyerType,
    invoiceNo,
    invoiceDate,
    dueDate,
    open: open.cents,
    amount: amount?.cents ?? null,
    currency,
    disputed,
    declaredOn,
  };
}

/** One buyer's buckets, or null when the row is reported. Empty bucket cells are 0. */
function readBucketRow(row: RowReader, read: ColumnsRead): BucketRow | null {
  const { currency: declared, ...attributes } = readAttributes(row, read);
  const values = read.buckets.map((b) => row.amount(b, read.amounts));
  const total = read.total ? row.amount(read.total, read.amounts) : null;
  const currency = row.currency(declared, read.columns.currency, [
    ...read.buckets.map((b, i): [MappedColumn, AmountValue | null] => [b, values[i] ?? null]),
    [read.total, total],
  ]);
  if (row.failed) return null;
  return {
    row: row.sheetRow,
    ...attributes,
    currency,
    amounts: values.map((v) => v?.cents ?? 0),
    total: total?.cents ?? null,
  };
}

function emptyMapping(options: ReadOptions): ColumnMapping {
  return { columns: {}, buckets: [], headers: [], layout: null, dateOrders: {}, locale: chooseLocale(options, null) };
}

function chooseLocale(options: ReadOptions, language: 'fr' | 'en' | null): ColumnMapping['locale'] {
  if (options.locale) return { locale: options.locale, reason: `the locale option is ${options.locale}` };
  if (language) return { locale: language, reason: `the headers are in ${language === 'fr' ? 'French' : 'English'}` };
  return { locale: 'fr', reason: 'French by default (the headers do not tell)' };
}

function lastNonBlankRow(table: Table): number {
  for (let index = table.values.length - 1; index >= 0; index--) {
    if ((table.values[index] ?? []).some((cell) => !isBlank(cell))) return index;
  }
  return -1;
}

function noHeader(table: Table): Diagnostic {
  const limit = Math.min(table.values.length, HEADER_SCAN_ROWS);
  let first: { row: number; headers: string[] } | null = null;
  for (let index = 0; index < limit && first === null; index++) {
    const headers = rowHeaders(table, index);
    if (headers.some((h) => h !== '')) first = { row: index + 1, headers };
  }
  const expected =
    'a header row with a buyer id or name column (Code client, Client, Customer ID …) and an amount ' +
    '(Solde, Montant, Open amount …) or age buckets (Non échu, 1-30 …)';
  const message =
    first === null
      ? `no header row: the sheet is empty (expected ${expected})`
      : `no header row in the first ${HEADER_SCAN_ROWS} rows: expected ${expected}; first non-empty row (${first.row}): ${listHeaders(first.headers)}`;
  return { row: null, code: 'no-header', severity: 'error', message };
}

function missingRoles(missing: Role[], headers: string[], row: number): Diagnostic {
  return {
    row,
    code: 'missing-columns',
    severity: 'error',
    message: `missing column(s): ${missing.map((r) => ROLE_LABELS[r]).join(', ')}; headers seen on row ${row}: ${listHeaders(headers)}`,
  };
}

function chooseLayout(mapping: ColumnMapping, row: number): 'invoice' | 'bucket' | Diagnostic {
  const { columns, buckets } = mapping;
  const money = columns.open !== undefined || columns.amount !== undefined;
  if (columns.invoiceDate && columns.dueDate && money) return 'invoice';
  if (buckets.length > 0 && !columns.invoiceDate) return 'bucket';
  const missing: Role[] = [];
  if (!columns.invoiceDate) missing.push('invoiceDate');
  if (!columns.dueDate) missing.push('dueDate');
  if (!money) missing.push('open');
  return {
    row,
    code: 'missing-columns',
    severity: 'error',
    message:
      `neither an invoice-level ledger (missing: ${missing.map((r) => ROLE_LABELS[r]).join(', ')}) ` +
      `nor a bucket-level balance (${buckets.length > 0 ? 'it has invoice dates' : 'no age-bucket columns such as "Non échu", "1-30", "> 120"'}); ` +
      `headers seen on row ${row}: ${listHeaders(mapping.headers)}`,
  };
}
