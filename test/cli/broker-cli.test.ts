/**
 * The broker's commands end to end: compare (text, JSON, workbook with native charts), diff (exit
 * codes like diff's) and limits import (the CSV fixture of an insurer's export). Expected figures
 * are worked out by hand in the comments, from DOMAIN.md and the sample rule files.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { copyFileSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ComparisonReport } from '../../src/broker';
import { main } from '../../src/cli';
import { loadRuleFile, type RuleFileJson } from '../../src/rules';
import { tempDirs } from '../helpers/temp-dirs';

const root = path.resolve(__dirname, '../..');
const fixture = (name: string) => path.join(root, 'test/fixtures', name);
const rules = (name: string) => path.join(root, 'rules', name);
const tmp = tempDirs('cc-broker-');

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/*
 * test/fixtures/ledger-fr.csv as of 2027-06-30 (evaluate-cli.test.ts works every row out):
 *   Dupont 012345678: F-001 934.56 after the credit, 106 days overdue (91-120), excluded (carence in
 *     both policies: issued 01-15, before 01-01 + 30 and + 60); F-014 1,200, 41 days overdue (31-60),
 *     disputed. Martin 552100554: F-020 12,000 TTC = 10,000 HT, due 06-30 (not due). Durand: credits.
 *   A = fr-pme-globale: Martin discretionary 7,500 × 70 % = 5,250 covered.
 *   B = strict: Martin discretionary 2,000 × 50 % = 1,000 covered; 2,000 < minimum claim 2,500.
 * Base scenario (defaults): notDue 0.5 %, 31-60 3 %, 91-120 15 %; recovery 20 %.
 *   Expected loss: 12,000 × 0.5 % + 1,200 × 3 % + 934.56 × 15 % = 60 + 36 + 140.18 = 236.18 (both).
 *   A: indemnity 0.5 % × 5,250 = 26.25; uninsured 209.93; recoveries 0.5 % × 10,000 × 20 % = 10,
 *      commission 10 % = 1.00; cost 14,680; net 26.25 − 14,680 − 1 = −14,654.75.
 *   B: indemnity 0 (claim below the minimum); uninsured 236.18; commission 15 % × 10 = 1.50;
 *      cost 9,585; net −9,586.50.
 */
describe('compare on the French CSV fixture, fr-pme-globale vs strict', () => {
  const dir = tmp();
  const json = path.join(dir, 'compare.json');
  const out = path.join(dir, 'sub', 'compare.xlsx');
  let run: Awaited<ReturnType<typeof cli>>;
  let report: ComparisonReport;

  beforeAll(async () => {
    run = await cli(
      'compare',
      fixture('ledger-fr.csv'),
      '--rules',
      rules('fr-pme-globale.json'),
      '--rules',
      rules('strict.json'),
      '--as-of',
      '2027-06-30',
      '--monte-carlo',
      '2000',
      '--seed',
      '11',
      '--json',
      json,
      '--out',
      out,
      '--lang',
      'en',
    );
    report = JSON.parse(readFileSync(json, 'utf8')) as ComparisonReport;
  }, 60000);

  test('exits 0 and prints the side-by-side table and the differing buyer', () => {
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const line = (label: string) =>
      run.out
        .find((l) => l.trimStart().startsWith(label))
        ?.replace(/\s+/g, ' ')
        .trim();
    expect(line('Covered')).toBe('Covered €5,250.00 €1,000.00');
    expect(line('Uninsured')).toBe('Uninsured €7,884.56 €12,134.56');
    expect(line('Annual cost')).toBe('Annual cost (premium + fees) €14,680.00 €9,585.00');
    expect(line('Net')).toBe('Net (indemnity − cost − commission) -€14,654.75 -€9,586.50');
    expect(run.out).toContain('Buyers whose cover differs: 1 of 3');
    expect(run.out.some((l) => l.includes('552100554') && l.endsWith('B: limit 7,500 vs 2,000'))).toBe(true);
  });

  test('the JSON: totals, costs, the difference and the base scenario as worked out above', () => {
    expect(report.format).toBe('credit-cover/comparison@1');
    expect(report.policies.map((p) => [p.key, p.id, p.version, p.totals.covered, p.cost?.total])).toEqual([
      ['A', 'FR-PME-2027-0042', '1.1.0', 5250, 14680],
      ['B', 'FR-STRICT-2027-0009', '1.1.0', 1000, 9585],
    ]);
    expect(report.buyers).toEqual([
      expect.objectContaining({
        buyerId: '552100554',
        covered: [5250, 1000],
        limit: [7500, 2000],
        differences: [null, { kind: 'limit', a: 7500, b: 2000, kindA: 'discretionary', kindB: 'discretionary' }],
      }),
    ]);
    const base = (i: number) => report.scenarios.policies[i].outcomes[0].horizons[0];
    expect(base(0)).toMatchObject({
      expectedLoss: 236.18,
      expectedIndemnity: 26.25,
      expectedUninsuredLoss: 209.93,
      expectedRecoveryCommission: 1,
      cost: 14680,
      net: -14654.75,
    });
    expect(base(1)).toMatchObject({ expectedIndemnity: 0, expectedUninsuredLoss: 236.18, net: -9586.5 });
    expect(report.scenarios.monteCarlo).toEqual({ runs: 2000, seed: 11 });
    // The same draws for both: B pays nothing, so its uninsured loss is the whole loss, never less than A's.
    const mc = (i: number) => base(i).monteCarlo as NonNullable<ReturnType<typeof base>['monteCarlo']>;
    expect(mc(0).meanLoss).toBe(mc(1).meanLoss);
    expect(mc(1).meanUninsuredLoss).toBeGreaterThanOrEqual(mc(0).meanUninsuredLoss);
  });

  test('the workbook: the side-by-side table, the buyers and the scenarios, read back with ExcelJS', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Comparison', 'Buyers', 'Scenarios']);
    const cmp = wb.getWorksheet('Comparison') as ExcelJS.Worksheet;
    const rowOf = (ws: ExcelJS.Worksheet, label: string): number => {
      for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return r;
      throw new Error(`no row ${label}`);
    };
    expect(cmp.getRow(5).values).toEqual([undefined, 'Figure', 'A', 'B']);
    expect([cmp.getCell(rowOf(cmp, 'Policy'), 2).value, cmp.getCell(rowOf(cmp, 'Policy'), 3).value]).toEqual([
      'FR-PME-2027-0042',
      'FR-STRICT-2027-0009',
    ]);
    const covered = rowOf(cmp, 'Covered');
    expect([cmp.getCell(covered, 2).value, cmp.getCell(covered, 3).value]).toEqual([5250, 1000]);
    expect(cmp.getCell(covered, 2).numFmt).toBe('#,##0.00 "€"');
    const cost = rowOf(cmp, 'Annual cost (premium + fees)');
    expect([cmp.getCell(cost, 2).value, cmp.getCell(cost, 3).value]).toEqual([14680, 9585]);

    const buyers = wb.getWorksheet('Buyers') as ExcelJS.Worksheet;
    expect(buyers.getRow(5).values).toEqual([
      undefined,
      'Buyer',
      'Name',
      'Open (incl. VAT)',
      'Covered A',
      'Covered B',
      'Limit A',
      'Limit B',
      'Why B',
    ]);
    expect(buyers.getRow(6).values).toEqual([
      undefined,
      '552100554',
      'Martin & Fils',
      12000,
      5250,
      1000,
      7500,
      2000,
      'limit 7,500 vs 2,000',
    ]);

    const sc = wb.getWorksheet('Scenarios') as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    sc.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 10)));
    expect(rows).toContainEqual(['A · FR-PME-2027-0042', 'base', 1, 14680, 236.18, 26.25, 209.93, 1, -14654.75]);
    expect(rows).toContainEqual(['B · FR-STRICT-2027-0009', 'base', 3, 28755, 708.54, 0, 708.54, 4.5, -28759.5]);
  });

  test('the workbook carries native charts: one on Comparison, two on Scenarios (with the Monte Carlo)', async () => {
    const zip = await JSZip.loadAsync(readFileSync(out));
    const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts.sort()).toEqual(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/charts/chart3.xml']);
    const types = await (zip.file('[Content_Types].xml') as JSZip.JSZipObject).async('string');
    for (const c of charts) expect(types).toContain(`PartName="/${c}"`);
    const chart1 = await (zip.file('xl/charts/chart1.xml') as JSZip.JSZipObject).async('string');
    expect(chart1).toContain('<c:barChart>');
    expect(chart1).toContain('Covered, uninsured and potential indemnity by policy');
    expect(chart1).toContain('<c:f>&apos;Comparison&apos;!$E$14:$E$15</c:f>');
    const drawings = Object.keys(zip.files).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    const anchors = await Promise.all(
      drawings.map(
        async (d) =>
          ((await (zip.file(d) as JSZip.JSZipObject).async('string')).match(/<xdr:twoCellAnchor/g) ?? []).length,
      ),
    );
    expect(anchors.sort()).toEqual([1, 2]);
  });
});

describe('compare: usage and input errors', () => {
  test('one rule file is a usage error (exit 2)', async () => {
    const r = await cli('compare', fixture('ledger-fr.csv'), '--rules', rules('strict.json'), '--as-of', '2027-06-30');
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['credit-cover: compare needs at least two rule files: --rules A.json --rules B.json']);
  });

  test('policies in two currencies cannot be compared (exit 1, one line)', async () => {
    const r = await cli(
      'compare',
      fixture('ledger-fr.csv'),
      '--rules',
      rules('fr-pme-globale.json'),
      '--rules',
      rules('ibm-sample-us.json'),
      '--as-of',
      '2027-06-30',
    );
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      'credit-cover: policy B is in USD and policy A in EUR: amounts in two currencies cannot be compared side by side',
    ]);
  });

  test('--years out of range, a bad --turnover, an invalid scenario file', async () => {
    const base = [
      'compare',
      fixture('ledger-fr.csv'),
      '--rules',
      rules('fr-pme-globale.json'),
      '--rules',
      rules('strict.json'),
    ];
    expect((await cli(...base, '--years', '4')).err).toEqual([
      'credit-cover: --years must be a whole number from 1 to 3, not "4"',
    ]);
    expect((await cli(...base, '--turnover', '4,5 M')).code).toBe(2);
    const bad = path.join(tmp(), 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'credit-cover/scenarios@1', scenarios: [{ name: 'x' }] }));
    const r = await cli(...base, '--scenarios', bad);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${bad}: scenarios/0: missing required field "defaultRatePercent"`,
      `credit-cover: ${bad}: the scenario file does not validate (1 error(s))`,
    ]);
  });

  test('--turnover prices both rate premiums on the client turnover: 3,000,000 × 0.3 % = 9,000 (≥ 9,000)', async () => {
    const json = path.join(tmp(), 'c.json');
    const r = await cli(
      'compare',
      fixture('ledger-fr.csv'),
      '--rules',
      rules('fr-pme-globale.json'),
      '--rules',
      rules('strict.json'),
      '--as-of',
      '2027-06-30',
      '--turnover',
      '3 000 000',
      '--years',
      '1',
      '--json',
      json,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as ComparisonReport;
    // Strict: 3,000,000 × 0.2 % = 6,000 < 7,500: the minimum premium.
    expect(report.policies.map((p) => [p.cost?.premium, p.cost?.minimumApplied])).toEqual([
      [9000, false],
      [7500, true],
    ]);
    expect(report.scenarios.policies[0].outcomes[0].horizons).toHaveLength(1);
  });
});

describe('diff', () => {
  const dir = tmp();
  const changed = path.join(dir, 'v2.json');
  const json = JSON.parse(readFileSync(rules('fr-pme-globale.json'), 'utf8')) as RuleFileJson;
  json.policy.version = '2.0.0';
  json.policy.indemnityPercent.named = 85;
  json.policy.carenceDays = 60;
  (json.limits ?? [])[0].amount = 30000;
  json.fxRates = { USD: 0.92, CHF: 1.04 };
  // The tests that pin the old figures follow them.
  for (const t of json.tests ?? []) {
    if (t.expect.indemnityPercent === 90) t.expect.indemnityPercent = 85;
    if (t.expect.limit === 40000) t.expect.limit = 30000;
    if (t.facts.buyerExposure === 38000) t.facts.buyerExposure = 28000;
  }
  writeFileSync(changed, JSON.stringify(json, null, 2));

  test('identical files: exit 0 and one sentence', async () => {
    const r = await cli('diff', rules('strict.json'), rules('strict.json'), '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      `${rules('strict.json')} and ${rules('strict.json')} are identical (same policy, limits, rates, rules and tests)`,
    ]);
  });

  test('different files: exit 1 and what changed, in French', async () => {
    const r = await cli('diff', rules('fr-pme-globale.json'), changed, '--lang', 'fr');
    expect(r.err).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.out.slice(0, 2)).toEqual([`--- ${rules('fr-pme-globale.json')}`, `+++ ${changed}`]);
    expect(r.out.slice(2)).toEqual([
      'Conditions de la police:',
      '  version: "1.1.0" → "2.0.0"',
      '  indemnityPercent.named: 90 → 85',
      '  carenceDays: 30 → 60',
      'Agréments:',
      '  ~ 054321872: 40 000 (du 2027-01-01, sans date de fin) → 30 000 (du 2027-01-01, sans date de fin)',
      'Cours de change:',
      '  CHF: (absent) → 1,04',
      '  GBP: 1,17 → (absent)',
      'Tests: 20 → 20 (contenu modifié)',
      '7 changement(s)',
    ]);
  });

  test('in English', async () => {
    const r = await cli('diff', rules('fr-pme-globale.json'), changed, '--lang', 'en');
    expect(r.out).toContain('Named limits:');
    expect(r.out).toContain(
      '  ~ 054321872: 40,000 (from 2027-01-01, open-ended) → 30,000 (from 2027-01-01, open-ended)',
    );
  });

  test('a missing or invalid file: exit 2, the errors on stderr', async () => {
    const missing = await cli('diff', rules('strict.json'), path.join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toEqual([`credit-cover: ${path.join(dir, 'nope.json')}: no such file`]);
    const invalid = path.join(dir, 'invalid.json');
    writeFileSync(invalid, '{"format": "credit-cover/rules@1"}');
    const r = await cli('diff', invalid, rules('strict.json'));
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `${invalid}: (file): missing required field "policy"`,
      `credit-cover: ${invalid}: the rule file does not validate (1 error(s))`,
    ]);
    expect(r.out).toEqual([]);
  });
});

/*
 * test/fixtures/limites-assureur.csv (French headers, dd/mm/yyyy, "40 000,00") into fr-pme-globale:
 *   054321872 40,000 from 01-01: unchanged; 25,000 from 07-01: reduced (40,000 ends 06-30).
 *   412369852 20,000 from 05-01: reduced; 30,000 ends 04-30; the new entry ends 06-30, before
 *     the file's 15,000 from 07-01.
 *   441236585 cancelled from 06-01 (no amount): 0; 60,000 ends 05-31.
 *   789456126 refused with 35,000 in force: kept.   556677889 refused, no limit: 0 from 06-01.
 *   112233445 granted 12,500 06-01 → 12-31: new.      321456980 35,000 from 06-15: increased.
 *   Less cover → major: 1.1.0 → 2.0.0. Every embedded test still passes (none is dated after 05-01
 *   for these buyers but 412369852's, whose 15,000 from July stays).
 * test/fixtures/ledger-limites.csv as of 2027-06-30 (TTC, VAT 20 %):
 *   054321872 18,000 + 14,400 TTC = 27,000 HT > 25,000 by 2,000; covered 27,000 × 90 % = 24,300 both
 *     (the reduction acts from 07-01).
 *   441236585 6,000 TTC = 5,000 HT > 0 by 5,000; covered 4,500 → 0 (the 0 limit in force on 06-30).
 *   412369852 12,000 TTC = 10,000 HT within 20,000; covered 9,000 both.
 */
describe('limits import', () => {
  const dir = tmp();
  const out = path.join(dir, 'fr-pme-globale-v2.json');
  let run: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    run = await cli(
      'limits',
      'import',
      fixture('limites-assureur.csv'),
      '--rules',
      rules('fr-pme-globale.json'),
      '--out',
      out,
      '--ledger',
      fixture('ledger-limites.csv'),
      '--as-of',
      '2027-06-30',
      '--lang',
      'en',
    );
  });

  test('exits 0 and reports every decision, the version and the buyers with less cover', () => {
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([
      `8 decision(s) read from ${fixture('limites-assureur.csv')}`,
      '  054321872: €40,000.00 from 2027-01-01 (unchanged)',
      "  412369852: €30,000.00 → €20,000.00 from 2027-05-01 (reduced, ends the day before the file's entry from 2027-07-01)",
      '  441236585: €60,000.00 → €0.00 from 2027-06-01 (cancelled)',
      '  789456126: €35,000.00 from 2027-06-01 (refused: current limit kept)',
      '  112233445: — → €12,500.00 from 2027-06-01 (new limit)',
      '  556677889: — → €0.00 from 2027-06-01 (refused (no named or discretionary cover))',
      '  321456980: €25,000.00 → €35,000.00 from 2027-06-15 (increased)',
      '  054321872: €40,000.00 → €25,000.00 from 2027-07-01 (reduced)',
      'Version 1.1.0 → 2.0.0',
      'Ledger evaluated as of 2027-06-30',
      'Limits reduced or cancelled:',
      '  412369852: reduced from 2027-05-01 — exposure €10,000.00 (excl. VAT) within the new limit €20,000.00; covered at the as-of date €9,000.00 → €9,000.00',
      '  441236585: cancelled from 2027-06-01 — exposure €5,000.00 (excl. VAT) exceeds the new limit €0.00 by €5,000.00; covered at the as-of date €4,500.00 → €0.00',
      '  556677889: refused (no named or discretionary cover) from 2027-06-01 — not in the ledger',
      '  054321872: reduced from 2027-07-01 — exposure €27,000.00 (excl. VAT) exceeds the new limit €25,000.00 by €2,000.00; covered at the as-of date €24,300.00 → €24,300.00',
      `Wrote ${out}`,
    ]);
  });

  test('the new file loads, tests included, with the entries never overlapping', () => {
    const loaded = loadRuleFile(readFileSync(out, 'utf8'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.json.policy.version).toBe('2.0.0');
    const of = (buyer: string) =>
      (loaded.json.limits ?? []).filter((l) => l.buyer === buyer).map((l) => [l.amount, l.validFrom, l.validTo]);
    expect(of('054321872')).toEqual([
      [40000, '2027-01-01', '2027-06-30'],
      [25000, '2027-07-01', null],
    ]);
    expect(of('412369852')).toEqual([
      [30000, '2027-01-01', '2027-04-30'],
      [20000, '2027-05-01', '2027-06-30'],
      [15000, '2027-07-01', null],
    ]);
    expect(of('556677889')).toEqual([[0, '2027-06-01', null]]);
    const added = (loaded.json.limits ?? []).find((l) => l.buyer === '112233445');
    expect(added).toEqual({
      buyer: '112233445',
      amount: 12500,
      validFrom: '2027-06-01',
      validTo: '2027-12-31',
      note: 'Nouvelle Boulangerie SARL – D-2027-0125 – Accordé',
    });
  });

  test('importing the same export again changes nothing: same version, and diff says identical', async () => {
    const again = path.join(dir, 'again.json');
    const r = await cli(
      'limits',
      'import',
      fixture('limites-assureur.csv'),
      '--rules',
      out,
      '--out',
      again,
      '--lang',
      'en',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('No limit changes: the version is unchanged');
    expect((await cli('diff', out, again)).code).toBe(0);
  });

  test('an unreadable export: every problem with its row and column, exit 1, nothing written', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        'Buyer ID;Buyer name;Amount;Valid from;Valid to;Decision',
        '054321872;Martin;25,000.00;2027-07-01;;maybe',
        ';Nobody;1,000.00;2027-07-01;;granted',
        '321456980;Lefèvre;abc;2027-13-01;;reduced',
      ].join('\n'),
    );
    const target = path.join(dir, 'never.json');
    const r = await cli('limits', 'import', bad, '--rules', rules('fr-pme-globale.json'), '--out', target);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${bad}: row 2, column F (Decision): "maybe" is not a decision; expected accordé, réduit, résilié, refusé (or granted, reduced, cancelled, refused)`,
      `${bad}: row 3, column A (Buyer ID): no buyer id`,
      `${bad}: row 4, column C (Amount): "abc" is not an amount`,
      `${bad}: row 4, column D (Valid from): "2027-13-01" is not a date`,
      `credit-cover: ${bad}: the limit export cannot be imported (4 problem(s))`,
    ]);
    expect(existsSync(target)).toBe(false);
  });

  test('a result that breaks an embedded test is not written', async () => {
    // 054321872's test expects 40,000 as of the policy start: an import from 2027-01-01 changes it.
    const early = path.join(dir, 'early.csv');
    writeFileSync(early, "Code acheteur;Montant agréé;Date d'effet;Décision\n054321872;30 000;01/01/2027;réduit\n");
    const target = path.join(dir, 'never2.json');
    const r = await cli('limits', 'import', early, '--rules', rules('fr-pme-globale.json'), '--out', target);
    expect(r.code).toBe(1);
    expect(r.err.at(-1)).toMatch(/the updated rule file would not validate \(\d+ error\(s\)\); nothing written/);
    expect(r.err[0]).toMatch(/tests\/6: test "agrément de 40 000 €/);
    expect(existsSync(target)).toBe(false);
  });

  test('an .xlsx export with English headers, real dates and numbers, below a title', async () => {
    const xlsx = path.join(dir, 'limits.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Decisions');
    ws.addRow(['Credit limit decisions, June 2027']);
    ws.addRow([]);
    ws.addRow(['Buyer ID', 'Buyer name', 'Amount', 'Valid from', 'Valid to', 'Decision']);
    ws.addRow(['321456980', 'Transports Lefèvre', 35000, new Date(Date.UTC(2027, 5, 15)), null, 'Granted']);
    ws.addRow(['523698744', 'Imprimerie Rousseau', 0, new Date(Date.UTC(2027, 3, 15)), null, 'Cancelled']);
    await wb.xlsx.writeFile(xlsx);
    const target = path.join(dir, 'from-xlsx.json');
    const r = await cli(
      'limits',
      'import',
      xlsx,
      '--rules',
      rules('fr-pme-globale.json'),
      '--out',
      target,
      '--lang',
      'en',
    );
    expect(r.err).toEqual([]);
    // 523698744 already has 0 from 2027-04-15: unchanged. 321456980 goes up: minor, 1.1.0 → 1.2.0.
    expect(r.out.slice(1, 4)).toEqual([
      '  523698744: €0.00 from 2027-04-15 (unchanged)',
      '  321456980: €25,000.00 → €35,000.00 from 2027-06-15 (increased)',
      'Version 1.1.0 → 1.2.0',
    ]);
  });

  test('never writes over its rule file', async () => {
    const r = await cli(
      'limits',
      'import',
      fixture('limites-assureur.csv'),
      '--rules',
      rules('strict.json'),
      '--out',
      rules('strict.json'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`credit-cover: ${rules('strict.json')}: refusing to write over the input file`]);
  });
});

describe('validate also checks scenario files', () => {
  test('the sample scenario file, and a broken one with its pointer', async () => {
    const sample = rules('scenarios/pme-france.json');
    expect((await cli('validate', sample)).out).toEqual([`OK ${sample} (scenarios base, stressed; 3 year(s))`]);
    const bad = path.join(tmp(), 'bad-scenarios.json');
    writeFileSync(bad, readFileSync(sample, 'utf8').replace('"years": 3', '"years": 5'));
    const r = await cli('validate', bad);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`${bad}: years: must be from 1 to 3, got a number 5`]);
  });
});

test('compare --out through a symlinked folder never replaces the ledger', async () => {
  const dir = tmp();
  const ledger = path.join(dir, 'ledger.csv');
  copyFileSync(fixture('ledger-fr.csv'), ledger);
  const link = path.join(tmp(), 'linked');
  symlinkSync(dir, link);
  const before = readFileSync(ledger);
  const r = await cli(
    'compare',
    ledger,
    '--rules',
    rules('fr-pme-globale.json'),
    '--rules',
    rules('strict.json'),
    '--as-of',
    '2027-06-30',
    '--out',
    path.join(link, 'ledger.csv'),
  );
  expect(r.code).not.toBe(0);
  expect(r.err.join('\n')).toMatch(/input file/);
  expect(readFileSync(ledger)).toEqual(before);
});
