/**
 * Run by test/fuzz/dates.test.ts in child processes under several TZ values (Jest gives a test its
 * own copy of process.env, so a test cannot change its own time zone). Prints, as JSON: the default
 * as-of date the CLI takes for each given instant, and the evaluations of an .xlsx and a .csv ledger.
 *
 *   node --import tsx test/fuzz/tz-probe.ts LEDGER.xlsx LEDGER.csv RULES.json INSTANT…
 */
import { readFileSync } from 'node:fs';
import { evaluate, formatIsoDay, parseIsoDay } from '../../src/domain';
import { readTableFromFile } from '../../src/cli/input';
import { runEvaluate } from '../../src/cli/evaluate';
import { loadRuleFile } from '../../src/rules';
import { readLedger } from '../../src/sheet';

async function main(): Promise<void> {
  const [xlsx, csv, rulesFile, ...instants] = process.argv.slice(2);
  const loaded = loadRuleFile(readFileSync(rulesFile, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  const asOf = parseIsoDay('2028-03-01') as number;
  const evaluations: string[] = [];
  for (const file of [xlsx, csv]) {
    const read = readLedger((await readTableFromFile(file)).table);
    if (read.ledger === null) throw new Error(`${file}: no ledger`);
    evaluations.push(JSON.stringify(evaluate(read.ledger, loaded.policy, { asOf })));
  }
  const defaults: string[] = [];
  for (const instant of instants) {
    const evaluation = await runEvaluate(
      { ledger: csv, rules: rulesFile, map: [], lang: 'en', today: () => new Date(instant) },
      { out: () => undefined, err: () => undefined },
    );
    defaults.push(evaluation.asOf);
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  process.stdout.write(JSON.stringify({ zone, defaults, evaluations, epoch: formatIsoDay(0) }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exitCode = 1;
});
