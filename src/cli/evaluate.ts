/**
 * `credit-cover evaluate LEDGER --rules FILE`: the main job, headless.
 */
import { evaluate, parseIsoDay, type Evaluation, type Ledger, type Policy } from '../domain';
import { formatRuleFileError, loadRuleFile, type RuleFileJson } from '../rules';
import { readLedger, type ReadResult, type Role } from '../sheet';
import { CliError } from './errors';
import { readRuleFileText, refuseToOverwrite } from './files';
import { writeJsonStreamed } from './json-out';
import { InputError, readTableFromFile, type TableFile } from './input';
import type { Lang } from './lang';
import { Progress } from './progress';
import { printSummary } from './report';
import type { Output } from './validate';
import { writeAnnotatedWorkbook } from './workbook-out';

export interface EvaluateArgs {
  ledger: string;
  rules: string;
  asOf?: string;
  sheet?: string;
  map: string[];
  dateOrder?: 'dmy' | 'mdy';
  json?: string;
  out?: string;
  lang: Lang;
  /** The clock, for the default as-of date (today); injectable so tests are deterministic. */
  today?: () => Date;
}

/** Loads and validates a rule file; prints its errors and fails with one line when it does not validate. */
export async function loadPolicyFile(file: string, io: Output): Promise<{ policy: Policy; json: RuleFileJson }> {
  const loaded = loadRuleFile(await readRuleFileText(file), { fileName: file });
  if (!loaded.ok) {
    for (const error of loaded.errors) io.err(formatRuleFileError({ ...error, file }));
    throw new CliError(`${file}: the rule file does not validate (${loaded.errors.length} error(s))`);
  }
  return { policy: loaded.policy, json: loaded.json };
}

export interface LedgerFileArgs {
  ledger: string;
  sheet?: string;
  map: string[];
  dateOrder?: 'dmy' | 'mdy';
}

export interface LedgerFile {
  input: TableFile;
  read: ReadResult & { ledger: Ledger };
}

/** Reads a ledger file (.xlsx or .csv) into a Ledger; unusable input fails with one line. */
export async function readLedgerFile(args: LedgerFileArgs): Promise<LedgerFile> {
  let input;
  try {
    input = await readTableFromFile(args.ledger, { sheet: args.sheet });
  } catch (error) {
    if (error instanceof InputError) throw new CliError(error.message);
    throw error;
  }
  const read = readLedger(input.table, {
    map: parseMap(args.map),
    // No locale from --lang: the message language says nothing about how the file writes dates and
    // amounts; the reader infers that from the file itself, and --date-order settles what it cannot.
    dateOrder: args.dateOrder,
  });
  if (read.ledger === null) {
    const reasons = read.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    throw new CliError(`${args.ledger}: ${reasons.join('; ') || 'no ledger found'}`);
  }
  return { input, read: read as ReadResult & { ledger: Ledger } };
}

/** Evaluates, and names each diagnostic's column by the sheet's own header (`Devise`, not `currency`). */
export function evaluateLedger(file: LedgerFile, policy: Policy, asOf: number): Evaluation {
  const evaluation = evaluate(file.read.ledger, policy, { asOf });
  for (const d of evaluation.diagnostics) {
    const mapped = d.column === undefined ? undefined : file.read.mapping.columns[d.column as Role];
    if (mapped) d.column = mapped.header;
  }
  return evaluation;
}

export async function runEvaluate(args: EvaluateArgs, io: Output): Promise<Evaluation> {
  const progress = new Progress();
  const { policy } = await loadPolicyFile(args.rules, io);
  const asOf = parseAsOf(args.asOf, args.today ?? (() => new Date()));

  progress.update(0.05, 'reading');
  const { input, evaluation, headerRow, lastDataRow } = await readAndEvaluate(args, policy, asOf, progress);
  const inputs = [args.ledger, args.rules];

  if (args.json) {
    progress.update(0.6, 'writing JSON');
    await writeJsonStreamed(args.json, evaluation, inputs);
  }
  if (args.out) {
    progress.update(0.7, 'writing workbook');
    await refuseToOverwrite(args.out, inputs);
    const source =
      input.kind === 'xlsx'
        ? { kind: 'xlsx' as const, path: args.ledger, sheetName: input.sheetName }
        : { kind: 'csv' as const, table: input.table.values, sheetName: input.sheetName };
    try {
      await writeAnnotatedWorkbook({
        source,
        evaluation,
        headerRow,
        lastDataRow,
        lang: args.lang,
        outPath: args.out,
        onWarning: (message) => io.err(`${args.out}: ${message}`),
      });
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`${args.out}: ${(error as Error).message}`);
    }
  }
  progress.done();
  printSummary(
    evaluation,
    { ledger: args.ledger, sheet: input.sheetName, lang: args.lang, json: args.json, out: args.out },
    io,
  );
  return evaluation;
}

/**
 * Reads the ledger and evaluates it, and keeps of the reading only what the outputs need: a full
 * sheet of cells and the ledger's lines are the largest things this command holds (hundreds of MB
 * at a million rows), and neither is needed to write the JSON.
 */
async function readAndEvaluate(
  args: EvaluateArgs,
  policy: Policy,
  asOf: number,
  progress: Progress,
): Promise<{ input: TableFile; evaluation: Evaluation; headerRow: number; lastDataRow: number }> {
  const file = await readLedgerFile(args);
  const { input, read } = file;
  const lastDataRow = input.table.values.length;
  // Only the annotated workbook of a CSV needs the cells again.
  if (!(args.out && input.kind === 'csv')) input.table = { values: [] };
  progress.update(0.4, 'evaluating');
  const evaluation = evaluateLedger(file, policy, asOf);
  return { input, evaluation, headerRow: read.headerRow, lastDataRow };
}

export function parseAsOf(text: string | undefined, today: () => Date): number {
  if (text === undefined) {
    // The as-of date defaults to today in the user's own time zone: the day on their calendar.
    const now = today();
    const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    return parseIsoDay(iso) as number;
  }
  const day = parseIsoDay(text);
  if (day === null) throw new CliError(`--as-of must be a date written YYYY-MM-DD, not "${text}"`, 2);
  return day;
}

export function parseMap(entries: string[]): Partial<Record<Role, string>> {
  const map: Partial<Record<Role, string>> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new CliError(`--map takes role=Header, e.g. --map invoiceDate="Date pièce"; got "${entry}"`, 2);
    map[entry.slice(0, eq).trim() as Role] = entry.slice(eq + 1).trim();
  }
  return map;
}
