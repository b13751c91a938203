/**
 * The credit-cover command line: `validate` rule files, `evaluate` a ledger; the broker's tools
 * `compare` (one ledger, several policies), `diff` (two versions of a rule file) and
 * `limits import` (an insurer's limit export into a rule file).
 */
import { Command, CommanderError, Option } from 'commander';
import { runCompare } from './compare';
import { runDiff } from './diff';
import { CliError } from './errors';
import { runEvaluate } from './evaluate';
import { parseLang } from './lang';
import { runLimitsImport } from './limits-import';
import { validateFiles, type Output } from './validate';

export function buildProgram(io: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('credit-cover')
    .description('Trade credit insurance exposure of an aged balance, from a broker rule file.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('validate')
    .description('check rule files (and scenario files) and run the examples they carry')
    .argument('<files...>', 'rule files (.json)')
    .action(async (files: string[]) => {
      const failed = await validateFiles(files, io);
      if (failed > 0) setExitCode(1);
    });

  program
    .command('evaluate')
    .description('evaluate a ledger (.xlsx or .csv) against a rule file')
    .argument('<ledger>', 'aged balance, .xlsx or .csv')
    .requiredOption('--rules <file>', 'rule file (.json)')
    .option('--as-of <date>', 'date the balance is struck at, YYYY-MM-DD (default: today)')
    .option('--sheet <name>', 'worksheet to read (default: the first)')
    .option('--map <role=Header>', 'column for a role, e.g. invoiceDate="Date pièce" (repeatable)', collect, [])
    .addOption(new Option('--date-order <order>', 'day/month order when a column allows both').choices(['dmy', 'mdy']))
    .option('--json <file>', 'write the result (JSON contract) to this file')
    .option('--out <file>', 'write an annotated copy of the workbook (.xlsx)')
    .addOption(new Option('--lang <lang>', 'language of headers and messages').choices(['fr', 'en']))
    .action(async (ledger: string, opts: Record<string, string | string[] | undefined>) => {
      await runEvaluate(
        {
          ledger,
          rules: opts.rules as string,
          asOf: opts.asOf as string | undefined,
          sheet: opts.sheet as string | undefined,
          map: (opts.map as string[]) ?? [],
          dateOrder: opts.dateOrder as 'dmy' | 'mdy' | undefined,
          json: opts.json as string | undefined,
          out: opts.out as string | undefined,
          lang: parseLang(opts.lang as string | undefined),
        },
        io,
      );
    });
  program
    .command('compare')
    .description('evaluate one ledger under several policies, side by side, with costs and default scenarios')
    .argument('<ledger>', 'aged balance, .xlsx or .csv')
    .requiredOption('--rules <file>', 'rule file (.json); give it once per policy, at least twice', collect, [])
    .option('--as-of <date>', 'date the balance is struck at, YYYY-MM-DD (default: today)')
    .option('--sheet <name>', 'worksheet to read (default: the first)')
    .option('--map <role=Header>', 'column for a role, e.g. invoiceDate="Date pièce" (repeatable)', collect, [])
    .addOption(new Option('--date-order <order>', 'day/month order when a column allows both').choices(['dmy', 'mdy']))
    .option('--scenarios <file>', 'default scenarios (.json, credit-cover/scenarios@1; default: base and stressed)')
    .option('--years <n>', 'horizon of the scenario figures, 1 to 3 years')
    .option('--turnover <amount>', "the client's annual insured turnover, for every premium set as a rate")
    .option('--monte-carlo [runs]', 'also simulate defaults, this many runs (default 10000)')
    .option('--seed <n>', 'seed of the Monte Carlo (default 1): the same seed gives the same result')
    .option('--json <file>', 'write the comparison (JSON) to this file')
    .option('--out <file>', 'write the comparison workbook (.xlsx) with its charts')
    .addOption(new Option('--lang <lang>', 'language of headers and messages').choices(['fr', 'en']))
    .action(async (ledger: string, opts: Record<string, string | string[] | boolean | undefined>) => {
      await runCompare(
        {
          ledger,
          rules: opts.rules as string[],
          asOf: opts.asOf as string | undefined,
          sheet: opts.sheet as string | undefined,
          map: (opts.map as string[]) ?? [],
          dateOrder: opts.dateOrder as 'dmy' | 'mdy' | undefined,
          scenarios: opts.scenarios as string | undefined,
          years: opts.years as string | undefined,
          turnover: opts.turnover as string | undefined,
          monteCarlo: opts.monteCarlo as string | boolean | undefined,
          seed: opts.seed as string | undefined,
          json: opts.json as string | undefined,
          out: opts.out as string | undefined,
          lang: parseLang(opts.lang as string | undefined),
        },
        io,
      );
    });

  program
    .command('diff')
    .description('what changed between two versions of a rule file (exit 0: identical, 1: different, 2: invalid)')
    .argument('<old>', 'the earlier rule file (.json)')
    .argument('<new>', 'the later rule file (.json)')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en']))
    .action(async (before: string, after: string, opts: Record<string, string | undefined>) => {
      setExitCode(await runDiff({ before, after, lang: parseLang(opts.lang) }, io));
    });

  const limits = program.command('limits').description("named limits: update a rule file from an insurer's export");
  limits
    .command('import')
    .description("import an insurer's limit decisions (.csv or .xlsx) into a rule file's limits")
    .argument('<export>', "the insurer's limit export, .csv or .xlsx")
    .requiredOption('--rules <file>', 'the rule file to update (.json)')
    .requiredOption('--out <file>', 'where to write the updated rule file (.json)')
    .option('--sheet <name>', 'worksheet of the export to read (default: the first)')
    .addOption(new Option('--date-order <order>', 'day/month order when the dates allow both').choices(['dmy', 'mdy']))
    .addOption(
      new Option('--bump <level>', 'version bump (default auto: major for less cover, minor for more)').choices([
        'auto',
        'major',
        'minor',
        'patch',
      ]),
    )
    .option('--ledger <file>', 'a ledger (.xlsx or .csv): report buyers whose exposure now exceeds their limit')
    .option('--as-of <date>', 'date the ledger is evaluated at, YYYY-MM-DD (default: today)')
    .option('--ledger-sheet <name>', 'worksheet of the ledger to read (default: the first)')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['fr', 'en']))
    .action(async (exportFile: string, opts: Record<string, string | undefined>) => {
      await runLimitsImport(
        {
          export: exportFile,
          rules: opts.rules as string,
          out: opts.out as string,
          sheet: opts.sheet,
          dateOrder: opts.dateOrder as 'dmy' | 'mdy' | undefined,
          bump: (opts.bump ?? 'auto') as 'auto' | 'major' | 'minor' | 'patch',
          ledger: opts.ledger,
          asOf: opts.asOf,
          ledgerSheet: opts.ledgerSheet,
          lang: parseLang(opts.lang),
        },
        io,
      );
    });
  return program;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs the program; resolves to the exit code. Expected failures are one line on stderr. */
export async function main(argv: string[], io: Output): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      io.err(`credit-cover: ${error.message}`);
      return error.exitCode;
    }
    // A bug, not the user's fault: still one line by default; the stack with CREDIT_COVER_DEBUG=1.
    io.err(`credit-cover: internal error: ${(error as Error).message ?? String(error)}`);
    if (process.env.CREDIT_COVER_DEBUG) io.err(String((error as Error).stack));
    return 70;
  }
}
