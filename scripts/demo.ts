/**
 * `npm run demo`: a newcomer's first minute. Evaluates the bundled French aged balance against the
 * sample SME policy and writes the annotated workbook and the JSON result to out/demo/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli';
import { makeDemoLedger } from './make-demo-ledger';

const root = path.resolve(__dirname, '..');
const rel = (p: string) => path.relative(process.cwd(), p) || '.';

async function demo(): Promise<number> {
  const ledger = path.join(root, 'samples', 'balance-agee-demo.xlsx');
  const rules = path.join(root, 'rules', 'fr-pme-globale.json');
  const outDir = path.join(root, 'out', 'demo');
  if (!existsSync(ledger)) await makeDemoLedger(ledger, rules);
  const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };
  const out = path.join(outDir, 'balance-agee-annotee.xlsx');
  const json = path.join(outDir, 'resultat.json');
  const code = await main(
    [
      'evaluate',
      rel(ledger),
      '--rules',
      rel(rules),
      '--as-of',
      '2027-06-30',
      '--out',
      rel(out),
      '--json',
      rel(json),
      '--lang',
      'fr',
    ],
    io,
  );
  if (code === 0) {
    console.log('');
    console.log('Next / Et ensuite :');
    console.log(`  open ${rel(out)}  — the ledger with its exposure columns and the "credit-cover" summary sheet`);
    console.log(`  ${rel(json)}  — the same result as JSON (totals, buyers, invoices, diagnostics)`);
    console.log(
      `  npm run --silent cli -- evaluate ${rel(ledger)} --rules rules/strict.json --as-of 2027-06-30  — another policy`,
    );
  }
  return code;
}

void demo().then((code) => (process.exitCode = code));
