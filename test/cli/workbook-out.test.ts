/**
 * Round trips through real .xlsx files: a ledger written with ExcelJS, annotated, read back.
 */
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { evaluate, type Evaluation } from '../../src/domain';
import { SUMMARY_SHEET_NAME } from '../../src/cli/summary-sheet';
import { csvNumber, writeAnnotatedWorkbook } from '../../src/cli/workbook-out';
import { addColumnChart } from '../../src/cli/xlsx-chart';
import { buildExposurePlan, buildSummaryModel, isDateCell, isTextCell, type PlanCell } from '../../src/sheet/output';
import { exposureHeaders } from '../../src/sheet/output-labels';
import type { Cell } from '../../src/sheet/table';
import { day, invoiceLedger, policy } from '../helpers/build';
import {
  AT_NAME,
  FORMULA_NAME,
  invoiceEvaluation,
  largeEvaluation,
  MINUS_ID,
  RULE_REASON,
} from '../sheet/output-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'credit-cover-out-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const LEDGER_HEADERS = ['N° client', 'Nom', 'Facture', 'Date facture', 'Échéance', 'Montant', 'TTC', 'Devise'];
const LEDGER_COLUMNS = LEDGER_HEADERS.length;
/** The exposure columns start right of the ledger's eight: I. */
const FIRST_OUT = LEDGER_COLUMNS + 1;

/** A user's ledger on rows 2..rows+1 (a blank row 10 when it reaches it), a note below, and a second sheet. */
async function writeLedger(file: string, rows = 9, extra?: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Balance');
  ws.addRow(LEDGER_HEADERS);
  for (let r = 2; r <= rows + 1; r++) {
    if (r === 10) continue;
    ws.getCell(r, 1).value = r === 2 ? '0012345' : `B${r}`;
    ws.getCell(r, 2).value = r === 5 ? FORMULA_NAME : `Client ${r}`;
    ws.getCell(r, 3).value = `00${r}`;
    ws.getCell(r, 4).value = new Date(Date.UTC(2027, 4, r));
    ws.getCell(r, 4).numFmt = 'dd/mm/yyyy';
    ws.getCell(r, 5).value = new Date(Date.UTC(2027, 5, r));
    ws.getCell(r, 5).numFmt = 'dd/mm/yyyy';
    ws.getCell(r, 6).value = 100 * r;
    ws.getCell(r, 6).numFmt = '#,##0.00';
    ws.getCell(r, 7).value = { formula: `F${r}*1.2`, result: 120 * r };
    ws.getCell(r, 8).value = 'EUR';
  }
  ws.getCell(rows + 3, 1).value = 'Total hors ligne';
  ws.addConditionalFormatting({
    ref: `F2:F${rows + 1}`,
    rules: [
      {
        type: 'cellIs',
        operator: 'greaterThan',
        formulae: [500],
        priority: 1,
        style: { font: { italic: true } },
      },
    ],
  });
  extra?.(ws);
  wb.addWorksheet('Notes').getCell('A1').value = 'keep me';
  await wb.xlsx.writeFile(file);
}

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

function conditionalFormats(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
}

interface Snapshot {
  value: unknown;
  formula: string | undefined;
  numFmt: string | undefined;
}

function snapshot(ws: ExcelJS.Worksheet, rows: number, columns: number): Snapshot[][] {
  const out: Snapshot[][] = [];
  for (let r = 1; r <= rows; r++) {
    const row: Snapshot[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = ws.getCell(r, c);
      row.push({ value: cell.value, formula: cell.formula, numFmt: cell.numFmt });
    }
    out.push(row);
  }
  return out;
}

/** What an ExcelJS cell should hold for a plan cell. */
function expected(cell: PlanCell): unknown {
  if (isTextCell(cell)) return cell.text;
  if (isDateCell(cell)) return new Date(`${cell.iso}T00:00:00.000Z`);
  return cell;
}

function rowWithLabel(ws: ExcelJS.Worksheet, label: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return r;
  throw new Error(`no row labelled ${label}`);
}

async function zipText(file: string, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const entry = zip.file(part);
  if (!entry) throw new Error(`no ${part}`);
  return entry.async('string');
}

/** The part path of a sheet, through workbook.xml and its rels. */
async function sheetPart(file: string, name: string): Promise<string> {
  const workbook = await zipText(file, 'xl/workbook.xml');
  const rels = await zipText(file, 'xl/_rels/workbook.xml.rels');
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for ${name}`);
  return `xl/${target}`;
}

describe('writeAnnotatedWorkbook on an .xlsx ledger', () => {
  const evaluation = invoiceEvaluation();
  let input: string;
  let output: string;
  let before: Snapshot[][];
  let out: ExcelJS.Workbook;

  beforeAll(async () => {
    input = path.join(dir, 'ledger.xlsx');
    output = path.join(dir, 'ledger.annotated.xlsx');
    await writeLedger(input);
    before = snapshot(sheet(await readBook(input), 'Balance'), 12, LEDGER_COLUMNS);
    await writeAnnotatedWorkbook({
      source: { kind: 'xlsx', path: input, sheetName: 'Balance' },
      evaluation,
      headerRow: 1,
      lastDataRow: 10,
      lang: 'fr',
      outPath: output,
    });
    out = await readBook(output);
  });

  it('leaves every original cell unchanged: value, formula, format', () => {
    const ws = sheet(out, 'Balance');
    expect(snapshot(ws, 12, LEDGER_COLUMNS)).toEqual(before);
    expect(ws.getCell('A2').value).toBe('0012345');
    expect(ws.getCell('G3').formula).toBe('F3*1.2');
    expect(ws.getCell('A12').value).toBe('Total hors ligne');
    expect(sheet(out, 'Notes').getCell('A1').value).toBe('keep me');
  });

  it('writes the exposure columns right of the ledger, bold headers, equal to the evaluation', () => {
    const ws = sheet(out, 'Balance');
    const headers = exposureHeaders('fr').map((_, i) => ws.getCell(1, FIRST_OUT + i));
    expect(headers.map((c) => c.value)).toEqual(exposureHeaders('fr'));
    expect(headers.every((c) => c.font?.bold === true)).toBe(true);
    const plan = buildExposurePlan(evaluation, {
      headerRow: 1,
      firstOutputColumn: FIRST_OUT,
      lastDataRow: 10,
      lang: 'fr',
    });
    plan.rows.forEach((values, i) => {
      values.forEach((value, j) => expect(ws.getCell(2 + i, FIRST_OUT + j).value).toEqual(expected(value)));
    });
    // Spot checks against the evaluation itself, not the plan.
    const row3 = evaluation.invoices.find((l) => l.row === 3);
    expect(ws.getCell('I3').value).toBe('Partiel');
    expect([ws.getCell('K3').value, ws.getCell('L3').value, ws.getCell('M3').value]).toEqual([
      row3?.insured,
      row3?.covered,
      row3?.uninsured,
    ]);
    expect(ws.getCell('N3').value).toEqual(new Date(Date.UTC(2027, 6, 15)));
    expect(ws.getCell('I7').value).toBe('Non lu');
    expect(ws.getCell('P8').value).toBe('Déclarer bientôt');
    expect(ws.getCell('I10').value).toBeNull();
    expect(ws.getCell('I11').value).toBeNull();
    expect(ws.getCell('Q1').value).toBeNull();
  });

  it('sets number formats and widths on the exposure columns', () => {
    const ws = sheet(out, 'Balance');
    expect(['I', 'J', 'K', 'L', 'M', 'N', 'O', 'P'].map((c) => ws.getCell(`${c}2`).numFmt)).toEqual([
      '@',
      '@',
      '#,##0.00 "€"',
      '#,##0.00 "€"',
      '#,##0.00 "€"',
      'dd/mm/yyyy',
      'dd/mm/yyyy',
      '@',
    ]);
    expect(ws.getColumn('J').width).toBeGreaterThan(20);
  });

  it('adds its highlight rules next to the user’s own', () => {
    const cfs = conditionalFormats(sheet(out, 'Balance'));
    expect(cfs.map((cf) => cf.ref)).toEqual(['F2:F10', 'N2:P10', 'I2:J10', 'I2:J10', 'I2:J10', 'I2:J10']);
    const excluded = cfs.find((cf) => cf.rules[0].type === 'expression' && cf.rules[0].formulae?.[0] === '$I2="Exclu"');
    expect(excluded?.rules[0].style?.fill).toMatchObject({ bgColor: { argb: 'FFFFC7CE' } });
    expect(cfs.flatMap((cf) => cf.rules.map((r) => r.priority))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stores formula-looking texts as strings, never as formulas', async () => {
    const ws = sheet(out, 'Balance');
    expect(ws.getCell('J9').value).toBe(RULE_REASON);
    expect(ws.getCell('J9').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B5').value).toBe(FORMULA_NAME);
    const summary = sheet(out, SUMMARY_SHEET_NAME);
    const texts: unknown[] = [];
    summary.eachRow((row) => row.eachCell((cell) => texts.push(cell.value)));
    expect(texts).toEqual(expect.arrayContaining([FORMULA_NAME, AT_NAME, MINUS_ID]));
    // In the file itself: the only <f> elements are the user's own eight formulas.
    const ledgerXml = await zipText(output, await sheetPart(output, 'Balance'));
    expect(ledgerXml.match(/<f>/g)).toHaveLength(8);
    const summaryXml = await zipText(output, await sheetPart(output, SUMMARY_SHEET_NAME));
    expect(summaryXml).not.toMatch(/<f[ >]/);
  });

  it('writes the summary sheet with the evaluation totals and counts', () => {
    const ws = sheet(out, SUMMARY_SHEET_NAME);
    const model = buildSummaryModel(evaluation, 'fr');
    expect(ws.getCell('A1').value).toBe('Synthèse credit-cover');
    for (const item of [...model.totals.items, ...model.counts.items]) {
      expect(ws.getCell(rowWithLabel(ws, item.label), 2).value).toBe(item.value);
    }
    expect(ws.getCell(rowWithLabel(ws, 'Encours'), 2).value).toBe(evaluation.totals.open);
    expect(ws.getCell(rowWithLabel(ws, 'Couvert'), 2).value).toBe(evaluation.totals.covered);
    expect(ws.getCell(rowWithLabel(ws, 'Non couvert'), 2).numFmt).toBe('#,##0.00 "€"');
    expect(ws.getCell(rowWithLabel(ws, 'Date d’arrêté'), 2).value).toEqual(new Date(Date.UTC(2027, 5, 30)));
  });

  it('puts an autofilter on the buyer table, largest uninsured first', () => {
    const ws = sheet(out, SUMMARY_SHEET_NAME);
    const header = rowWithLabel(ws, 'Identifiant');
    expect(ws.autoFilter).toBe(`A${header}:L${header + 3}`);
    expect([1, 2, 3].map((i) => ws.getCell(header + i, 1).value)).toEqual(['B1', 'B2', MINUS_ID]);
    expect(ws.getCell(header + 1, 10).value).toBe(1700);
  });

  it('adds a native column chart that reads the chart data on the summary sheet', async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(output));
    const chart = await zip.file('xl/charts/chart1.xml')?.async('string');
    expect(chart).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(chart).toContain(`<c:f>&apos;credit-cover&apos;!$D$6:$D$11</c:f>`);
    expect(chart).toContain(`<c:f>&apos;credit-cover&apos;!$E$6:$E$11</c:f>`);
    expect(chart).toContain(`<c:f>&apos;credit-cover&apos;!$F$6:$F$11</c:f>`);
    const drawingRels = await zip.file('xl/drawings/_rels/drawing1.xml.rels')?.async('string');
    expect(drawingRels).toContain('Target="../charts/chart1.xml"');
    const part = await sheetPart(output, SUMMARY_SHEET_NAME);
    const name = part.slice(part.lastIndexOf('/') + 1);
    const sheetRels = await zip.file(`xl/worksheets/_rels/${name}.rels`)?.async('string');
    expect(sheetRels).toContain('Target="../drawings/drawing1.xml"');
    const sheetXml = await zip.file(part)?.async('string');
    expect(sheetXml).toMatch(/<drawing r:id="rIdCreditCoverChart"\/>/);
    // CT_Worksheet order: the drawing after the page setup, before anything that must follow it.
    expect(sheetXml?.indexOf('<drawing')).toBeGreaterThan(sheetXml?.indexOf('<pageMargins') ?? Infinity);
    const types = await zip.file('[Content_Types].xml')?.async('string');
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
    // The chart data cells hold the model's figures.
    const ws = sheet(out, SUMMARY_SHEET_NAME);
    const model = buildSummaryModel(evaluation, 'fr');
    expect([6, 7, 8, 9, 10, 11].map((r) => ws.getCell(r, 4).value)).toEqual(model.chart.categories);
    expect([6, 7, 8, 9, 10, 11].map((r) => ws.getCell(r, 6).value)).toEqual(model.chart.series[1].values);
  });

  it('replaces its own columns, highlights and summary on a re-run, in the other language', async () => {
    const rerun = path.join(dir, 'ledger.rerun.xlsx');
    const warnings: string[] = [];
    await writeAnnotatedWorkbook({
      source: { kind: 'xlsx', path: output, sheetName: 'Balance' },
      evaluation,
      headerRow: 1,
      lastDataRow: 10,
      lang: 'en',
      outPath: rerun,
      onWarning: (m) => warnings.push(m),
    });
    const wb = await readBook(rerun);
    const ws = sheet(wb, 'Balance');
    expect(exposureHeaders('en').map((_, i) => ws.getCell(1, FIRST_OUT + i).value)).toEqual(exposureHeaders('en'));
    expect(ws.getCell('Q1').value).toBeNull();
    expect(ws.getCell('I2').value).toBe('Covered');
    expect(ws.getCell('N2').numFmt).toBe('m/d/yyyy');
    expect(snapshot(ws, 12, LEDGER_COLUMNS)).toEqual(before);
    expect(conditionalFormats(ws).map((cf) => cf.ref)).toEqual([
      'F2:F10',
      'N2:P10',
      'I2:J10',
      'I2:J10',
      'I2:J10',
      'I2:J10',
    ]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Balance', 'Notes', SUMMARY_SHEET_NAME]);
    expect(sheet(wb, SUMMARY_SHEET_NAME).getCell('A1').value).toBe('credit-cover summary');
    const zip = await JSZip.loadAsync(await fs.readFile(rerun));
    expect(Object.keys(zip.files).filter((f) => f.startsWith('xl/charts/'))).toEqual(['xl/charts/chart1.xml']);
    // The previous run's chart is redrawn, so nothing the user made is lost: no warning.
    expect(warnings).toEqual([]);
  });

  it('keeps a chart of the user’s own, with no warning', async () => {
    const charted = path.join(dir, 'charted.xlsx');
    const out = path.join(dir, 'charted.out.xlsx');
    const bytes = await addColumnChart(await fs.readFile(input), {
      sheetName: 'Balance',
      title: 'My own chart',
      categoryColumn: 1,
      headerRow: 1,
      categories: ['a', 'b'],
      series: [{ name: 'x', values: [1, 2], colour: '000000' }],
      valueFormat: 'General',
      anchor: { fromCol: 10, fromRow: 1, toCol: 15, toRow: 10 },
    });
    await fs.writeFile(charted, bytes);
    const warnings: string[] = [];
    await writeAnnotatedWorkbook({
      source: { kind: 'xlsx', path: charted, sheetName: 'Balance' },
      evaluation,
      headerRow: 1,
      lastDataRow: 10,
      lang: 'fr',
      outPath: out,
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings).toEqual([]);
    // The user's chart (chart1, on Balance) and ours (on the summary) are both there.
    expect(await zipText(out, 'xl/charts/chart1.xml')).toContain('My own chart');
    expect(await zipText(out, 'xl/charts/chart2.xml')).toContain(buildSummaryModel(evaluation, 'fr').chart.title);
    expect(await zipText(out, await sheetPart(out, 'Balance'))).toMatch(/<drawing r:id="[^"]+"\/>/);
  });

  it('refuses to replace a sheet named credit-cover that it did not write', async () => {
    const named = path.join(dir, 'named.xlsx');
    const target = path.join(dir, 'named.out.xlsx');
    await writeLedger(
      named,
      9,
      (ws) => (ws.workbook.addWorksheet(SUMMARY_SHEET_NAME).getCell('A1').value = 'mes notes'),
    );
    await expect(
      writeAnnotatedWorkbook({
        source: { kind: 'xlsx', path: named, sheetName: 'Balance' },
        evaluation,
        headerRow: 1,
        lastDataRow: 10,
        lang: 'fr',
        outPath: target,
      }),
    ).rejects.toThrow(/already has a sheet named "credit-cover"/);
    await expect(fs.access(target)).rejects.toThrow();
  });

  it('refuses to write over user data where the columns would go, naming the cell', async () => {
    const blocked = path.join(dir, 'blocked.xlsx');
    const target = path.join(dir, 'blocked.out.xlsx');
    await writeLedger(blocked, 9, (ws) => (ws.getCell('K5').value = 'appelé le 12/06'));
    await expect(
      writeAnnotatedWorkbook({
        source: { kind: 'xlsx', path: blocked, sheetName: 'Balance' },
        evaluation,
        headerRow: 1,
        lastDataRow: 10,
        lang: 'fr',
        outPath: target,
      }),
    ).rejects.toThrow(/cell K5 of|cell K5 is not empty/);
    await expect(fs.access(target)).rejects.toThrow();
  });

  it('refuses to write over its input, however the path is spelled', async () => {
    const bytes = await fs.readFile(input);
    const spelled = [input, path.join(dir, '.', 'sub', '..', 'ledger.xlsx'), path.relative(process.cwd(), input)];
    for (const outPath of spelled) {
      await expect(
        writeAnnotatedWorkbook({
          source: { kind: 'xlsx', path: input, sheetName: 'Balance' },
          evaluation,
          headerRow: 1,
          lastDataRow: 10,
          lang: 'fr',
          outPath,
        }),
      ).rejects.toThrow(/is the input file/);
    }
    expect(await fs.readFile(input)).toEqual(bytes);
  });

  it.each([
    [{ headerRow: 0, lastDataRow: 10 }, /headerRow must be/],
    [{ headerRow: 3, lastDataRow: 2 }, /lastDataRow must be/],
    [{ headerRow: 11, lastDataRow: 11 }, /row 11 of sheet "Balance" has no headers/],
  ])('refuses rows that cannot be the ledger’s: %j', async (rows, message) => {
    await expect(
      writeAnnotatedWorkbook({
        source: { kind: 'xlsx', path: input, sheetName: 'Balance' },
        evaluation,
        ...rows,
        lang: 'fr',
        outPath: path.join(dir, 'rows.xlsx'),
      }),
    ).rejects.toThrow(message);
  });

  it('refuses an unknown sheet and leaves no temporary file behind', async () => {
    await expect(
      writeAnnotatedWorkbook({
        source: { kind: 'xlsx', path: input, sheetName: 'Nope' },
        evaluation,
        headerRow: 1,
        lastDataRow: 10,
        lang: 'fr',
        outPath: path.join(dir, 'nope.xlsx'),
      }),
    ).rejects.toThrow(/no sheet named "Nope"/);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('highlight rules do not grow with the ledger', () => {
  async function cfCount(rows: number): Promise<{ api: number; xml: number }> {
    const input = path.join(dir, `rows-${rows}.xlsx`);
    const output = path.join(dir, `rows-${rows}.out.xlsx`);
    await writeLedger(input, rows);
    await writeAnnotatedWorkbook({
      source: { kind: 'xlsx', path: input, sheetName: 'Balance' },
      evaluation: largeEvaluation(rows),
      headerRow: 1,
      lastDataRow: rows + 1,
      lang: 'en',
      outPath: output,
    });
    const ws = sheet(await readBook(output), 'Balance');
    const xml = await zipText(output, await sheetPart(output, 'Balance'));
    return { api: conditionalFormats(ws).length, xml: (xml.match(/<cfRule /g) ?? []).length };
  }

  it('has the same number of rules for 10 rows as for 1,000 rows', async () => {
    const small = await cfCount(10);
    const large = await cfCount(1000);
    expect(small).toEqual({ api: 6, xml: 6 });
    expect(large).toEqual(small);
  });
});

describe('writeAnnotatedWorkbook on a CSV ledger', () => {
  it('builds a workbook from the table, numbers as numbers and text as text, plus the columns', async () => {
    const table: Cell[][] = [
      ['N° client', 'Nom', 'Montant'],
      ['0012', '=SUM(1,2)', '1000'],
      ['B1', '+33 1 23 45', '2 000,50'],
      ['B1', null, 500],
    ];
    const outPath = path.join(dir, 'from-csv.xlsx');
    await writeAnnotatedWorkbook({
      source: { kind: 'csv', table, sheetName: 'ledger', path: path.join(dir, 'ledger.csv') },
      evaluation: invoiceEvaluation(),
      headerRow: 1,
      lastDataRow: 4,
      lang: 'en',
      outPath,
    });
    const wb = await readBook(outPath);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['ledger', SUMMARY_SHEET_NAME]);
    const ws = sheet(wb, 'ledger');
    expect(ws.getCell('A2').value).toBe('0012');
    expect(ws.getCell('B2').value).toBe('=SUM(1,2)');
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B2').numFmt).toBe('@');
    expect(ws.getCell('C3').value).toBe(2000.5);
    expect(ws.getCell('D1').value).toBe('Status');
    expect(['D2', 'D3', 'D4'].map((a) => ws.getCell(a).value)).toEqual(['Covered', 'Partial', 'Over limit']);
    expect(ws.getCell('F3').value).toBe(1000);
    const xml = await zipText(outPath, await sheetPart(outPath, 'ledger'));
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('refuses an output path equal to the CSV file it came from', async () => {
    const csv = path.join(dir, 'same.csv');
    await fs.writeFile(csv, 'a,b\n');
    await expect(
      writeAnnotatedWorkbook({
        source: { kind: 'csv', table: [['a', 'b']], sheetName: 'ledger', path: csv },
        evaluation: invoiceEvaluation(),
        headerRow: 1,
        lastDataRow: 1,
        lang: 'en',
        outPath: csv,
      }),
    ).rejects.toThrow(/is the input file/);
    expect(await fs.readFile(csv, 'utf8')).toBe('a,b\n');
  });
});

describe('csvNumber', () => {
  it.each([
    ['1000', 1000],
    ['1000.5', 1000.5],
    ['-1234,56', -1234.56],
    ['1 234,56', 1234.56],
    ['1\u00a0234\u00a0567.8', 1234567.8],
    ['0', 0],
    ['0,5', 0.5],
    ['-0', 0],
    ['303265045', 303265045],
    ['0012345', null],
    ['1,234', null],
    ['1.234', null],
    ['1 23', null],
    ['12,5 €', null],
    ['15/06/2027', null],
    ['1e5', null],
    ['1234567890123456', null],
    ['=1+1', null],
    ['', null],
  ])('reads %j as %p', (text, expected) => {
    expect(csvNumber(text)).toBe(expected);
  });
});

describe('with the real core: DOMAIN.md’s worked example', () => {
  const examplePolicy = policy(
    {
      named: 90,
      carenceDays: 30,
      maxCreditPeriodDays: 90,
      declarationDeadlineDays: 45,
      maxExtensionDays: 60,
      minimumClaim: 500,
      excessPerClaim: 100,
      vat: { ledgerIncludesVat: true, rate: 20 },
    },
    [{ buyer: 'B1', amount: 10000, validFrom: '2027-01-01' }],
  );
  const rows = [
    { no: 'A', date: '2027-01-20', due: '2027-03-21', open: 1200 },
    { no: 'B', date: '2027-04-10', due: '2027-05-10', open: 6000, declaredOn: '2027-06-01' },
    { no: 'C', date: '2027-05-05', due: '2027-06-04', open: 7200 },
    { no: 'D', date: '2027-05-20', due: '2027-06-19', open: 4800, disputed: true },
    { no: 'E', date: '2027-06-15', due: '2027-07-15', open: 3600 },
    { no: 'F', date: '2027-06-20', due: '2027-06-20', open: -600 },
  ];
  const evaluation: Evaluation = evaluate(invoiceLedger(rows), examplePolicy, { asOf: day('2027-06-30') });

  it('writes what the core computed, row by row and in total', async () => {
    const table: Cell[][] = [
      ['Client', 'Facture', 'Échéance', 'Solde TTC'],
      ...rows.map((r): Cell[] => ['B1', r.no, r.due, r.open]),
    ];
    const outPath = path.join(dir, 'worked-example.xlsx');
    await writeAnnotatedWorkbook({
      source: { kind: 'csv', table, sheetName: 'Balance' },
      evaluation,
      headerRow: 1,
      lastDataRow: 7,
      lang: 'fr',
      outPath,
    });
    const wb = await readBook(outPath);
    const ws = sheet(wb, 'Balance');
    // Columns E.. : status, reason, insured, covered, uninsured.
    expect(
      [2, 3, 4, 5, 6, 7].map((r) => [ws.getCell(r, 5).value, ws.getCell(r, 8).value, ws.getCell(r, 9).value]),
    ).toEqual([
      ['Exclu', 0, 600],
      ['Couvert', 4500, 1500],
      ['Partiel', 4500, 2700],
      ['Exclu', 0, 4800],
      ['Exclu', 0, 3600],
      ['Avoir', 0, 0],
    ]);
    expect(ws.getCell('F2').value).toBe('Délai de carence ; Déclaration hors délai');
    const summary = sheet(wb, SUMMARY_SHEET_NAME);
    expect(summary.getCell(rowWithLabel(summary, 'Couvert'), 2).value).toBe(9000);
    expect(summary.getCell(rowWithLabel(summary, 'Non couvert'), 2).value).toBe(13200);
    expect(summary.getCell(rowWithLabel(summary, 'Indemnité du portefeuille'), 2).value).toBe(8900);
  });
});
