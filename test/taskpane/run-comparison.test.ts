/**
 * The Compare button's work, against the in-memory Excel: the same report as `credit-cover compare
 * --json` for the same ledger (invoice and bucket level), nothing written into the workbook, and the
 * figures, bars and buyers the tab shows taken from that report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompareError, differenceText, type ComparisonReport } from '../../src/broker';
import { main } from '../../src/cli';
import { readTableFromFile } from '../../src/cli/input';
import { MemoryWorkbook, type HostCellValue } from '../../src/excel/memory-host';
import { reasonText } from '../../src/sheet/output-labels';
import { BUYERS_SHOWN, coverBars, differingBuyers, figureGroups } from '../../src/taskpane/compare-figures';
import {
  compareCandidates,
  LOADED_ID,
  pickedCandidates,
  type CompareCandidate,
} from '../../src/taskpane/compare-selection';
import { demoWorkbook, DEMO_AS_OF, DEMO_SHEET } from '../../src/taskpane/demo-workbook';
import { describeError } from '../../src/taskpane/errors';
import { demoHost } from '../../src/taskpane/host';
import { LABELS, type ComparePhase } from '../../src/taskpane/labels';
import { ruleFileFromJson } from '../../src/taskpane/rule-file';
import { NoLedgerError } from '../../src/taskpane/run-evaluation';
import { runComparison, type ComparisonRun } from '../../src/taskpane/run-comparison';
import { SAMPLE_RULE_FILES } from '../../src/taskpane/samples';

const ROOT = path.resolve(__dirname, '..', '..');
const AS_OF = '2027-06-30';

/** Samples in the order given (the pane passes them in the order of its list). */
function samples(...keys: string[]): CompareCandidate[] {
  const list = compareCandidates({ status: 'none' });
  return keys.map((key) => {
    const found = list.find((c) => c.id === key);
    if (found === undefined) throw new Error(`no sample ${key}`);
    return found;
  });
}

/** A workbook holding a CSV fixture as Excel shows it with text columns: the reader's table, cell for cell. */
async function workbookOf(fixture: string, sheet: string): Promise<MemoryWorkbook> {
  const values = (await readTableFromFile(fixture)).table.values as HostCellValue[][];
  return new MemoryWorkbook().addSheet(sheet).setCells(sheet, 'A1', values);
}

/** `credit-cover compare FIXTURE --rules … --as-of … --json` */
async function cliCompare(fixture: string, keys: string[]): Promise<ComparisonReport> {
  const folder = mkdtempSync(path.join(tmpdir(), 'credit-cover-compare-'));
  try {
    const json = path.join(folder, 'compare.json');
    const rules = keys.flatMap((key) => ['--rules', path.join(ROOT, 'rules', `${key}.json`)]);
    const io = { out: () => undefined, err: (line: string) => console.error(line) };
    expect(await main(['compare', fixture, ...rules, '--as-of', AS_OF, '--json', json], io)).toBe(0);
    return JSON.parse(readFileSync(json, 'utf8')) as ComparisonReport;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The report as JSON, without where each rule file came from (a path for the CLI, a file name in the pane). */
function withoutSources(report: ComparisonReport): unknown {
  const copy = JSON.parse(JSON.stringify(report)) as ComparisonReport;
  for (const p of copy.policies) p.source = null;
  return copy;
}

describe('runComparison', () => {
  it.each([
    ['an invoice ledger', 'ledger-fr.csv', ['fr-pme-globale', 'strict']],
    ['an aged balance by bucket', 'balance-agee-fr.csv', ['fr-pme-globale', 'strict', 'export-monde']],
    ['named limits', 'ledger-limites.csv', ['strict', 'export-monde', 'fr-pme-globale']],
  ])('gives, for %s, the report of `compare --json` for the same file', async (_, file, keys) => {
    const fixture = path.join(ROOT, 'test', 'fixtures', file);
    const workbook = await workbookOf(fixture, 'Ledger');
    const phases: ComparePhase[] = [];
    const [cli, run] = await Promise.all([
      cliCompare(fixture, keys),
      runComparison({
        host: demoHost(workbook),
        sheetName: 'Ledger',
        overrides: {},
        policies: samples(...keys),
        asOf: AS_OF,
        onProgress: (phase) => phases.push(phase),
      }),
    ]);
    expect(run.report.policies.map((p) => p.source)).toEqual(keys.map((k) => `${k}.json`));
    expect(withoutSources(run.report)).toEqual(withoutSources(cli));
    expect(run).toMatchObject({ sheetName: 'Ledger', asOf: AS_OF });
    expect(phases).toEqual(['reading', ...keys.map(() => 'evaluating'), 'comparing']);
  });

  it('writes nothing into the workbook', async () => {
    const workbook = demoWorkbook();
    const before = {
      sheets: workbook.sheetNames(),
      cells: workbook.values(DEMO_SHEET, workbook.usedRange(DEMO_SHEET) as string),
    };
    await runComparison({
      host: demoHost(workbook),
      sheetName: DEMO_SHEET,
      overrides: {},
      policies: samples('fr-pme-globale', 'export-monde', 'strict'),
      asOf: DEMO_AS_OF,
    });
    expect(workbook.sheetNames()).toEqual(before.sheets);
    expect(workbook.values(DEMO_SHEET, workbook.usedRange(DEMO_SHEET) as string)).toEqual(before.cells);
    expect(workbook.setting('credit-cover.policy')).toBeUndefined();
  });

  it('compares the Evaluate tab’s own rule file as A, before the samples', async () => {
    const json = JSON.parse(JSON.stringify(SAMPLE_RULE_FILES.find((s) => s.key === 'strict')?.json)) as Record<
      string,
      unknown
    >;
    (json.policy as Record<string, unknown>).id = 'CLIENT-2027';
    delete json.cost;
    const outcome = ruleFileFromJson(json);
    if (!outcome.ok) throw new Error(outcome.errors.join('; '));
    const list = compareCandidates({ status: 'valid', source: 'file', name: 'client.json', file: outcome.file });
    const run = await runComparison({
      host: demoHost(demoWorkbook()),
      sheetName: DEMO_SHEET,
      overrides: {},
      policies: pickedCandidates(list, ['fr-pme-globale', LOADED_ID]),
      asOf: DEMO_AS_OF,
    });
    expect(run.report.policies.map((p) => [p.key, p.id, p.source, p.costProblem])).toEqual([
      ['A', 'CLIENT-2027', 'client.json', 'no-cost-terms'],
      ['B', 'FR-PME-2027-0042', 'fr-pme-globale.json', null],
    ]);
  });

  it('applies the column corrections of the Evaluate tab', async () => {
    const workbook = demoWorkbook();
    // "Montant TTC" (the invoiced amount) read as the open amount: the partly paid invoice counts in full.
    const corrected = await runComparison({
      host: demoHost(workbook),
      sheetName: DEMO_SHEET,
      overrides: { open: 'Montant TTC' },
      policies: samples('fr-pme-globale', 'strict'),
      asOf: DEMO_AS_OF,
    });
    const plain = await runComparison({
      host: demoHost(workbook),
      sheetName: DEMO_SHEET,
      overrides: {},
      policies: samples('fr-pme-globale', 'strict'),
      asOf: DEMO_AS_OF,
    });
    expect(corrected.report.policies[0].totals.open - plain.report.policies[0].totals.open).toBe(2700);
  });

  it('fails with the reader’s reasons on a sheet without a ledger, and with the broker’s on two currencies', async () => {
    const workbook = demoWorkbook();
    const request = { host: demoHost(workbook), overrides: {}, asOf: DEMO_AS_OF };
    const noLedger = runComparison({
      ...request,
      sheetName: 'Lisez-moi',
      policies: samples('strict', 'fr-pme-globale'),
    });
    await expect(noLedger).rejects.toBeInstanceOf(NoLedgerError);
    const error = await runComparison({
      ...request,
      sheetName: DEMO_SHEET,
      policies: samples('strict', 'ibm-sample-us'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CompareError);
    expect(describeError(error, LABELS.en).message).toMatch(/policy B is in USD and policy A in EUR/);
    await expect(
      runComparison({
        ...request,
        sheetName: DEMO_SHEET,
        asOf: '30/06/2027',
        policies: samples('strict', 'fr-pme-globale'),
      }),
    ).rejects.toThrow('YYYY-MM-DD');
  });
});

describe('what the Compare tab shows of a report', () => {
  let run: ComparisonRun;
  beforeAll(async () => {
    run = await runComparison({
      host: demoHost(demoWorkbook()),
      sheetName: DEMO_SHEET,
      overrides: {},
      policies: samples('fr-pme-globale', 'export-monde', 'strict'),
      asOf: DEMO_AS_OF,
    });
  });

  it('lays the figures out side by side, as `compare` prints them', () => {
    const { report } = run;
    const fr = LABELS.fr;
    const groups = figureGroups(report, fr);
    const rows = groups.flatMap((g) => g.rows);
    expect(rows.map((r) => r.id)).toEqual([
      'covered',
      'uninsured',
      'overLimit',
      ...report.excludedReasons.map((r) => `excluded:${r}`),
      'potentialIndemnity',
      'annualCost',
      'net:base',
      'net:stressed',
    ]);
    expect(groups.map((g) => g.heading)).toEqual([null, fr.excludedHeading, null, fr.expectedNetHeading]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const totals = report.policies.map((p) => p.totals);
    expect(byId.get('covered')?.values).toEqual(totals.map((t) => t.covered));
    expect(byId.get('uninsured')?.values).toEqual(totals.map((t) => t.uninsured));
    expect(byId.get('overLimit')?.values).toEqual(totals.map((t) => t.overLimit));
    expect(byId.get('potentialIndemnity')?.values).toEqual(totals.map((t) => t.portfolioIndemnity));
    expect(byId.get('annualCost')?.values).toEqual(report.policies.map((p) => p.cost?.total));
    for (const reason of report.excludedReasons) {
      const row = byId.get(`excluded:${reason}`);
      expect(row?.label).toBe(reasonText(reason, 'fr'));
      expect(row?.values).toEqual(totals.map((t) => t.excludedByReason[reason] ?? 0));
    }
    const net = (k: number) => report.scenarios.policies.map((p) => p.outcomes[k].horizons[0].net);
    expect(byId.get('net:base')).toMatchObject({ label: 'Année normale', values: net(0), grouped: true });
    expect(byId.get('net:stressed')).toMatchObject({ label: 'Année de crise', values: net(1), grouped: true });
    expect(figureGroups(report, LABELS.en).flatMap((g) => g.rows)[0].label).toBe('Covered');
  });

  it('says why a cost or a net figure is missing', () => {
    const report = JSON.parse(JSON.stringify(run.report)) as ComparisonReport;
    report.policies[1].cost = null;
    report.policies[1].costProblem = 'no-turnover';
    for (const outcome of report.scenarios.policies[1].outcomes) outcome.horizons[0].net = null;
    const rows = new Map(figureGroups(report, LABELS.en).flatMap((g) => g.rows.map((r) => [r.id, r])));
    expect(rows.get('annualCost')).toMatchObject({
      values: [report.policies[0].cost?.total, null, report.policies[2].cost?.total],
      notes: [null, 'no turnover', null],
    });
    expect(rows.get('net:base')?.notes).toEqual([null, 'no turnover', null]);
  });

  it('draws covered and uninsured to one scale', () => {
    const bars = coverBars(run.report);
    expect(bars.map((b) => b.key)).toEqual(['A', 'B', 'C']);
    const widest = Math.max(...run.report.policies.map((p) => p.totals.covered + p.totals.uninsured));
    bars.forEach((bar, i) => {
      const { covered, uninsured } = run.report.policies[i].totals;
      expect(bar).toMatchObject({ covered, uninsured });
      expect(bar.coveredShare).toBeCloseTo(covered / widest, 12);
      expect(bar.uninsuredShare).toBeCloseTo(uninsured / widest, 12);
    });
    expect(Math.max(...bars.map((b) => b.coveredShare + b.uninsuredShare))).toBeCloseTo(1, 12);
    const empty = JSON.parse(JSON.stringify(run.report)) as ComparisonReport;
    for (const p of empty.policies) Object.assign(p.totals, { covered: 0, uninsured: -5 });
    expect(coverBars(empty).map((b) => [b.coveredShare, b.uninsuredShare])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('lists the 10 buyers with the largest gap, each reason in the pane’s language against A', () => {
    const { report } = run;
    expect(report.buyers.length).toBeGreaterThan(BUYERS_SHOWN);
    for (const lang of ['fr', 'en'] as const) {
      const buyers = differingBuyers(report, lang);
      expect(buyers.map((b) => b.buyerId)).toEqual(report.buyers.slice(0, BUYERS_SHOWN).map((b) => b.buyerId));
      const [first] = buyers;
      const source = report.buyers[0];
      expect(first.covered).toEqual(report.policies.map((p, i) => ({ key: p.key, amount: source.covered[i] })));
      expect(first.reasons).toEqual(
        source.differences.flatMap((d, i) =>
          d === null
            ? []
            : [{ key: report.policies[i].key, text: differenceText(d, 'A', report.policies[i].key, lang) }],
        ),
      );
      expect(first.reasons.length).toBeGreaterThan(0);
    }
    expect(differingBuyers(report, 'en', 3)).toHaveLength(3);
  });
});
