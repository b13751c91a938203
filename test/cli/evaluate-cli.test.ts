/**
 * The command line end to end: real files in, JSON and annotated workbook out, one clear line on bad input.
 * Expected figures are worked out by hand from DOMAIN.md and rules/fr-pme-globale.json in the comments.
 */
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli';
import type { Evaluation } from '../../src/domain';
import { tempDirs } from '../helpers/temp-dirs';

const root = path.resolve(__dirname, '../..');
const fixture = (name: string) => path.join(root, 'test/fixtures', name);
const FR_RULES = path.join(root, 'rules/fr-pme-globale.json');

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const tmp = tempDirs('cc-cli-');

describe('evaluate on the French CSV fixture', () => {
  const dir = tmp();
  const json = path.join(dir, 'result.json');
  // A folder that does not exist yet: the command creates it.
  const out = path.join(dir, 'new-folder', 'annotated.xlsx');
  let run: Awaited<ReturnType<typeof cli>>;
  let result: Evaluation;

  beforeAll(async () => {
    run = await cli(
      'evaluate',
      fixture('ledger-fr.csv'),
      '--rules',
      FR_RULES,
      '--as-of',
      '2027-06-30',
      '--json',
      json,
      '--out',
      out,
      '--lang',
      'en',
    );
    result = JSON.parse(readFileSync(json, 'utf8')) as Evaluation;
  });

  test('exits 0 and prints the row identity', () => {
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    // Rows 5–14: 6 items, 3 skipped (subtotal, empty, grand total), 1 reported (31/02/2027).
    expect(run.out).toContain('Rows: 10 read = 6 evaluated + 3 skipped + 1 reported');
  });

  test('each row as worked out by hand', () => {
    const by = Object.fromEntries(result.invoices.map((i) => [i.invoiceNo, i]));
    // AV −300 goes to Dupont's oldest due date (F-001, 16/03): 1234.56 → 934.56. Issued 15/01, before
    // 01/01 + 30 days of carence; 106 days overdue > 60 undeclared.
    expect(by['F-2027-001']).toMatchObject({
      open: 934.56,
      status: 'excluded',
      reasons: ['carence', 'declaration-late'],
    });
    expect(by['F-2027-014']).toMatchObject({ open: 1200, status: 'excluded', reasons: ['disputed'] });
    expect(by['AV-2027-003']).toMatchObject({ open: 0, status: 'credit' });
    // 12,000 TTC → 10,000 HT; discretionary limit 7,500 at 70 % → covered 5,250, uninsured 6,750.
    expect(by['F-2027-020']).toMatchObject({ status: 'partial', insured: 7500, covered: 5250, uninsured: 6750 });
    // Durand: the credit (1 000,00) finds no positive invoice (F-031 is at 0,00): both credits.
    expect(by['F-2027-030']).toMatchObject({ open: -1000, status: 'credit', uninsured: -1000 });
    expect(by['F-2027-031']).toMatchObject({ open: 0, status: 'credit' });
    expect(result.totals).toMatchObject({ open: 13134.56, covered: 5250, uninsured: 7884.56, claims: 0 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ row: 11, column: 'Échéance' }),
    ]);
    expect(result.policy).toMatchObject({ id: 'FR-PME-2027-0042', version: '1.1.0' });
    expect(result.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('the annotated workbook holds the same figures as the JSON', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0];
    const header = sheet.getRow(4).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    expect(col('Covered')).toBeGreaterThan(10);
    for (const inv of result.invoices) {
      const row = sheet.getRow(inv.row);
      expect(row.getCell(col('Covered')).value).toBe(inv.covered);
      expect(row.getCell(col('Uninsured')).value).toBe(inv.uninsured);
    }
    // The user's cells are untouched: the SIREN keeps its leading zero.
    expect(sheet.getCell('A5').value).toBe('012345678');
    expect(wb.getWorksheet('credit-cover')).toBeDefined();
  });
});

describe('one clear line and a non-zero exit on unusable input', () => {
  const dir = tmp();
  const empty = path.join(dir, 'empty.csv');
  writeFileSync(empty, '');
  const pdf = path.join(dir, 'report.xlsx');
  writeFileSync(pdf, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
  const corrupt = path.join(dir, 'corrupt.xlsx');
  const encrypted = path.join(dir, 'locked.xlsx');
  writeFileSync(
    encrypted,
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]),
  );
  const noHeader = path.join(dir, 'no-header.csv');
  writeFileSync(noHeader, 'a;b;c\n1;2;3\n4;5;6\n');
  const badRules = path.join(dir, 'bad.json');
  writeFileSync(badRules, JSON.stringify({ format: 'credit-cover/rules@1', policy: { id: 'X' } }));

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Balance').addRow(['Code client', 'Solde']);
    const good = path.join(dir, 'good.xlsx');
    await wb.xlsx.writeFile(good);
    const bytes = readFileSync(good);
    writeFileSync(corrupt, bytes.subarray(0, Math.floor(bytes.length / 2)));
    copyFileSync(good, path.join(dir, 'sheets.xlsx'));
  });

  test.each([
    ['a missing file', () => ['evaluate', path.join(dir, 'nope.csv'), '--rules', FR_RULES], /nope\.csv/],
    ['an empty file', () => ['evaluate', empty, '--rules', FR_RULES], /empty/i],
    ['not a spreadsheet', () => ['evaluate', pdf, '--rules', FR_RULES], /not a spreadsheet|PDF/i],
    ['a corrupt .xlsx', () => ['evaluate', corrupt, '--rules', FR_RULES], /corrupt|damaged|truncated/i],
    ['a password-protected .xlsx', () => ['evaluate', encrypted, '--rules', FR_RULES], /password|encrypted/i],
    ['no recognisable header', () => ['evaluate', noHeader, '--rules', FR_RULES], /header/i],
    [
      'an unknown --sheet',
      () => ['evaluate', path.join(dir, 'sheets.xlsx'), '--rules', FR_RULES, '--sheet', 'Nope'],
      /Nope.*Balance|Balance.*Nope/,
    ],
    [
      'a rule file that does not validate',
      () => ['evaluate', fixture('ledger-fr.csv'), '--rules', badRules],
      /does not validate/,
    ],
    [
      'a bad --as-of',
      () => ['evaluate', fixture('ledger-fr.csv'), '--rules', FR_RULES, '--as-of', '30/06/2027'],
      /YYYY-MM-DD/,
    ],
  ])('%s', async (_name, args, message) => {
    const run = await cli(...args());
    expect(run.code).not.toBe(0);
    const last = run.err[run.err.length - 1];
    expect(last).toMatch(/^credit-cover: /);
    expect(last).toMatch(message);
    // One line each, never a stack trace.
    expect(run.err.join('\n')).not.toMatch(/\n\s+at /);
  });

  test('the output never replaces the input', async () => {
    const csv = path.join(dir, 'in.csv');
    copyFileSync(fixture('ledger-fr.csv'), csv);
    const run = await cli('evaluate', csv, '--rules', FR_RULES, '--as-of', '2027-06-30', '--json', csv);
    expect(run.code).not.toBe(0);
    expect(run.err.join('\n')).toMatch(/input file/);
    expect(readFileSync(csv)).toEqual(readFileSync(fixture('ledger-fr.csv')));
  });
});

describe('validate', () => {
  test('the sample rule files validate', async () => {
    const files = ['fr-pme-globale', 'export-monde', 'strict', 'ibm-sample-us'].map((f) =>
      path.join('rules', `${f}.json`),
    );
    const run = await cli('validate', ...files.map((f) => path.join(root, f)));
    expect(run.code).toBe(0);
    expect(run.out).toHaveLength(4);
    for (const line of run.out)
      expect(line).toMatch(/^OK .*\.json \([A-Z0-9-]+, \d+\.\d+\.\d+, sha256:[0-9a-f]{64}\)$/);
  });

  test('errors one per line with their JSON pointer, exit 1', async () => {
    const dir = tmp();
    const bad = path.join(dir, 'pays.json');
    const good = JSON.parse(readFileSync(FR_RULES, 'utf8'));
    good.rules[3].conditions.all[0].fact = 'pays';
    writeFileSync(bad, JSON.stringify(good, null, 2));
    const run = await cli('validate', bad);
    expect(run.code).toBe(1);
    expect(run.err.some((l) => l.includes('pays.json: rules/3/conditions/all/0/fact: unknown fact "pays"'))).toBe(true);
  });
});

test('npx credit-cover runs through the package bin', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [
    path.join(root, 'bin/credit-cover.js'),
    'validate',
    FR_RULES,
  ]);
  expect(stdout).toMatch(/^OK .*fr-pme-globale\.json \(FR-PME-2027-0042, 1\.1\.0, sha256:/);
}, 30000);
