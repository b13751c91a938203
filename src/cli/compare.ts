/**
 * `credit-cover compare LEDGER --rules A.json --rules B.json …`: the same ledger evaluated under
 * each policy at one as-of date, side by side, with what each costs and is expected to pay under
 * default scenarios; printed, and written as JSON and/or a workbook with charts.
 */
import path from 'node:path';
import { comparisonReport, CompareError, differenceText, type ComparisonReport, type PolicyRun } from '../broker';
import { centsFromUnits, DEFAULT_SCENARIOS, MAX_RUNS, MAX_YEARS, type ScenarioSet } from '../domain';
import { formatRuleFileError, loadScenarioFile } from '../rules';
import { reasonText } from '../sheet/output-labels';
import { writeComparisonWorkbook } from './compare-workbook';
import { CliError } from './errors';
import { evaluateLedger, loadPolicyFile, parseAsOf, readLedgerFile } from './evaluate';
import { readRuleFileText, refuseToOverwrite, writeFileAtomic } from './files';
import type { Lang } from './lang';
import { Progress } from './progress';
import { formatMoney } from './report';
import type { Output } from './validate';

export interface CompareArgs {
  ledger: string;
  rules: string[];
  asOf?: string;
  sheet?: string;
  map: string[];
  dateOrder?: 'dmy' | 'mdy';
  scenarios?: string;
  years?: string;
  turnover?: string;
  /** `true` for --monte-carlo without a count; a count as text otherwise. */
  monteCarlo?: string | boolean;
  seed?: string;
  json?: string;
  out?: string;
  lang: Lang;
  today?: () => Date;
}

/** At most this many policies side by side: keys A to J, and a table still readable. */
export const MAX_POLICIES = 10;
export const DEFAULT_RUNS = 10_000;
export const DEFAULT_SEED = 1;

export function policyKey(index: number): string {
  return String.fromCharCode(65 + index);
}

function wholeNumber(text: string, option: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(`${option} must be a whole number from ${min} to ${max}, not "${text}"`, 2);
  return n;
}

/** The scenario set: the file's (or the defaults), then the command line's overrides. */
async function scenarioSet(args: CompareArgs, io: Output): Promise<ScenarioSet> {
  let set = DEFAULT_SCENARIOS;
  if (args.scenarios !== undefined) {
    const loaded = loadScenarioFile(await readRuleFileText(args.scenarios), { fileName: args.scenarios });
    if (!loaded.ok) {
      for (const error of loaded.errors) io.err(formatRuleFileError({ ...error, file: args.scenarios }));
      throw new CliError(`${args.scenarios}: the scenario file does not validate (${loaded.errors.length} error(s))`);
    }
    set = loaded.scenarios;
  }
  const years = args.years === undefined ? set.years : wholeNumber(args.years, '--years', 1, MAX_YEARS);
  let monteCarlo = set.monteCarlo;
  if (args.monteCarlo !== undefined && args.monteCarlo !== false) {
    const runs =
      args.monteCarlo === true
        ? (set.monteCarlo?.runs ?? DEFAULT_RUNS)
        : wholeNumber(args.monteCarlo, '--monte-carlo', 1, MAX_RUNS);
    monteCarlo = { runs, seed: set.monteCarlo?.seed ?? DEFAULT_SEED };
  }
  if (args.seed !== undefined) {
    const seed = wholeNumber(args.seed, '--seed', 0, 4294967295);
    monteCarlo = { runs: monteCarlo?.runs ?? DEFAULT_RUNS, seed };
  }
  return { ...set, years, monteCarlo };
}

function parseTurnover(text: string | undefined): number | null {
  if (text === undefined) return null;
  const cleaned = text.replace(/[\s_\u00a0\u202f]/g, '');
  const units = /^\d+(\.\d{1,2})?$/.test(cleaned) ? Number(cleaned) : NaN;
  const cents = Number.isFinite(units) ? centsFromUnits(units) : null;
  if (cents === null || !Number.isSafeInteger(cents))
    throw new CliError(`--turnover must be an amount in the policy currency, e.g. 4500000, not "${text}"`, 2);
  return cents;
}

export async function runCompare(args: CompareArgs, io: Output): Promise<ComparisonReport> {
  if (args.rules.length < 2)
    throw new CliError('compare needs at least two rule files: --rules A.json --rules B.json', 2);
  if (args.rules.length > MAX_POLICIES) throw new CliError(`compare takes at most ${MAX_POLICIES} rule files`, 2);
  const progress = new Progress();
  const policies = [];
  for (const file of args.rules) policies.push(await loadPolicyFile(file, io));
  const asOf = parseAsOf(args.asOf, args.today ?? (() => new Date()));
  const scenarios = await scenarioSet(args, io);
  const turnover = parseTurnover(args.turnover);

  progress.update(0.05, 'reading');
  const file = await readLedgerFile(args);
  const ledger = file.read.ledger;
  const notDueBuckets = new Set(
    ledger.kind === 'bucket' ? ledger.buckets.filter((b) => b.notDue).map((b) => b.label) : [],
  );

  const runs: PolicyRun[] = policies.map(({ policy }, i) => {
    progress.update(0.1 + (0.4 * i) / policies.length, `evaluating ${policyKey(i)}`);
    return { key: policyKey(i), source: args.rules[i], policy, evaluation: evaluateLedger(file, policy, asOf) };
  });
  progress.update(0.5, scenarios.monteCarlo ? 'simulating' : 'comparing');
  let report: ComparisonReport;
  try {
    report = comparisonReport(runs, scenarios, { turnover, notDueBuckets });
  } catch (error) {
    if (error instanceof CompareError) throw new CliError(error.message);
    throw error;
  }

  const inputs = [args.ledger, ...args.rules, ...(args.scenarios ? [args.scenarios] : [])];
  if (args.json) {
    progress.update(0.8, 'writing JSON');
    await writeFileAtomic(args.json, JSON.stringify(report, null, 2) + '\n', inputs);
  }
  if (args.out) {
    progress.update(0.85, 'writing workbook');
    // Real paths and inodes, not plain paths: a symlinked folder must not let the output replace the ledger.
    await refuseToOverwrite(args.out, inputs);
    await writeComparisonWorkbook(report, {
      outPath: args.out,
      lang: args.lang,
      ledger: `${path.basename(args.ledger)} [${file.input.sheetName}]`,
    });
  }
  progress.done();
  printComparison(report, { ledger: args.ledger, sheet: file.input.sheetName, lang: args.lang }, io);
  for (const written of [args.json, args.out])
    if (written) io.out(`${args.lang === 'fr' ? 'Écrit' : 'Wrote'} ${written}`);
  return report;
}

const TEXT = {
  en: {
    asOf: 'As of',
    policies: 'Policies',
    open: 'Open (incl. VAT)',
    eligible: 'Eligible',
    insured: 'Insured',
    overLimit: 'Over limit',
    covered: 'Covered',
    uninsured: 'Uninsured',
    excluded: (r: string) => `Excluded: ${r}`,
    claims: 'Claims if all overdue defaulted',
    indemnity: 'Potential indemnity',
    cost: 'Annual cost (premium + fees)',
    noCost: { 'no-cost-terms': 'no cost block', 'no-turnover': 'no turnover (--turnover)' },
    scenario: (name: string, years: number) => `Scenario ${name}, ${years} year${years > 1 ? 's' : ''}`,
    expectedIndemnity: 'Expected indemnity',
    expectedUninsured: 'Expected uninsured loss',
    net: 'Net (indemnity − cost − commission)',
    mcMean: (runs: number, seed: number) => `Uninsured loss, mean (Monte Carlo ${runs} runs, seed ${seed})`,
    mcP95: 'Uninsured loss, 95th percentile',
    differ: (n: number, of: number) => `Buyers whose cover differs: ${n} of ${of}`,
    more: (n: number) => `… ${n} more in the JSON and the workbook`,
  },
  fr: {
    asOf: 'Au',
    policies: 'Polices',
    open: 'Encours (TTC)',
    eligible: 'Éligible',
    insured: 'Assuré',
    overLimit: 'Hors limite',
    covered: 'Couvert',
    uninsured: 'Non couvert',
    excluded: (r: string) => `Exclu : ${r}`,
    claims: 'Indemnités si tous les retards faisaient défaut',
    indemnity: 'Indemnité potentielle',
    cost: 'Coût annuel (prime + frais)',
    noCost: { 'no-cost-terms': 'pas de bloc cost', 'no-turnover': "pas de chiffre d'affaires (--turnover)" },
    scenario: (name: string, years: number) => `Scénario ${name}, ${years} an${years > 1 ? 's' : ''}`,
    expectedIndemnity: 'Indemnité attendue',
    expectedUninsured: 'Perte non couverte attendue',
    net: 'Net (indemnité − coût − commission)',
    mcMean: (runs: number, seed: number) => `Perte non couverte, moyenne (Monte-Carlo ${runs} tirages, graine ${seed})`,
    mcP95: 'Perte non couverte, 95e centile',
    differ: (n: number, of: number) => `Acheteurs dont la couverture diffère : ${n} sur ${of}`,
    more: (n: number) => `… ${n} de plus dans le JSON et le classeur`,
  },
};

/** Buyers listed on the terminal; all of them are in the JSON and the workbook. */
const BUYERS_SHOWN = 10;

export function printComparison(
  report: ComparisonReport,
  ctx: { ledger: string; sheet: string; lang: Lang },
  io: Output,
): void {
  const t = TEXT[ctx.lang];
  const money = (n: number | null): string => (n === null ? '—' : formatMoney(n, report.currency, ctx.lang));
  io.out(`${ctx.ledger} [${ctx.sheet}]`);
  io.out(`${t.asOf}: ${report.asOf}`);
  io.out(`${t.policies}:`);
  for (const p of report.policies)
    io.out(`  ${p.key}  ${p.id} ${p.version}  ${p.insurer}  ${p.source ?? ''}`.trimEnd());

  const rows: [string, string[]][] = [];
  const figure = (label: string, pick: (i: number) => number | null): void => {
    rows.push([label, report.policies.map((_, i) => money(pick(i)))]);
  };
  const totals = report.policies.map((p) => p.totals);
  figure(t.open, (i) => totals[i].open);
  figure(t.eligible, (i) => totals[i].eligible);
  figure(t.insured, (i) => totals[i].insured);
  figure(t.overLimit, (i) => totals[i].overLimit);
  figure(t.covered, (i) => totals[i].covered);
  figure(t.uninsured, (i) => totals[i].uninsured);
  for (const reason of report.excludedReasons)
    figure(t.excluded(reasonText(reason, ctx.lang)), (i) => totals[i].excludedByReason[reason] ?? 0);
  figure(t.claims, (i) => totals[i].claims);
  figure(t.indemnity, (i) => totals[i].portfolioIndemnity);
  rows.push([
    t.cost,
    report.policies.map((p) =>
      p.cost !== null ? money(p.cost.total) : `— (${t.noCost[p.costProblem ?? 'no-cost-terms']})`,
    ),
  ]);
  const { scenarios } = report;
  for (const [s, scenario] of scenarios.scenarios.entries()) {
    const years = 1;
    rows.push([t.scenario(scenario.name, years), report.policies.map(() => '')]);
    const horizon = (i: number) => scenarios.policies[i].outcomes[s].horizons[years - 1];
    figure(`  ${t.expectedIndemnity}`, (i) => horizon(i).expectedIndemnity);
    figure(`  ${t.expectedUninsured}`, (i) => horizon(i).expectedUninsuredLoss);
    figure(`  ${t.net}`, (i) => horizon(i).net);
    if (scenarios.monteCarlo !== null) {
      figure(`  ${t.mcMean(scenarios.monteCarlo.runs, scenarios.monteCarlo.seed)}`, (i) =>
        horizon(i).monteCarlo === null ? null : (horizon(i).monteCarlo?.meanUninsuredLoss ?? null),
      );
      figure(`  ${t.mcP95}`, (i) => horizon(i).monteCarlo?.p95UninsuredLoss ?? null);
    }
  }
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const widths = report.policies.map((p, i) => Math.max(p.key.length, ...rows.map(([, cells]) => cells[i].length)));
  io.out(`  ${''.padEnd(labelWidth)}  ${report.policies.map((p, i) => p.key.padStart(widths[i])).join('  ')}`);
  for (const [label, cells] of rows)
    io.out(`  ${label.padEnd(labelWidth)}  ${cells.map((c, i) => c.padStart(widths[i])).join('  ')}`.trimEnd());

  io.out(t.differ(report.buyers.length, report.buyerCount));
  const [reference] = report.policies;
  for (const b of report.buyers.slice(0, BUYERS_SHOWN)) {
    const covered = report.policies.map((p, i) => `${p.key} ${money(b.covered[i])}`).join('  ');
    const why = b.differences
      .map((d, i) =>
        d === null
          ? null
          : `${report.policies[i].key}: ${differenceText(d, reference.key, report.policies[i].key, ctx.lang)}`,
      )
      .filter((x): x is string => x !== null)
      .join('; ');
    io.out(`  ${b.buyerId}  ${b.buyerName ?? ''}  ${covered}  — ${why}`);
  }
  if (report.buyers.length > BUYERS_SHOWN) io.out(`  ${t.more(report.buyers.length - BUYERS_SHOWN)}`);
}
