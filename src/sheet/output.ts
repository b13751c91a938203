/**
 * What credit-cover writes back into a workbook, as plain data: the exposure columns appended right
 * of the ledger, their highlight rules, and the summary sheet. Every host (the CLI through ExcelJS,
 * the add-in through Office.js) lays this out; none of them recomputes a figure.
 */
import type { Diagnostic, Evaluation, InvoiceResult, InvoiceStatus } from '../domain';
import {
  EXPOSURE_COLUMN_KEYS,
  flagText,
  outputLabels,
  reasonText,
  type ExposureColumnKey,
  type Lang,
  type OutputLabels,
} from './output-labels';
import { columnLetter } from './table';

/**
 * Text that a host must store as text, never as a formula. Hosts write it with the text number
 * format (`@`) or as a plain shared string: a buyer called `=HYPERLINK(…)` stays a name.
 */
export interface TextCell {
  type: 'text';
  text: string;
}

/** A calendar date (YYYY-MM-DD); each host turns it into its own date value with the column's date format. */
export interface DateCell {
  type: 'date';
  iso: string;
}

export type PlanCell = null | number | TextCell | DateCell;

export const TEXT_FORMAT = '@';

/** Starts like a formula for Excel or a CSV consumer (OWASP's list for formula injection). */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

export function asTextCell(value: string): TextCell {
  return { type: 'text', text: value };
}

export function asDateCell(iso: string): DateCell {
  return { type: 'date', iso };
}

export function isTextCell(cell: PlanCell): cell is TextCell {
  return typeof cell === 'object' && cell !== null && cell.type === 'text';
}

export function isDateCell(cell: PlanCell): cell is DateCell {
  return typeof cell === 'object' && cell !== null && cell.type === 'date';
}

const optionalText = (value: string | null | undefined): PlanCell =>
  value === null || value === undefined || value === '' ? null : asTextCell(value);

const optionalDate = (iso: string | null): PlanCell => (iso === null ? null : asDateCell(iso));

// ---------------------------------------------------------------------------------------------
// Number formats

const CURRENCY_FORMATS: Record<string, string> = {
  EUR: '#,##0.00 "€"',
  USD: '"$"#,##0.00',
  GBP: '"£"#,##0.00',
};

/** The amount format of a policy currency: the symbol where it is unambiguous, else the ISO code. */
export function currencyFormat(currency: string): string {
  const code = currency.toUpperCase();
  // A quote would end the format's literal: keep only what an ISO code can hold.
  return CURRENCY_FORMATS[code] ?? `#,##0.00 "${code.replace(/[^A-Z0-9]/g, '')}"`;
}

export function dateFormat(lang: Lang): string {
  return lang === 'fr' ? 'dd/mm/yyyy' : 'm/d/yyyy';
}

export const COUNT_FORMAT = '#,##0';
/** Indemnity percents are written as the policy states them (90, 92.5), not as fractions. */
export const PERCENT_FORMAT = '0.##" %"';

// ---------------------------------------------------------------------------------------------
// Colours: the one palette of every highlight (RRGGBB). Excel's Good / Bad / Neutral styles, so
// the sheet reads like one the user formatted by hand.

export interface HighlightStyle {
  fill: string;
  font: string;
  bold: boolean;
}

export const PALETTE = {
  excluded: { fill: 'FFC7CE', font: '9C0006', bold: false },
  amber: { fill: 'FFEB9C', font: '9C5700', bold: false },
  covered: { fill: 'C6EFCE', font: '006100', bold: false },
  notRead: { fill: 'D9D9D9', font: '404040', bold: false },
  declare: { fill: 'F8CBAD', font: '833C0B', bold: true },
  header: { fill: 'DDEBF7', font: '1F3864', bold: true },
} as const satisfies Record<string, HighlightStyle>;

/** Series colours of the summary chart: the green and red of the highlights, dark enough for bars. */
export const CHART_COLOURS = { covered: '70AD47', uninsured: 'C0504D' } as const;

// ---------------------------------------------------------------------------------------------
// The exposure columns

export type ColumnKind = 'text' | 'amount' | 'date';

export interface ExposureColumn {
  key: ExposureColumnKey;
  /** 1-based sheet column. */
  column: number;
  header: string;
  kind: ColumnKind;
  numberFormat: string;
  /** In characters, as Excel measures column widths. */
  width: number;
}

/** 1-based, inclusive. */
export interface CellRange {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

export type HighlightKey = 'not-read' | 'excluded' | 'over-limit-or-partial' | 'covered' | 'declare';

/**
 * A formula-based conditional format. `formula` is written relative to the top-left cell of
 * `range`, in Excel's English formula syntax (commas), without the leading `=`.
 */
export interface HighlightRule {
  key: HighlightKey;
  range: CellRange;
  address: string;
  formula: string;
  style: HighlightStyle;
  /** 1 is applied first. */
  priority: number;
}

export interface ExposurePlan {
  lang: Lang;
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
  firstDataRow: number;
  lastDataRow: number;
  columns: ExposureColumn[];
  headers: TextCell[];
  /** `rows[i]` is sheet row `firstDataRow + i`, one cell per column. */
  rows: PlanCell[][];
  highlights: HighlightRule[];
}

export interface ExposurePlanOptions {
  /** 1-based row of the ledger's headers. */
  headerRow: number;
  /** 1-based column of the first exposure column, right of the user's data. */
  firstOutputColumn: number;
  /** 1-based row of the ledger's last data row. */
  lastDataRow: number;
  lang: Lang;
}

const COLUMN_KINDS: Record<ExposureColumnKey, ColumnKind> = {
  status: 'text',
  reason: 'text',
  insured: 'amount',
  covered: 'amount',
  uninsured: 'amount',
  declareBy: 'date',
  claimableOn: 'date',
  flags: 'text',
};

const COLUMN_WIDTHS: Record<ExposureColumnKey, number> = {
  status: 13,
  reason: 36,
  insured: 15,
  covered: 15,
  uninsured: 15,
  declareBy: 15,
  claimableOn: 16,
  flags: 24,
};

/** Several texts in one cell (reasons, flags). */
export const LIST_SEPARATOR = ' ; ';

function numberFormatOf(kind: ColumnKind, currency: string, lang: Lang): string {
  if (kind === 'amount') return currencyFormat(currency);
  if (kind === 'date') return dateFormat(lang);
  return TEXT_FORMAT;
}

export function exposureColumns(firstColumn: number, currency: string, lang: Lang): ExposureColumn[] {
  const labels = outputLabels(lang);
  return EXPOSURE_COLUMN_KEYS.map((key, i) => ({
    key,
    column: firstColumn + i,
    header: labels.columns[key],
    kind: COLUMN_KINDS[key],
    numberFormat: numberFormatOf(COLUMN_KINDS[key], currency, lang),
    width: COLUMN_WIDTHS[key],
  }));
}

export function buildExposurePlan(evaluation: Evaluation, options: ExposurePlanOptions): ExposurePlan {
  const { headerRow, firstOutputColumn, lastDataRow, lang } = options;
  if (!Number.isInteger(headerRow) || headerRow < 1) throw new Error(`headerRow must be a row number ≥ 1`);
  if (!Number.isInteger(firstOutputColumn) || firstOutputColumn < 1) {
    throw new Error(`firstOutputColumn must be a column number ≥ 1`);
  }
  const labels = outputLabels(lang);
  const columns = exposureColumns(firstOutputColumn, evaluation.policy.currency, lang);
  const firstDataRow = headerRow + 1;
  const linesByRow = groupByRow(evaluation.invoices);
  const notRead = reportedRows(evaluation.diagnostics);

  const rows: PlanCell[][] = [];
  for (let row = firstDataRow; row <= lastDataRow; row++) {
    const lines = linesByRow.get(row);
    if (lines) rows.push(rowCells(lines, evaluation, labels, lang));
    else if (notRead.has(row)) rows.push(columns.map((c) => (c.key === 'status' ? asTextCell(labels.notRead) : null)));
    else rows.push(columns.map(() => null));
  }

  const lastColumn = firstOutputColumn + columns.length - 1;
  return {
    lang,
    headerRow,
    firstColumn: firstOutputColumn,
    lastColumn,
    firstDataRow,
    lastDataRow: Math.max(lastDataRow, headerRow),
    columns,
    headers: columns.map((c) => asTextCell(c.header)),
    rows,
    highlights: lastDataRow >= firstDataRow ? highlightRules(columns, firstDataRow, lastDataRow, labels) : [],
  };
}

function groupByRow(invoices: readonly InvoiceResult[]): Map<number, InvoiceResult[]> {
  const out = new Map<number, InvoiceResult[]>();
  for (const line of invoices) {
    const lines = out.get(line.row);
    if (lines) lines.push(line);
    else out.set(line.row, [line]);
  }
  return out;
}

/** Rows the reader could not read, or that the core set aside (no exchange rate): the error diagnostics. */
function reportedRows(diagnostics: readonly Diagnostic[]): Set<number> {
  return new Set(diagnostics.filter((d) => d.severity === 'error' && d.row !== null).map((d) => d.row as number));
}

/** Sums currency units through cents, as the core does, so a row's figures add up to the cent. */
function sumUnits(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + Math.round(v * 100), 0) / 100;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The status of a sheet row holding several lines (a buyer's buckets). Credit lines only absorb
 * other lines' amounts, so they do not colour the row unless the row is all credit; a row whose
 * lines disagree is partial when something is insured and over-limit when nothing is.
 */
export function aggregateStatus(lines: readonly InvoiceResult[]): InvoiceStatus {
  const statuses = unique(lines.map((l) => l.status)) as InvoiceStatus[];
  if (statuses.length === 1) return statuses[0];
  const nonCredit = statuses.filter((s) => s !== 'credit');
  if (nonCredit.length === 1) return nonCredit[0];
  return lines.some((l) => l.insured > 0) ? 'partial' : 'over-limit';
}

function rowCells(
  lines: readonly InvoiceResult[],
  evaluation: Evaluation,
  labels: OutputLabels,
  lang: Lang,
): PlanCell[] {
  const single = lines.length === 1 ? lines[0] : null;
  const status = single ? single.status : aggregateStatus(lines);
  // One invoice: every reason, the decisive one first. Several buckets: the first reason met.
  const reasonCodes = single ? single.reasons : lines.flatMap((l) => l.reasons).slice(0, 1);
  const reason = unique(reasonCodes.map((r) => reasonText(r, lang))).join(LIST_SEPARATOR);
  const flags = unique(lines.flatMap((l) => l.flags).map((f) => flagText(f, lang, evaluation.flagMessages)));
  const cells: Record<ExposureColumnKey, PlanCell> = {
    status: asTextCell(labels.status[status]),
    reason: optionalText(reason),
    insured: sumUnits(lines.map((l) => l.insured)),
    covered: sumUnits(lines.map((l) => l.covered)),
    uninsured: sumUnits(lines.map((l) => l.uninsured)),
    declareBy: single ? optionalDate(single.declareBy) : null,
    claimableOn: single ? optionalDate(single.claimableOn) : null,
    flags: optionalText(flags.join(LIST_SEPARATOR)),
  };
  return EXPOSURE_COLUMN_KEYS.map((key) => cells[key]);
}

/** A text as an Excel formula string literal. */
function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function rangeAddress(range: CellRange): string {
  const first = `${columnLetter(range.firstColumn - 1)}${range.firstRow}`;
  const last = `${columnLetter(range.lastColumn - 1)}${range.lastRow}`;
  return `${first}:${last}`;
}

/**
 * A fixed handful of rules whatever the row count: one conditional format per colour, on whole
 * column ranges, never one fill per cell.
 */
function highlightRules(
  columns: readonly ExposureColumn[],
  firstRow: number,
  lastRow: number,
  labels: OutputLabels,
): HighlightRule[] {
  const col = (key: ExposureColumnKey): number => (columns.find((c) => c.key === key) as ExposureColumn).column;
  // Column absolute, row relative: each row tests its own status cell.
  const ref = (key: ExposureColumnKey): string => `$${columnLetter(col(key) - 1)}${firstRow}`;
  const statusIs = (text: string): string => `${ref('status')}=${formulaString(text)}`;
  const flagsHas = (text: string): string => `ISNUMBER(SEARCH(${formulaString(text)},${ref('flags')}))`;
  const range = (from: ExposureColumnKey, to: ExposureColumnKey): CellRange => ({
    firstRow,
    lastRow,
    firstColumn: col(from),
    lastColumn: col(to),
  });

  const rules: Omit<HighlightRule, 'priority' | 'address'>[] = [
    {
      key: 'declare',
      range: range('declareBy', 'flags'),
      formula: `OR(${flagsHas(labels.flags['declare-soon'])},${flagsHas(labels.flags['check-declaration'])})`,
      style: PALETTE.declare,
    },
    { key: 'not-read', range: range('status', 'reason'), formula: statusIs(labels.notRead), style: PALETTE.notRead },
    {
      key: 'excluded',
      range: range('status', 'reason'),
      formula: statusIs(labels.status.excluded),
      style: PALETTE.excluded,
    },
    {
      key: 'over-limit-or-partial',
      range: range('status', 'reason'),
      formula: `OR(${statusIs(labels.status['over-limit'])},${statusIs(labels.status.partial)})`,
      style: PALETTE.amber,
    },
    {
      key: 'covered',
      range: range('status', 'reason'),
      formula: statusIs(labels.status.covered),
      style: PALETTE.covered,
    },
  ];
  return rules.map((r, i) => ({ ...r, address: rangeAddress(r.range), priority: i + 1 }));
}

// ---------------------------------------------------------------------------------------------
// The summary sheet

export type SummaryKind = 'text' | 'amount' | 'date' | 'count' | 'percent';

export interface SummaryItem {
  /** Stable key for hosts and tests: a `Totals` or `counts` field name, `excluded:<reason>` … */
  key: string;
  label: string;
  value: PlanCell;
  kind: SummaryKind;
}

export interface SummaryBlock {
  heading: string;
  items: SummaryItem[];
}

export interface SummaryColumn {
  key: string;
  header: string;
  kind: SummaryKind;
}

export interface SummaryTable {
  heading: string;
  /** A sentence under the heading, where the table needs one. */
  note: string | null;
  columns: SummaryColumn[];
  rows: PlanCell[][];
  /** What to show instead of an empty table. */
  emptyText: string;
}

export interface ChartSeries {
  key: 'covered' | 'uninsured';
  name: string;
  values: number[];
}

export interface ChartData {
  heading: string;
  title: string;
  categoryHeader: string;
  categories: string[];
  series: ChartSeries[];
}

export interface SummaryModel {
  lang: Lang;
  title: string;
  subtitle: string;
  /** Number format of each kind of value. */
  formats: Record<SummaryKind, string>;
  policy: SummaryBlock;
  totals: SummaryBlock;
  counts: SummaryBlock;
  buyers: SummaryTable;
  declarations: SummaryTable;
  chart: ChartData;
  diagnostics: SummaryTable;
}

/** The as-of date as the user writes dates, for sentences (cells get real dates). */
function displayDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-');
  return lang === 'fr' ? `${d}/${m}/${y}` : `${Number(m)}/${Number(d)}/${y}`;
}

export function buildSummaryModel(evaluation: Evaluation, lang: Lang): SummaryModel {
  const labels = outputLabels(lang);
  const s = labels.summary;
  const { policy, totals, counts } = evaluation;
  const item = (key: string, label: string, value: PlanCell, kind: SummaryKind): SummaryItem => ({
    key,
    label,
    value,
    kind,
  });

  return {
    lang,
    title: s.title,
    subtitle: s.subtitle
      .replace('{date}', displayDate(evaluation.asOf, lang))
      .replace('{level}', labels.level[evaluation.level]),
    formats: {
      text: TEXT_FORMAT,
      amount: currencyFormat(policy.currency),
      date: dateFormat(lang),
      count: COUNT_FORMAT,
      percent: PERCENT_FORMAT,
    },
    policy: {
      heading: s.policyHeading,
      items: [
        item('id', s.policyId, asTextCell(policy.id), 'text'),
        item('name', s.policyName, asTextCell(policy.name), 'text'),
        item('insurer', s.insurer, asTextCell(policy.insurer), 'text'),
        item('version', s.version, asTextCell(policy.version), 'text'),
        item('hash', s.hash, asTextCell(policy.hash), 'text'),
        item('currency', s.currency, asTextCell(policy.currency), 'text'),
        item('asOf', s.asOf, asDateCell(evaluation.asOf), 'date'),
        item('level', s.level, asTextCell(labels.level[evaluation.level]), 'text'),
      ],
    },
    totals: {
      heading: s.totalsHeading,
      items: [
        item('open', s.open, totals.open, 'amount'),
        item('eligible', s.eligible, totals.eligible, 'amount'),
        item('insured', s.insured, totals.insured, 'amount'),
        item('overLimit', s.overLimit, totals.overLimit, 'amount'),
        item('covered', s.covered, totals.covered, 'amount'),
        item('uninsured', s.uninsured, totals.uninsured, 'amount'),
        item('claims', s.claims, totals.claims, 'amount'),
        item('portfolioIndemnity', s.portfolioIndemnity, totals.portfolioIndemnity, 'amount'),
        ...Object.entries(totals.excludedByReason).map(([reason, amount]) =>
          item(`excluded:${reason}`, s.excludedBy.replace('{reason}', reasonText(reason, lang)), amount, 'amount'),
        ),
      ],
    },
    counts: {
      heading: s.countsHeading,
      items: [
        item('rowsRead', s.rowsRead, counts.rowsRead, 'count'),
        item('rowsEvaluated', s.rowsEvaluated, counts.rowsEvaluated, 'count'),
        item('rowsSkipped', s.rowsSkipped, counts.rowsSkipped, 'count'),
        item('rowsReported', s.rowsReported, counts.rowsReported, 'count'),
      ],
    },
    buyers: buyerTable(evaluation, labels, lang),
    declarations: declarationTable(evaluation, labels, lang),
    chart: chartData(evaluation, labels),
    diagnostics: diagnosticTable(evaluation, labels),
  };
}

function buyerTable(evaluation: Evaluation, labels: OutputLabels, lang: Lang): SummaryTable {
  const s = labels.summary;
  // Largest uninsured exposure first: what the credit manager acts on; ties keep the ledger's order.
  const buyers = evaluation.buyers
    .map((b, i) => ({ b, i }))
    .sort((x, y) => y.b.uninsured - x.b.uninsured || x.i - y.i)
    .map((x) => x.b);
  return {
    heading: s.buyersHeading,
    note: null,
    columns: [
      { key: 'buyerId', header: s.buyerId, kind: 'text' },
      { key: 'buyerName', header: s.buyerName, kind: 'text' },
      { key: 'country', header: s.country, kind: 'text' },
      { key: 'limitKind', header: s.limitKind, kind: 'text' },
      { key: 'limit', header: s.limit, kind: 'amount' },
      { key: 'percent', header: s.percent, kind: 'percent' },
      { key: 'open', header: s.open, kind: 'amount' },
      { key: 'insured', header: s.insured, kind: 'amount' },
      { key: 'covered', header: s.covered, kind: 'amount' },
      { key: 'uninsured', header: s.uninsured, kind: 'amount' },
      { key: 'claim', header: s.claim, kind: 'amount' },
      { key: 'flags', header: s.flags, kind: 'text' },
    ],
    rows: buyers.map((b) => [
      asTextCell(b.buyerId),
      optionalText(b.buyerName),
      optionalText(b.country),
      asTextCell(labels.limitKind[b.limitKind]),
      b.limit,
      b.indemnityPercent,
      b.open,
      b.insured,
      b.covered,
      b.uninsured,
      b.claim,
      optionalText(b.flags.map((f) => flagText(f, lang, evaluation.flagMessages)).join(LIST_SEPARATOR)),
    ]),
    emptyText: s.none,
  };
}

const ELIGIBLE: ReadonlySet<InvoiceStatus> = new Set(['covered', 'partial', 'over-limit']);

/**
 * Lines to declare: flagged `declare-soon` (or `check-declaration` at bucket level), and every
 * eligible overdue invoice whose deadline has not passed. The evaluation does not say which of
 * those were already declared, hence the table's note.
 */
export function linesToDeclare(evaluation: Evaluation): InvoiceResult[] {
  const picked = evaluation.invoices.filter(
    (l) =>
      l.flags.includes('declare-soon') ||
      l.flags.includes('check-declaration') ||
      (ELIGIBLE.has(l.status) && l.daysOverdue > 0 && l.declareBy !== null && l.declareBy >= evaluation.asOf),
  );
  // Stable sort: by deadline (lines without one last), then the core's row order.
  return picked
    .map((l, i) => ({ l, i }))
    .sort((a, b) => compareDeadline(a.l.declareBy, b.l.declareBy) || a.i - b.i)
    .map((x) => x.l);
}

function compareDeadline(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function declarationTable(evaluation: Evaluation, labels: OutputLabels, lang: Lang): SummaryTable {
  const s = labels.summary;
  const names = new Map(evaluation.buyers.map((b) => [b.buyerId, b.buyerName]));
  const bucketLevel = evaluation.level === 'bucket';
  return {
    heading: s.declarationsHeading,
    note: s.declarationsNote,
    columns: [
      { key: 'row', header: s.row, kind: 'count' },
      { key: 'buyerId', header: s.buyerId, kind: 'text' },
      { key: 'buyerName', header: s.buyerName, kind: 'text' },
      bucketLevel
        ? { key: 'bucket', header: s.bucket, kind: 'text' }
        : { key: 'invoiceNo', header: s.invoiceNo, kind: 'text' },
      { key: 'dueDate', header: s.dueDate, kind: 'date' },
      { key: 'daysOverdue', header: s.daysOverdue, kind: 'count' },
      { key: 'declareBy', header: s.declareBy, kind: 'date' },
      { key: 'open', header: s.open, kind: 'amount' },
      { key: 'insured', header: s.insured, kind: 'amount' },
      { key: 'flags', header: s.flags, kind: 'text' },
    ],
    rows: linesToDeclare(evaluation).map((l) => [
      l.row,
      asTextCell(l.buyerId),
      optionalText(names.get(l.buyerId)),
      optionalText(bucketLevel ? l.bucket : l.invoiceNo),
      optionalDate(l.dueDate),
      l.daysOverdue,
      optionalDate(l.declareBy),
      l.open,
      l.insured,
      optionalText(l.flags.map((f) => flagText(f, lang, evaluation.flagMessages)).join(LIST_SEPARATOR)),
    ]),
    emptyText: s.none,
  };
}

/** Upper edges (days overdue) of the invoice-level chart buckets; the last one is open-ended. */
const AGE_EDGES = [0, 30, 60, 90, 120] as const;

export function ageBucketIndex(daysOverdue: number): number {
  const i = AGE_EDGES.findIndex((edge) => daysOverdue <= edge);
  return i === -1 ? AGE_EDGES.length : i;
}

/**
 * The bucket labels of a bucket-level evaluation in ledger column order. Each buyer lists its
 * non-empty buckets in that order, so merging the buyers' sequences recovers it without the ledger.
 */
export function bucketOrder(lines: readonly InvoiceResult[]): string[] {
  const sequences = new Map<number, string[]>();
  for (const line of lines) {
    if (line.bucket === null) continue;
    const seq = sequences.get(line.row);
    if (seq) seq.push(line.bucket);
    else sequences.set(line.row, [line.bucket]);
  }
  const order: string[] = [];
  for (const seq of sequences.values()) {
    seq.forEach((label, k) => {
      if (order.includes(label)) return;
      // Right after this buyer's previous bucket, else before its next bucket already placed, else last.
      const previous = k > 0 ? order.indexOf(seq[k - 1]) : -1;
      const next = seq
        .slice(k + 1)
        .map((l) => order.indexOf(l))
        .find((i) => i !== -1);
      order.splice(previous !== -1 ? previous + 1 : (next ?? order.length), 0, label);
    });
  }
  return order;
}

function chartData(evaluation: Evaluation, labels: OutputLabels): ChartData {
  const s = labels.summary;
  const categories = evaluation.level === 'bucket' ? bucketOrder(evaluation.invoices) : [...labels.ageBuckets];
  const index = (line: InvoiceResult): number =>
    evaluation.level === 'bucket' ? categories.indexOf(line.bucket as string) : ageBucketIndex(line.daysOverdue);
  const covered = categories.map(() => 0);
  const uninsured = categories.map(() => 0);
  for (const line of evaluation.invoices) {
    const i = index(line);
    if (i < 0) continue;
    covered[i] += Math.round(line.covered * 100);
    uninsured[i] += Math.round(line.uninsured * 100);
  }
  return {
    heading: s.chartHeading,
    title: s.chartTitle,
    categoryHeader: s.ageBucket,
    categories,
    series: [
      { key: 'covered', name: s.covered, values: covered.map((c) => c / 100) },
      { key: 'uninsured', name: s.uninsured, values: uninsured.map((c) => c / 100) },
    ],
  };
}

function diagnosticTable(evaluation: Evaluation, labels: OutputLabels): SummaryTable {
  const s = labels.summary;
  return {
    heading: s.diagnosticsHeading,
    note: null,
    columns: [
      { key: 'row', header: s.row, kind: 'count' },
      { key: 'column', header: s.column, kind: 'text' },
      { key: 'severity', header: s.severity, kind: 'text' },
      { key: 'code', header: s.code, kind: 'text' },
      { key: 'message', header: s.message, kind: 'text' },
    ],
    rows: evaluation.diagnostics.map((d) => [
      d.row,
      optionalText(d.column),
      asTextCell(labels.severity[d.severity]),
      asTextCell(d.code),
      asTextCell(d.message),
    ]),
    emptyText: s.none,
  };
}
