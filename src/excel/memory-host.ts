/// <reference types="office-js" />
/**
 * An in-memory Excel: a TEST AND DEMO DOUBLE of the part of the Excel JavaScript API that
 * `src/excel/` calls. In Excel the adapter gets Office.js's own context and this file is not
 * involved. It runs anywhere (Node, a browser page, no Office, no Node APIs), so the unit tests,
 * the task pane's browser test and the pane's demo outside Excel drive the real adapter with it.
 *
 * What it models, because the adapter depends on it:
 * - the batch: calls are queued and run in order at `sync()`; properties must be `load`ed and
 *   synced before they are read (reading one earlier throws, as Office.js does); a failing
 *   command stops the batch there, the commands before it stay applied (Office.js batches are not
 *   transactions);
 * - the size of each request and response (UTF-8 length of the JSON of every queued command and of
 *   every loaded property), with Excel on the web's 5 MB limit enforced;
 * - what `values` does with text: as typing does in Excel, a string starting with `=`, `+`, `-` or
 *   `@` becomes a formula, a number-like string a number, `TRUE` a boolean, an ISO date a date —
 *   unless the cell's number format is text (`@`), where the string stays as given;
 * - conditional formats, charts, workbook settings, defined names, custom XML parts, the selection.
 *
 * What it does not model: calculation (a formula's value is `#CALC!`), inserting or moving cells,
 * tables, events, locales.
 */
import {
  MAX_COLUMNS,
  MAX_ROWS,
  absoluteRangeName,
  intersection,
  parseAddress,
  qualifiedAddress,
  rangeName,
  sheetReference,
  splitAreas,
  subtract,
} from './address';
import type { CellRange } from '../sheet/output';
import { utf8Length } from '../rules/utf8';

// ---------------------------------------------------------------------------------------------
// State

export type HostScalar = string | number | boolean;
/** A cell's content: a plain value, an Excel error (`#N/A`), or nothing. */
export type HostCellValue = HostScalar | { error: string } | null;

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fill?: string;
  horizontalAlignment?: string;
}

export interface HostConditionalFormat {
  id: number;
  ranges: CellRange[];
  type: string;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
  stopIfTrue: boolean;
}

export interface HostChart {
  id: number;
  type: string;
  sourceAddress: string;
  seriesBy: string;
  name: string;
  title: string | null;
  legendPosition: string | null;
  position: { start: string; end: string | null } | null;
  seriesColours: Record<number, string>;
}

interface Sheet {
  id: string;
  name: string;
  deleted: boolean;
  /** `values[r][c]`, 0-based: row-major sparse arrays, far lighter than one object per cell. */
  values: HostCellValue[][];
  formats: (string | undefined)[][];
  formulas: Map<number, string>;
  styles: Map<number, CellStyle>;
  columnWidths: Map<number, number>;
  conditionalFormats: HostConditionalFormat[];
  charts: HostChart[];
}

interface NameEntry {
  name: string;
  /** A reference keeps following its sheet (a rename), and turns into `#REF!` when the sheet goes. */
  ref: { sheetId: string; range: CellRange } | null;
  /** The formula of a name that is not a plain reference. */
  formula: string;
  visible: boolean;
  comment: string;
}

interface XmlPart {
  id: string;
  xml: string;
}

export interface SyncRecord {
  /** 1-based, counted over the workbook's life. */
  index: number;
  commands: number;
  requestBytes: number;
  responseBytes: number;
  /** Set when the sync threw. */
  error: string | null;
}

export interface CellSnapshot {
  value: HostCellValue;
  formula: string | null;
  format: string;
  style: CellStyle;
}

export class MemoryHostError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
  }
}

/** Excel on the web's limit on one request, and on one response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

const cellKey = (row: number, column: number): number => row * (MAX_COLUMNS + 1) + column;

function emptySheet(id: string, name: string): Sheet {
  return {
    id,
    name,
    deleted: false,
    values: [],
    formats: [],
    formulas: new Map(),
    styles: new Map(),
    columnWidths: new Map(),
    conditionalFormats: [],
    charts: [],
  };
}

function json(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

function isNumberText(text: string): boolean {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim());
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function serialOfIso(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return ms / 86_400_000 + 25_569;
}

/** What Excel stores when a string is written through `values` into a cell with this format. */
function interpret(
  text: string,
  format: string | undefined,
): { value: HostCellValue; formula?: string; format?: string } {
  if (format === '@') return { value: text };
  if (text === '') return { value: null };
  if (isNumberText(text)) return { value: Number(text) };
  if (/^[=+\-@]/.test(text)) return { value: { error: '#CALC!' }, formula: text.startsWith('=') ? text : `=${text}` };
  if (/^(true|false)$/i.test(text)) return { value: text.toUpperCase() === 'TRUE' };
  const serial = serialOfIso(text);
  if (serial !== null)
    return { value: serial, format: format === undefined || format === 'General' ? 'yyyy-mm-dd' : format };
  return { value: text };
}

// ---------------------------------------------------------------------------------------------
// The workbook

interface Command {
  describe: string;
  bytes: number;
  /** Returns the size of what it sends back (loaded properties), 0 for a write. */
  run: () => number;
}

interface FailurePlan {
  at: number;
  afterCommands: number;
  message: string;
}

export class MemoryWorkbook {
  private readonly sheets: Sheet[] = [];
  private readonly names = new Map<string, Map<string, NameEntry>>();
  private readonly settingStore = new Map<string, unknown>();
  private readonly xmlParts: XmlPart[] = [];
  private nextId = 1;
  private activeSheetId: string | null = null;
  private failures: FailurePlan[] = [];
  /** Every sync, in order, with its size. */
  readonly syncs: SyncRecord[] = [];
  /** Every API call the adapter made, as `Type.member(args)`, in order. */
  readonly calls: string[] = [];
  selection: { sheet: string; address: string } | null = null;
  readonly payloadLimitBytes: number;
  /** More areas than this in `getRanges` are refused, to stand for a limit Excel does not document. */
  readonly maxAreas: number;

  constructor(options: { payloadLimitBytes?: number; maxAreas?: number } = {}) {
    this.payloadLimitBytes = options.payloadLimitBytes ?? PAYLOAD_LIMIT_BYTES;
    this.maxAreas = options.maxAreas ?? Infinity;
  }

  // --- Setting the scene (no sync, no accounting: what the user did before the add-in ran) ---

  addSheet(name: string): this {
    this.createSheet(name);
    return this;
  }

  /**
   * Puts values as a user would have them: strings stay strings whatever their look, numbers
   * numbers; `{ error }` is an error value; `formats` gives number formats (null: General).
   */
  setCells(sheetName: string, topLeft: string, rows: HostCellValue[][], formats?: (string | null)[][]): this {
    const sheet = this.sheetOrThrow(sheetName);
    const { range } = parseAddress(topLeft);
    rows.forEach((row, i) =>
      row.forEach((value, j) => {
        const r = range.firstRow + i;
        const c = range.firstColumn + j;
        // A cell cannot hold an empty string a user typed: it is an empty cell.
        this.putValue(sheet, r, c, value === '' ? null : value);
        const format = formats?.[i]?.[j];
        if (format !== undefined && format !== null) this.putFormat(sheet, r, c, format);
      }),
    );
    return this;
  }

  setSetting(key: string, value: unknown): this {
    this.settingStore.set(key, JSON.parse(JSON.stringify(value)));
    return this;
  }

  /** The next syncs throw: sync number `at` (1-based, over the workbook's life) runs `afterCommands` commands, then fails. */
  failOnSync(at: number, options: { afterCommands?: number; message?: string } = {}): this {
    this.failures.push({
      at,
      afterCommands: options.afterCommands ?? 0,
      message: options.message ?? 'injected failure',
    });
    return this;
  }

  // --- Running the adapter ---

  /** `Excel.run` against this workbook: a fresh request context, and a last sync of whatever is left queued. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const context = new MemoryContext(this);
    // The double implements only the members the adapter calls; the cast is the boundary where it
    // stands in for Office.js's class, whose full surface (hundreds of members) it does not copy.
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending() > 0) await context.sync();
    return result;
  }

  /** `Excel`, `Office` and `CustomFunctions`-free globals for a browser page that stands in for Office. */
  officeGlobals(): { Excel: unknown; Office: unknown } {
    const settings = {
      get: (key: string): unknown => (this.settingStore.has(key) ? this.settingStore.get(key) : null),
      set: (key: string, value: unknown): void => void this.settingStore.set(key, JSON.parse(JSON.stringify(value))),
      remove: (key: string): void => void this.settingStore.delete(key),
      saveAsync: (callback?: (result: { status: string }) => void): void => callback?.({ status: 'succeeded' }),
    };
    return {
      Excel: {
        run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => this.run(batch),
        ConditionalFormatType: { custom: 'Custom' },
        ChartType: { columnClustered: 'ColumnClustered' },
        ChartSeriesBy: { columns: 'Columns', rows: 'Rows', auto: 'Auto' },
        ClearApplyTo: { all: 'All', contents: 'Contents', formats: 'Formats' },
      },
      Office: {
        HostType: { Excel: 'Excel' },
        onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
        // Excel on the web: the platform whose limits this double keeps (5 MB per request and response).
        context: { document: { settings }, displayLanguage: 'fr-FR', platform: 'OfficeOnline' },
        AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      },
    };
  }

  // --- Looking at the result (tests assert real state through these) ---

  sheetNames(): string[] {
    return this.live().map((s) => s.name);
  }

  activeSheet(): string | null {
    return this.live().find((s) => s.id === this.activeSheetId)?.name ?? null;
  }

  cell(sheetName: string, address: string): CellSnapshot {
    const sheet = this.sheetOrThrow(sheetName);
    const { range } = parseAddress(address);
    const r = range.firstRow;
    const c = range.firstColumn;
    return {
      value: sheet.values[r - 1]?.[c - 1] ?? null,
      formula: sheet.formulas.get(cellKey(r, c)) ?? null,
      format: sheet.formats[r - 1]?.[c - 1] ?? 'General',
      style: { ...(sheet.styles.get(cellKey(r, c)) ?? {}) },
    };
  }

  /** Values of a range (null for an empty cell, `{ error }` for an error). */
  values(sheetName: string, address: string): HostCellValue[][] {
    const sheet = this.sheetOrThrow(sheetName);
    return this.rect(parseAddress(address).range, (r, c) => sheet.values[r - 1]?.[c - 1] ?? null);
  }

  formats(sheetName: string, address: string): string[][] {
    const sheet = this.sheetOrThrow(sheetName);
    return this.rect(parseAddress(address).range, (r, c) => sheet.formats[r - 1]?.[c - 1] ?? 'General');
  }

  /** Every cell holding a formula, as `A1` → formula. */
  formulas(sheetName: string): Map<string, string> {
    const sheet = this.sheetOrThrow(sheetName);
    const out = new Map<string, string>();
    for (const [key, formula] of sheet.formulas) {
      const row = Math.floor(key / (MAX_COLUMNS + 1));
      out.set(
        rangeName({
          firstRow: row,
          lastRow: row,
          firstColumn: key % (MAX_COLUMNS + 1),
          lastColumn: key % (MAX_COLUMNS + 1),
        }),
        formula,
      );
    }
    return out;
  }

  /** The bounding box of the cells holding values, or null. */
  usedRange(sheetName: string): string | null {
    const range = this.used(this.sheetOrThrow(sheetName), true);
    return range ? rangeName(range) : null;
  }

  conditionalFormats(
    sheetName: string,
  ): (Omit<HostConditionalFormat, 'ranges'> & { address: string; priority: number })[] {
    return this.sheetOrThrow(sheetName).conditionalFormats.map((cf, priority) => ({
      ...cf,
      address: cf.ranges.map(rangeName).join(','),
      priority,
    }));
  }

  charts(sheetName: string): HostChart[] {
    return this.sheetOrThrow(sheetName).charts.map((c) => ({ ...c }));
  }

  columnWidth(sheetName: string, column: number): number | null {
    return this.sheetOrThrow(sheetName).columnWidths.get(column) ?? null;
  }

  setting(key: string): unknown {
    return this.settingStore.has(key) ? JSON.parse(JSON.stringify(this.settingStore.get(key))) : undefined;
  }

  settingKeys(): string[] {
    return [...this.settingStore.keys()];
  }

  /** A defined name, workbook-scoped unless `sheetName` is given. */
  definedName(name: string, sheetName?: string): { formula: string; visible: boolean } | null {
    const scope = sheetName === undefined ? 'workbook' : this.sheetOrThrow(sheetName).id;
    const entry = this.names.get(scope)?.get(name.toLowerCase());
    return entry ? { formula: this.nameFormula(entry), visible: entry.visible } : null;
  }

  customXmlParts(): XmlPart[] {
    return this.xmlParts.map((p) => ({ ...p }));
  }

  // --- Internals shared with the proxies ---

  live(): Sheet[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  findSheet(name: string): Sheet | null {
    return this.live().find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  sheetOrThrow(name: string): Sheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new MemoryHostError('ItemNotFound', `The requested resource doesn't exist: sheet "${name}".`);
    return sheet;
  }

  createSheet(name: string): Sheet {
    if (this.findSheet(name)) throw new MemoryHostError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
    if (name === '' || name.length > 31 || /[:\\/?*[\]]/.test(name)) {
      throw new MemoryHostError('InvalidArgument', `"${name}" is not a valid sheet name.`);
    }
    const sheet = emptySheet(`{sheet-${this.nextId++}}`, name);
    this.sheets.push(sheet);
    if (this.activeSheetId === null) this.activeSheetId = sheet.id;
    return sheet;
  }

  deleteSheet(sheet: Sheet): void {
    if (this.live().length === 1) throw new MemoryHostError('InvalidOperation', 'A workbook must keep one sheet.');
    sheet.deleted = true;
    this.names.delete(sheet.id);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.live()[0].id;
  }

  activate(sheet: Sheet): void {
    this.activeSheetId = sheet.id;
  }

  activeSheetOrThrow(): Sheet {
    const sheet = this.live().find((s) => s.id === this.activeSheetId);
    if (!sheet) throw new MemoryHostError('ItemNotFound', 'No active sheet.');
    return sheet;
  }

  newId(): number {
    return this.nextId++;
  }

  rect<T>(range: CellRange, at: (row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = range.firstRow; r <= range.lastRow; r++) {
      const row: T[] = [];
      for (let c = range.firstColumn; c <= range.lastColumn; c++) row.push(at(r, c));
      out.push(row);
    }
    return out;
  }

  putValue(sheet: Sheet, row: number, column: number, value: HostCellValue): void {
    const line = (sheet.values[row - 1] ??= []);
    line[column - 1] = value;
    sheet.formulas.delete(cellKey(row, column));
  }

  putFormat(sheet: Sheet, row: number, column: number, format: string): void {
    (sheet.formats[row - 1] ??= [])[column - 1] = format === 'General' ? undefined : format;
  }

  /** Writes one value through `values`, reading text as Excel does (see the file's comment). */
  writeValue(sheet: Sheet, row: number, column: number, input: unknown): void {
    if (input === null || input === undefined) return; // Office.js: null leaves the cell as it is.
    if (typeof input === 'number' || typeof input === 'boolean') {
      if (typeof input === 'number' && !Number.isFinite(input)) {
        throw new MemoryHostError('InvalidArgument', `${input} is not a number Excel can hold.`);
      }
      this.putValue(sheet, row, column, input);
      return;
    }
    if (typeof input !== 'string') {
      throw new MemoryHostError(
        'InvalidArgument',
        `values only take strings, numbers and booleans, not ${typeof input}.`,
      );
    }
    if (input === '') {
      this.putValue(sheet, row, column, null);
      return;
    }
    const current = sheet.formats[row - 1]?.[column - 1];
    const stored = interpret(input, current);
    this.putValue(sheet, row, column, stored.value);
    if (stored.formula !== undefined) sheet.formulas.set(cellKey(row, column), stored.formula);
    if (stored.format !== undefined && stored.format !== current) this.putFormat(sheet, row, column, stored.format);
  }

  style(sheet: Sheet, range: CellRange, change: Partial<CellStyle>): void {
    for (let r = range.firstRow; r <= range.lastRow; r++) {
      for (let c = range.firstColumn; c <= range.lastColumn; c++) {
        const key = cellKey(r, c);
        sheet.styles.set(key, { ...(sheet.styles.get(key) ?? {}), ...change });
      }
    }
  }

  clear(sheet: Sheet, range: CellRange, applyTo: string): void {
    const contents = applyTo === 'All' || applyTo === 'Contents';
    const formats = applyTo === 'All' || applyTo === 'Formats';
    const lastRow = Math.min(range.lastRow, Math.max(sheet.values.length, sheet.formats.length));
    for (let r = range.firstRow; r <= lastRow; r++) {
      for (let c = range.firstColumn; c <= range.lastColumn; c++) {
        if (contents) {
          if (sheet.values[r - 1]?.[c - 1] !== undefined) this.putValue(sheet, r, c, null);
          sheet.formulas.delete(cellKey(r, c));
        }
        if (formats && sheet.formats[r - 1]?.[c - 1] !== undefined) this.putFormat(sheet, r, c, 'General');
      }
    }
    if (formats) {
      for (const key of [...sheet.styles.keys()]) {
        const r = Math.floor(key / (MAX_COLUMNS + 1));
        const c = key % (MAX_COLUMNS + 1);
        if (r >= range.firstRow && r <= range.lastRow && c >= range.firstColumn && c <= range.lastColumn) {
          sheet.styles.delete(key);
        }
      }
      this.clearConditionalFormats(sheet, range);
    }
  }

  /** Takes `range` out of every conditional format; a format left with no cells goes. */
  clearConditionalFormats(sheet: Sheet, range: CellRange): void {
    sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => {
      cf.ranges = cf.ranges.flatMap((r) => subtract(r, range));
      return cf.ranges.length > 0;
    });
  }

  used(sheet: Sheet, valuesOnly: boolean, within?: CellRange): CellRange | null {
    let found: CellRange | null = null;
    const take = (r: number, c: number): void => {
      if (within && (r < within.firstRow || r > within.lastRow || c < within.firstColumn || c > within.lastColumn))
        return;
      if (found === null) found = { firstRow: r, lastRow: r, firstColumn: c, lastColumn: c };
      else {
        found.firstRow = Math.min(found.firstRow, r);
        found.lastRow = Math.max(found.lastRow, r);
        found.firstColumn = Math.min(found.firstColumn, c);
        found.lastColumn = Math.max(found.lastColumn, c);
      }
    };
    const first = within ? within.firstRow - 1 : 0;
    const last = within ? within.lastRow - 1 : MAX_ROWS;
    const scan = (grid: unknown[][]): void => {
      for (let i = first; i < Math.min(grid.length, last + 1); i++) {
        const line = grid[i];
        if (!line) continue;
        for (let j = 0; j < line.length; j++) if (line[j] !== undefined && line[j] !== null) take(i + 1, j + 1);
      }
    };
    scan(sheet.values);
    if (!valuesOnly) {
      scan(sheet.formats);
      for (const key of sheet.styles.keys()) take(Math.floor(key / (MAX_COLUMNS + 1)), key % (MAX_COLUMNS + 1));
    }
    return found;
  }

  nameScope(scope: string): Map<string, NameEntry> {
    let map = this.names.get(scope);
    if (!map) this.names.set(scope, (map = new Map()));
    return map;
  }

  nameFormula(entry: NameEntry): string {
    if (entry.ref === null) return entry.formula;
    const sheet = this.sheets.find((s) => s.id === entry.ref?.sheetId);
    if (!sheet || sheet.deleted) return `=#REF!${absoluteRangeName(entry.ref.range)}`;
    return `=${sheetReference(sheet.name)}!${absoluteRangeName(entry.ref.range)}`;
  }

  /** A name's formula as given: a reference to a live sheet is kept as one, anything else as text. */
  setNameFormula(entry: NameEntry, formula: string): void {
    try {
      const parsed = parseAddress(formula);
      const sheet = parsed.sheet === null ? null : this.findSheet(parsed.sheet);
      if (sheet) {
        entry.ref = { sheetId: sheet.id, range: parsed.range };
        return;
      }
    } catch {
      // Not a reference: kept as a formula.
    }
    entry.ref = null;
    entry.formula = formula.startsWith('=') ? formula : `=${formula}`;
  }

  settings(): Map<string, unknown> {
    return this.settingStore;
  }

  parts(): XmlPart[] {
    return this.xmlParts;
  }

  /** Runs one batch: the size checks, the injected failures, then every command in order. */
  execute(commands: Command[]): void {
    const index = this.syncs.length + 1;
    const record: SyncRecord = {
      index,
      commands: commands.length,
      requestBytes: commands.reduce((sum, c) => sum + c.bytes, 0),
      responseBytes: 0,
      error: null,
    };
    this.syncs.push(record);
    const fail = (error: MemoryHostError): never => {
      record.error = `${error.code}: ${error.message}`;
      throw error;
    };
    if (record.requestBytes > this.payloadLimitBytes) {
      fail(
        new MemoryHostError(
          'RequestPayloadSizeLimitExceeded',
          `The request payload size has exceeded the limit (${record.requestBytes} bytes).`,
        ),
      );
    }
    const failure = this.failures.find((f) => f.at === index);
    commands.forEach((command, i) => {
      if (failure && i === failure.afterCommands) fail(new MemoryHostError('GeneralException', failure.message));
      try {
        record.responseBytes += command.run();
      } catch (e) {
        if (e instanceof MemoryHostError) fail(e);
        throw e;
      }
    });
    if (failure && failure.afterCommands >= commands.length)
      fail(new MemoryHostError('GeneralException', failure.message));
    if (record.responseBytes > this.payloadLimitBytes) {
      fail(
        new MemoryHostError(
          'ResponsePayloadSizeLimitExceeded',
          `The response payload size has exceeded the limit (${record.responseBytes} bytes).`,
        ),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The request context and its proxies

class MemoryContext {
  readonly workbook: WorkbookProxy;
  private queue: Command[] = [];

  constructor(readonly host: MemoryWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  pending(): number {
    return this.queue.length;
  }

  /** Queues a command; `describe` goes to the call log, `payload` is what travels in the request. */
  enqueue(describe: string, payload: unknown, run: () => unknown): void {
    this.host.calls.push(describe);
    this.queue.push({
      describe,
      bytes: 64 + json(payload),
      run: () => {
        run();
        return 0;
      },
    });
  }

  /** Queues a command that sends something back; `run` returns the size of what it sends. */
  enqueueRead(describe: string, payload: unknown, run: () => number): void {
    this.host.calls.push(describe);
    this.queue.push({ describe, bytes: 64 + json(payload), run });
  }

  async sync(): Promise<void> {
    const commands = this.queue;
    this.queue = [];
    this.host.execute(commands);
  }
}

/** How a proxy finds what it points at when its creating command runs; `{ known }` for one already found. */
type Resolver<T> = (() => T | null) | { known: T };

/**
 * The common part of every proxy: what it points at once its creating command has run, and the
 * properties loaded so far. `undefined` target: the command has not run yet.
 */
abstract class ClientObject<T> {
  protected target: T | null | undefined = undefined;
  protected readonly loaded = new Map<string, unknown>();

  constructor(
    protected readonly ctx: MemoryContext,
    protected readonly kind: string,
    describe: string,
    resolve: Resolver<T>,
  ) {
    if (typeof resolve === 'function') {
      ctx.enqueue(describe, describe, () => {
        this.target = resolve();
      });
    } else this.target = resolve.known;
  }

  get isNullObject(): boolean {
    if (this.target === undefined) {
      throw new MemoryHostError(
        'PropertyNotLoaded',
        `${this.kind}.isNullObject is not available before context.sync().`,
      );
    }
    return this.target === null;
  }

  /** The live target, for a command running now; a null object or a deleted sheet is an error. */
  live(): T {
    if (this.target === undefined)
      throw new MemoryHostError('InvalidObjectPath', `${this.kind} was used before it was created.`);
    if (this.target === null) {
      throw new MemoryHostError(
        'InvalidObjectPath',
        `${this.kind} is a null object: check isNullObject before using it.`,
      );
    }
    return this.target;
  }

  load(properties?: string | string[] | { select?: string }): this {
    const list = (
      typeof properties === 'string'
        ? properties
        : Array.isArray(properties)
          ? properties.join(',')
          : (properties?.select ?? '')
    )
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    this.ctx.enqueueRead(`${this.kind}.load(${list.join(',')})`, list, () => {
      if (this.target === null) return 0;
      let bytes = 0;
      for (const name of list) {
        const value = this.readProperty(name);
        this.loaded.set(name, value);
        bytes += json(value);
      }
      return bytes;
    });
    return this;
  }

  /** A loaded property, or the Office.js error for one read too early. */
  protected get<V>(name: string): V {
    if (this.target === null) {
      throw new MemoryHostError('InvalidObjectPath', `${this.kind}.${name}: the object is a null object.`);
    }
    if (!this.loaded.has(name)) {
      throw new MemoryHostError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name) as V;
  }

  protected set(name: string, value: unknown, apply: (target: T) => void): void {
    this.ctx.enqueue(`${this.kind}.${name}=`, value, () => apply(this.live()));
  }

  protected call(name: string, args: unknown[], apply: (target: T) => void): void {
    this.ctx.enqueue(`${this.kind}.${name}(${args.map(describeArg).join(', ')})`, args, () => apply(this.live()));
  }

  /** Reads a property of the target, for `load`. */
  protected abstract readProperty(name: string): unknown;

  protected unknownProperty(name: string): never {
    throw new MemoryHostError('InvalidArgument', `${this.kind} has no property '${name}' in the in-memory host.`);
  }
}

function describeArg(arg: unknown): string {
  if (typeof arg === 'string') return JSON.stringify(arg.length > 60 ? `${arg.slice(0, 57)}...` : arg);
  if (arg instanceof ClientObject) return arg.constructor.name;
  if (Array.isArray(arg)) return `[${arg.length}]`;
  return String(arg);
}

/** A value computed by a method (`getXml()`): readable after the sync. */
class ClientResult<V> {
  private resolved = false;
  private result: V | undefined;

  constructor(ctx: MemoryContext, describe: string, compute: () => V) {
    ctx.enqueueRead(describe, describe, () => {
      this.result = compute();
      this.resolved = true;
      return json(this.result);
    });
  }

  get value(): V {
    if (!this.resolved)
      throw new MemoryHostError('PropertyNotLoaded', 'A ClientResult is available after context.sync().');
    return this.result as V;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly customXmlParts: CustomXmlPartCollectionProxy;

  constructor(ctx: MemoryContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
    this.names = new NamedItemCollectionProxy(ctx, () => 'workbook');
    this.customXmlParts = new CustomXmlPartCollectionProxy(ctx);
  }
}

class WorksheetCollectionProxy {
  private loadedItems: WorksheetProxy[] | null = null;

  constructor(private readonly ctx: MemoryContext) {}

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, `WorksheetCollection.getItem(${JSON.stringify(name)})`, () =>
      this.ctx.host.sheetOrThrow(name),
    );
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, `WorksheetCollection.getItemOrNullObject(${JSON.stringify(name)})`, () =>
      this.ctx.host.findSheet(name),
    );
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, 'WorksheetCollection.getActiveWorksheet()', () =>
      this.ctx.host.activeSheetOrThrow(),
    );
  }

  add(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, `WorksheetCollection.add(${JSON.stringify(name)})`, () =>
      this.ctx.host.createSheet(name),
    );
  }

  /** Only `items/<property>` loads (`items/name`, `items/id`), as the adapter uses. */
  load(properties: string): this {
    const props = properties
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.startsWith('items/'))
      .map((p) => p.slice('items/'.length));
    this.ctx.enqueueRead(`WorksheetCollection.load(${properties})`, properties, () => {
      const sheets = this.ctx.host.live();
      this.loadedItems = sheets.map((sheet) => WorksheetProxy.resolved(this.ctx, sheet, props));
      return json(sheets.map((sheet) => props.map((p) => (p === 'id' ? sheet.id : sheet.name))));
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    if (this.loadedItems === null)
      throw new MemoryHostError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.loadedItems;
  }
}

type RangeTarget = { sheet: Sheet; range: CellRange };

class WorksheetProxy extends ClientObject<Sheet> {
  readonly names: NamedItemCollectionProxy;
  readonly charts: ChartCollectionProxy;

  constructor(ctx: MemoryContext, describe: string, resolve: Resolver<Sheet>) {
    super(ctx, 'Worksheet', describe, resolve);
    this.names = new NamedItemCollectionProxy(ctx, () => this.live().id, this);
    this.charts = new ChartCollectionProxy(ctx, this);
  }

  /** A proxy for a sheet already known (an item of a loaded collection), with properties loaded. */
  static resolved(ctx: MemoryContext, sheet: Sheet, props: string[]): WorksheetProxy {
    const proxy = new WorksheetProxy(ctx, 'WorksheetCollection.items[]', { known: sheet });
    for (const p of props) proxy.loaded.set(p, proxy.readProperty(p));
    return proxy;
  }

  get name(): string {
    return this.get('name');
  }

  get id(): string {
    return this.get('id');
  }

  protected readProperty(name: string): unknown {
    const sheet = this.live();
    if (name === 'name') return sheet.name;
    if (name === 'id') return sheet.id;
    if (name === 'position') return this.ctx.host.live().indexOf(sheet);
    return this.unknownProperty(name);
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(
      this.ctx,
      `Worksheet.getRange(${address === undefined ? '' : JSON.stringify(address)})`,
      () => ({
        sheet: this.live(),
        range:
          address === undefined
            ? { firstRow: 1, lastRow: MAX_ROWS, firstColumn: 1, lastColumn: MAX_COLUMNS }
            : parseAddress(address).range,
      }),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(
      this.ctx,
      `Worksheet.getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`,
      () => {
        if (rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0) {
          throw new MemoryHostError('InvalidArgument', 'getRangeByIndexes needs a start ≥ 0 and counts ≥ 1.');
        }
        return {
          sheet: this.live(),
          range: {
            firstRow: startRow + 1,
            lastRow: startRow + rowCount,
            firstColumn: startColumn + 1,
            lastColumn: startColumn + columnCount,
          },
        };
      },
    );
  }

  getRanges(address: string): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, `Worksheet.getRanges(${describeArg(address)})`, () => {
      const ranges = splitAreas(address).map((a) => parseAddress(a).range);
      if (ranges.length > this.ctx.host.maxAreas) {
        throw new MemoryHostError('InvalidArgument', `${ranges.length} areas are more than this host takes.`);
      }
      return { sheet: this.live(), ranges };
    });
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, `Worksheet.getUsedRange(${valuesOnly ?? ''})`, () => {
      const sheet = this.live();
      // Office.js gives A1 for an empty sheet.
      const range = this.ctx.host.used(sheet, valuesOnly === true) ?? {
        firstRow: 1,
        lastRow: 1,
        firstColumn: 1,
        lastColumn: 1,
      };
      return { sheet, range };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, `Worksheet.getUsedRangeOrNullObject(${valuesOnly ?? ''})`, () => {
      const sheet = this.live();
      const range = this.ctx.host.used(sheet, valuesOnly === true);
      return range ? { sheet, range } : null;
    });
  }

  delete(): void {
    this.call('delete', [], (sheet) => this.ctx.host.deleteSheet(sheet));
  }

  activate(): void {
    this.call('activate', [], (sheet) => this.ctx.host.activate(sheet));
  }
}

class RangeProxy extends ClientObject<RangeTarget> {
  readonly format: RangeFormatProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;

  constructor(ctx: MemoryContext, describe: string, resolve: Resolver<RangeTarget>) {
    super(ctx, 'Range', describe, resolve);
    this.format = new RangeFormatProxy(ctx, this);
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, this);
  }

  liveRange(): RangeTarget {
    const target = this.live();
    if (target.sheet.deleted) throw new MemoryHostError('InvalidObjectPath', 'The range is on a deleted sheet.');
    return target;
  }

  get address(): string {
    return this.get('address');
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  set values(values: unknown[][] | unknown) {
    this.set('values', values, ({ sheet, range }) => {
      forEachInput(range, values, 'values', (r, c, v) => this.ctx.host.writeValue(sheet, r, c, v));
    });
  }
  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  set numberFormat(formats: unknown[][] | unknown) {
    this.set('numberFormat', formats, ({ sheet, range }) => {
      forEachInput(range, formats, 'numberFormat', (r, c, v) => {
        if (v === null || v === undefined) return;
        if (typeof v !== 'string') throw new MemoryHostError('InvalidArgument', 'A number format is a string.');
        this.ctx.host.putFormat(sheet, r, c, v);
      });
    });
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }

  protected readProperty(name: string): unknown {
    const { sheet, range } = this.liveRange();
    const host = this.ctx.host;
    const cellCount = (range.lastRow - range.firstRow + 1) * (range.lastColumn - range.firstColumn + 1);
    const readsCells = name === 'values' || name === 'numberFormat' || name === 'valueTypes' || name === 'formulas';
    if (readsCells && cellCount > 5_000_000) {
      throw new MemoryHostError('ResponsePayloadSizeLimitExceeded', 'A range read is limited to 5,000,000 cells.');
    }
    switch (name) {
      case 'address':
        return qualifiedAddress(sheet.name, range);
      case 'rowCount':
        return range.lastRow - range.firstRow + 1;
      case 'columnCount':
        return range.lastColumn - range.firstColumn + 1;
      case 'rowIndex':
        return range.firstRow - 1;
      case 'columnIndex':
        return range.firstColumn - 1;
      case 'values':
        return host.rect(range, (r, c) => {
          const v = sheet.values[r - 1]?.[c - 1] ?? null;
          if (v === null) return '';
          return typeof v === 'object' ? v.error : v;
        });
      case 'numberFormat':
        return host.rect(range, (r, c) => sheet.formats[r - 1]?.[c - 1] ?? 'General');
      case 'valueTypes':
        return host.rect(range, (r, c) => {
          const v = sheet.values[r - 1]?.[c - 1] ?? null;
          if (v === null) return 'Empty';
          if (typeof v === 'object') return 'Error';
          if (typeof v === 'number') return 'Double';
          return typeof v === 'boolean' ? 'Boolean' : 'String';
        });
      case 'formulas':
        return host.rect(range, (r, c) => {
          const f = sheet.formulas.get(cellKey(r, c));
          if (f !== undefined) return f;
          const v = sheet.values[r - 1]?.[c - 1] ?? null;
          return v === null ? '' : typeof v === 'object' ? v.error : v;
        });
      default:
        return this.unknownProperty(name);
    }
  }

  clear(applyTo: string = 'All'): void {
    this.call('clear', [applyTo], () => {
      const { sheet, range } = this.liveRange();
      this.ctx.host.clear(sheet, range, applyTo);
    });
  }

  select(): void {
    this.call('select', [], () => {
      const { sheet, range } = this.liveRange();
      this.ctx.host.activate(sheet);
      this.ctx.host.selection = { sheet: sheet.name, address: rangeName(range) };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, `Range.getUsedRangeOrNullObject(${valuesOnly ?? ''})`, () => {
      const { sheet, range } = this.liveRange();
      const used = this.ctx.host.used(sheet, valuesOnly === true, range);
      return used ? { sheet, range: used } : null;
    });
  }

  getIntersectionOrNullObject(other: RangeProxy | string): RangeProxy {
    return new RangeProxy(this.ctx, `Range.getIntersectionOrNullObject(${describeArg(other)})`, () => {
      const { sheet, range } = this.liveRange();
      const otherRange = typeof other === 'string' ? parseAddress(other).range : other.liveRange().range;
      const overlap = intersection(range, otherRange);
      return overlap ? { sheet, range: overlap } : null;
    });
  }
}

/** Walks a `values` / `numberFormat` input: one value for every cell, or an array of the range's size. */
function forEachInput(
  range: CellRange,
  input: unknown,
  property: string,
  each: (row: number, column: number, value: unknown) => void,
): void {
  const rows = range.lastRow - range.firstRow + 1;
  const columns = range.lastColumn - range.firstColumn + 1;
  if (!Array.isArray(input)) {
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) each(range.firstRow + r, range.firstColumn + c, input);
    return;
  }
  if (input.length !== rows || input.some((line) => !Array.isArray(line) || line.length !== columns)) {
    throw new MemoryHostError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${property}: ${rows}×${columns}).`,
    );
  }
  (input as unknown[][]).forEach((line, r) =>
    line.forEach((v, c) => each(range.firstRow + r, range.firstColumn + c, v)),
  );
}

class RangeAreasProxy extends ClientObject<{ sheet: Sheet; ranges: CellRange[] }> {
  constructor(ctx: MemoryContext, describe: string, resolve: Resolver<{ sheet: Sheet; ranges: CellRange[] }>) {
    super(ctx, 'RangeAreas', describe, resolve);
  }

  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }

  protected readProperty(name: string): unknown {
    const { sheet, ranges } = this.live();
    if (name === 'address') return ranges.map((r) => qualifiedAddress(sheet.name, r)).join(',');
    if (name === 'areaCount') return ranges.length;
    return this.unknownProperty(name);
  }

  select(): void {
    this.call('select', [], ({ sheet, ranges }) => {
      this.ctx.host.activate(sheet);
      this.ctx.host.selection = { sheet: sheet.name, address: ranges.map(rangeName).join(',') };
    });
  }
}

class RangeFormatProxy {
  readonly font: RangeFontProxy;
  readonly fill: RangeFillProxy;

  constructor(
    private readonly ctx: MemoryContext,
    private readonly range: RangeProxy,
  ) {
    this.font = new RangeFontProxy(ctx, range);
    this.fill = new RangeFillProxy(ctx, range);
  }

  set columnWidth(points: number) {
    this.ctx.enqueue('RangeFormat.columnWidth=', points, () => {
      const { sheet, range } = this.range.liveRange();
      for (let c = range.firstColumn; c <= range.lastColumn; c++) sheet.columnWidths.set(c, points);
    });
  }

  set horizontalAlignment(alignment: string) {
    this.styleCommand('horizontalAlignment', { horizontalAlignment: alignment });
  }

  styleCommand(name: string, change: Partial<CellStyle>): void {
    this.ctx.enqueue(`RangeFormat.${name}=`, change, () => {
      const { sheet, range } = this.range.liveRange();
      this.ctx.host.style(sheet, range, change);
    });
  }
}

class RangeFontProxy {
  constructor(
    private readonly ctx: MemoryContext,
    private readonly range: RangeProxy,
  ) {}

  private style(name: string, change: Partial<CellStyle>): void {
    this.ctx.enqueue(`RangeFont.${name}=`, change, () => {
      const { sheet, range } = this.range.liveRange();
      this.ctx.host.style(sheet, range, change);
    });
  }

  set bold(bold: boolean) {
    this.style('bold', { bold });
  }
  set italic(italic: boolean) {
    this.style('italic', { italic });
  }
  set color(color: string) {
    this.style('color', { fontColor: color });
  }
  set size(size: number) {
    this.style('size', { fontSize: size });
  }
}

class RangeFillProxy {
  constructor(
    private readonly ctx: MemoryContext,
    private readonly range: RangeProxy,
  ) {}

  set color(color: string) {
    this.ctx.enqueue('RangeFill.color=', color, () => {
      const { sheet, range } = this.range.liveRange();
      this.ctx.host.style(sheet, range, { fill: color });
    });
  }
}

class ConditionalFormatCollectionProxy {
  constructor(
    private readonly ctx: MemoryContext,
    private readonly range: RangeProxy,
  ) {}

  /** Office.js adds a conditional format at the top priority. */
  add(type: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this.ctx, `ConditionalFormatCollection.add(${JSON.stringify(type)})`, () => {
      const { sheet, range } = this.range.liveRange();
      const cf: HostConditionalFormat = {
        id: this.ctx.host.newId(),
        ranges: [range],
        type,
        formula: null,
        fill: null,
        fontColor: null,
        bold: null,
        stopIfTrue: false,
      };
      sheet.conditionalFormats.unshift(cf);
      return { sheet, cf };
    });
  }

  clearAll(): void {
    this.ctx.enqueue('ConditionalFormatCollection.clearAll()', 'clearAll', () => {
      const { sheet, range } = this.range.liveRange();
      this.ctx.host.clearConditionalFormats(sheet, range);
    });
  }
}

type CfTarget = { sheet: Sheet; cf: HostConditionalFormat };

class ConditionalFormatProxy extends ClientObject<CfTarget> {
  readonly custom: {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string; bold: boolean } };
  };

  constructor(ctx: MemoryContext, describe: string, resolve: Resolver<CfTarget>) {
    super(ctx, 'ConditionalFormat', describe, resolve);
    const update = (name: string, value: unknown, apply: (cf: HostConditionalFormat) => void): void =>
      this.set(name, value, ({ cf }) => {
        if (cf.type !== 'Custom') throw new MemoryHostError('InvalidArgument', `custom.* on a ${cf.type} format.`);
        apply(cf);
      });
    this.custom = {
      rule: {
        set formula(formula: string) {
          update('custom.rule.formula', formula, (cf) => (cf.formula = formula));
        },
        get formula(): string {
          throw new MemoryHostError('PropertyNotLoaded', 'custom.rule.formula is write-only in the in-memory host.');
        },
      },
      format: {
        fill: {
          set color(color: string) {
            update('custom.format.fill.color', color, (cf) => (cf.fill = color));
          },
          get color(): string {
            throw new MemoryHostError('PropertyNotLoaded', 'write-only in the in-memory host.');
          },
        },
        font: {
          set color(color: string) {
            update('custom.format.font.color', color, (cf) => (cf.fontColor = color));
          },
          get color(): string {
            throw new MemoryHostError('PropertyNotLoaded', 'write-only in the in-memory host.');
          },
          set bold(bold: boolean) {
            update('custom.format.font.bold', bold, (cf) => (cf.bold = bold));
          },
          get bold(): boolean {
            throw new MemoryHostError('PropertyNotLoaded', 'write-only in the in-memory host.');
          },
        },
      },
    };
  }

  set stopIfTrue(stop: boolean) {
    this.set('stopIfTrue', stop, ({ cf }) => (cf.stopIfTrue = stop));
  }

  set priority(priority: number) {
    this.set('priority', priority, ({ sheet, cf }) => {
      const list = sheet.conditionalFormats.filter((c) => c !== cf);
      list.splice(Math.max(0, Math.min(priority, list.length)), 0, cf);
      sheet.conditionalFormats = list;
    });
  }

  protected readProperty(name: string): unknown {
    const { sheet, cf } = this.live();
    if (name === 'type') return cf.type;
    if (name === 'priority') return sheet.conditionalFormats.indexOf(cf);
    return this.unknownProperty(name);
  }
}

class ChartCollectionProxy {
  constructor(
    private readonly ctx: MemoryContext,
    private readonly sheet: WorksheetProxy,
  ) {}

  add(type: string, sourceData: RangeProxy, seriesBy: string = 'Auto'): ChartProxy {
    return new ChartProxy(
      this.ctx,
      `ChartCollection.add(${JSON.stringify(type)}, Range, ${JSON.stringify(seriesBy)})`,
      () => {
        const sheet = this.sheet.live();
        const source = sourceData.liveRange();
        const id = this.ctx.host.newId();
        const chart: HostChart = {
          id,
          type,
          sourceAddress: qualifiedAddress(source.sheet.name, source.range),
          seriesBy,
          name: `Chart ${id}`,
          title: null,
          legendPosition: null,
          position: null,
          seriesColours: {},
        };
        sheet.charts.push(chart);
        return chart;
      },
    );
  }
}

class ChartProxy extends ClientObject<HostChart> {
  readonly title: { text: string };
  readonly legend: { position: string };
  readonly series: { getItemAt: (index: number) => { format: { fill: { setSolidColor: (color: string) => void } } } };

  constructor(ctx: MemoryContext, describe: string, resolve: Resolver<HostChart>) {
    super(ctx, 'Chart', describe, resolve);
    const set = (name: string, value: unknown, apply: (chart: HostChart) => void): void => this.set(name, value, apply);
    this.title = {
      set text(text: string) {
        set('title.text', text, (chart) => (chart.title = text));
      },
      get text(): string {
        throw new MemoryHostError('PropertyNotLoaded', 'write-only in the in-memory host.');
      },
    };
    this.legend = {
      set position(position: string) {
        set('legend.position', position, (chart) => (chart.legendPosition = position));
      },
      get position(): string {
        throw new MemoryHostError('PropertyNotLoaded', 'write-only in the in-memory host.');
      },
    };
    this.series = {
      getItemAt: (index: number) => ({
        format: {
          fill: {
            setSolidColor: (color: string) =>
              this.call(
                `series[${index}].format.fill.setSolidColor`,
                [color],
                (chart) => (chart.seriesColours[index] = color),
              ),
          },
        },
      }),
    };
  }

  set name(name: string) {
    this.set('name', name, (chart) => (chart.name = name));
  }

  setPosition(startCell: string | RangeProxy, endCell?: string | RangeProxy): void {
    const text = (cell: string | RangeProxy): string =>
      typeof cell === 'string' ? cell : rangeName(cell.liveRange().range);
    this.call('setPosition', [describeArg(startCell), describeArg(endCell)], (chart) => {
      chart.position = { start: text(startCell), end: endCell === undefined ? null : text(endCell) };
    });
  }

  protected readProperty(name: string): unknown {
    const chart = this.live();
    if (name === 'name') return chart.name;
    return this.unknownProperty(name);
  }
}

class SettingCollectionProxy {
  constructor(private readonly ctx: MemoryContext) {}

  add(key: string, value: unknown): SettingProxy {
    // Settings are stored as JSON, as Office does: what comes back is a copy.
    const stored = JSON.parse(JSON.stringify(value)) as unknown;
    this.ctx.enqueue(`SettingCollection.add(${JSON.stringify(key)})`, [key, value], () => {
      this.ctx.host.settings().set(key, stored);
    });
    return this.getItem(key);
  }

  getItem(key: string): SettingProxy {
    return new SettingProxy(this.ctx, `SettingCollection.getItem(${JSON.stringify(key)})`, key, () => {
      if (!this.ctx.host.settings().has(key)) throw new MemoryHostError('ItemNotFound', `No setting "${key}".`);
      return key;
    });
  }

  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.ctx, `SettingCollection.getItemOrNullObject(${JSON.stringify(key)})`, key, () =>
      this.ctx.host.settings().has(key) ? key : null,
    );
  }
}

class SettingProxy extends ClientObject<string> {
  constructor(
    ctx: MemoryContext,
    describe: string,
    private readonly settingKey: string,
    resolve: Resolver<string>,
  ) {
    super(ctx, 'Setting', describe, resolve);
  }

  get key(): string {
    return this.get('key');
  }
  get value(): unknown {
    return this.get('value');
  }
  set value(value: unknown) {
    const stored = JSON.parse(JSON.stringify(value)) as unknown;
    this.set('value', value, (key) => this.ctx.host.settings().set(key, stored));
  }

  delete(): void {
    this.call('delete', [], (key) => this.ctx.host.settings().delete(key));
  }

  protected readProperty(name: string): unknown {
    const key = this.live();
    if (name === 'key') return this.settingKey;
    if (name === 'value') return JSON.parse(JSON.stringify(this.ctx.host.settings().get(key))) as unknown;
    return this.unknownProperty(name);
  }
}

type NameTarget = { scope: string; entry: NameEntry };

class NamedItemCollectionProxy {
  constructor(
    private readonly ctx: MemoryContext,
    private readonly scope: () => string,
    private readonly owner?: WorksheetProxy,
  ) {}

  private get kind(): string {
    return this.owner ? 'Worksheet.names' : 'Workbook.names';
  }

  add(name: string, reference: RangeProxy | string, comment = ''): NamedItemProxy {
    return new NamedItemProxy(this.ctx, `${this.kind}.add(${JSON.stringify(name)}, ${describeArg(reference)})`, () => {
      const scope = this.scope();
      const map = this.ctx.host.nameScope(scope);
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name))
        throw new MemoryHostError('InvalidArgument', `"${name}" is not a valid name.`);
      if (map.has(name.toLowerCase()))
        throw new MemoryHostError('ItemAlreadyExists', `The name "${name}" already exists.`);
      const entry: NameEntry = { name, ref: null, formula: '', visible: true, comment };
      if (typeof reference === 'string') this.ctx.host.setNameFormula(entry, reference);
      else {
        const { sheet, range } = reference.liveRange();
        entry.ref = { sheetId: sheet.id, range };
      }
      map.set(name.toLowerCase(), entry);
      return { scope, entry };
    });
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, `${this.kind}.getItemOrNullObject(${JSON.stringify(name)})`, () => {
      const scope = this.scope();
      const entry = this.ctx.host.nameScope(scope).get(name.toLowerCase());
      return entry ? { scope, entry } : null;
    });
  }
}

class NamedItemProxy extends ClientObject<NameTarget> {
  constructor(ctx: MemoryContext, describe: string, resolve: Resolver<NameTarget>) {
    super(ctx, 'NamedItem', describe, resolve);
  }

  get name(): string {
    return this.get('name');
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(formula: string) {
    this.set('formula', formula, ({ entry }) => this.ctx.host.setNameFormula(entry, formula));
  }
  get visible(): boolean {
    return this.get('visible');
  }
  set visible(visible: boolean) {
    this.set('visible', visible, ({ entry }) => (entry.visible = visible));
  }

  delete(): void {
    this.call('delete', [], ({ scope, entry }) => this.ctx.host.nameScope(scope).delete(entry.name.toLowerCase()));
  }

  protected readProperty(name: string): unknown {
    const { entry } = this.live();
    if (name === 'name') return entry.name;
    if (name === 'formula') return this.ctx.host.nameFormula(entry);
    if (name === 'visible') return entry.visible;
    if (name === 'comment') return entry.comment;
    return this.unknownProperty(name);
  }
}

class CustomXmlPartCollectionProxy {
  constructor(private readonly ctx: MemoryContext) {}

  add(xml: string): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this.ctx, `CustomXmlPartCollection.add(${describeArg(xml)})`, () => {
      if (namespaceOf(xml) === null) {
        throw new MemoryHostError('InvalidArgument', 'A custom XML part needs a root element with an xmlns attribute.');
      }
      const part = { id: `{part-${this.ctx.host.newId()}}`, xml };
      this.ctx.host.parts().push(part);
      return part;
    });
  }

  getItemOrNullObject(id: string): CustomXmlPartProxy {
    return new CustomXmlPartProxy(
      this.ctx,
      `CustomXmlPartCollection.getItemOrNullObject(${JSON.stringify(id)})`,
      () => this.ctx.host.parts().find((p) => p.id === id) ?? null,
    );
  }

  getByNamespace(namespaceUri: string): CustomXmlPartScopedCollectionProxy {
    return new CustomXmlPartScopedCollectionProxy(this.ctx, namespaceUri);
  }
}

function namespaceOf(xml: string): string | null {
  return /^\s*(?:<\?xml[^>]*>\s*)?<[A-Za-z_][^>]*\sxmlns\s*=\s*"([^"]*)"/.exec(xml)?.[1] ?? null;
}

class CustomXmlPartScopedCollectionProxy {
  private loadedItems: CustomXmlPartProxy[] | null = null;

  constructor(
    private readonly ctx: MemoryContext,
    private readonly namespaceUri: string,
  ) {}

  /** `items` or `items/id`. */
  load(properties: string): this {
    this.ctx.enqueueRead(
      `CustomXmlPartScopedCollection(${JSON.stringify(this.namespaceUri)}).load(${properties})`,
      properties,
      () => {
        const parts = this.ctx.host.parts().filter((p) => namespaceOf(p.xml) === this.namespaceUri);
        this.loadedItems = parts.map((part) => CustomXmlPartProxy.resolved(this.ctx, part));
        return json(parts.map((p) => p.id));
      },
    );
    return this;
  }

  get items(): CustomXmlPartProxy[] {
    if (this.loadedItems === null)
      throw new MemoryHostError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.loadedItems;
  }
}

class CustomXmlPartProxy extends ClientObject<XmlPart> {
  constructor(ctx: MemoryContext, describe: string, resolve: Resolver<XmlPart>) {
    super(ctx, 'CustomXmlPart', describe, resolve);
  }

  static resolved(ctx: MemoryContext, part: XmlPart): CustomXmlPartProxy {
    const proxy = new CustomXmlPartProxy(ctx, 'CustomXmlPartScopedCollection.items[]', { known: part });
    proxy.loaded.set('id', part.id);
    return proxy;
  }

  get id(): string {
    return this.get('id');
  }

  getXml(): ClientResult<string> {
    return new ClientResult(this.ctx, 'CustomXmlPart.getXml()', () => this.live().xml);
  }

  setXml(xml: string): void {
    this.call('setXml', [xml], (part) => (part.xml = xml));
  }

  delete(): void {
    this.call('delete', [], (part) => {
      const parts = this.ctx.host.parts();
      parts.splice(parts.indexOf(part), 1);
    });
  }

  protected readProperty(name: string): unknown {
    if (name === 'id') return this.live().id;
    return this.unknownProperty(name);
  }
}
