/**
 * The credit-cover command line: `validate` rule files, `evaluate` a ledger.
 */
import { Command, CommanderError, Option } from 'commander';
import { CliError } from './errors';
import { runEvaluate } from './evaluate';
import { parseLang } from './lang';
import { validateFiles, type Output } from './validate';

export function buildProgram(io: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('credit-cover')
    .description('Trade credit insurance exposure of an aged balance, from a broker rule file.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('validate')
    .description('check rule files and run the examples they carry')
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
