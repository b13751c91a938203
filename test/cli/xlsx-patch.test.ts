/**
 * The annotated workbook is the user's package patched, not re-saved: their cells, styles, formulas
 * and every part the writer does not know survive byte for byte; the result is a valid package
 * (well-formed parts, CT_Worksheet's element order, style indexes that exist, content types and
 * relationships that resolve); a re-run replaces what the previous run wrote.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { evaluate, parseIsoDay, type Evaluation } from '../../src/domain';
import { readTableFromFile } from '../../src/cli/input';
import { SUMMARY_SHEET_NAME } from '../../src/cli/summary-sheet';
import { writeAnnotatedWorkbook } from '../../src/cli/workbook-out';
import { addColumnChart } from '../../src/cli/xlsx-chart';
import { XlsxPackage } from '../../src/cli/xlsx-package';
import { loadRuleFile } from '../../src/rules';
import { readLedger } from '../../src/sheet';
import { exposureHeaders, outputLabels } from '../../src/sheet/output-labels';
import { writeFrenchXlsx } from '../../bench/files';
import { invoiceEvaluation } from '../sheet/output-fixtures';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-patch-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** Every part of a package, by name. */
async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name].dir) out.set(name, await zip.files[name].async('nodebuffer'));
  }
  return out;
}

function text(all: Map<string, Buffer>, name: string): string {
  const part = all.get(name);
  if (!part) throw new Error(`no ${name}`);
  return part.toString('utf8');
}

/** Sheet part by sheet name, through workbook.xml and its rels (written independently of the code under test). */
function sheetPart(all: Map<string, Buffer>, name: string): string {
  const workbook = text(all, 'xl/workbook.xml');
  const rels = text(all, 'xl/_rels/workbook.xml.rels');
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for sheet ${name}`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The user's `<c>` elements of a sheet, keyed by reference, for columns before `firstOurs`. */
function userCells(sheetXml: string, firstOurs: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)) {
    const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    if (column < firstOurs) out.set(`${m[1]}${m[2]}`, m[0]);
  }
  return out;
}

const CT_WORKSHEET = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];
const CT_STYLESHEET = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
];

function parse(xml: string, name: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') errors.push(`${name}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml') as unknown as Document;
  expect(errors).toEqual([]);
  return doc;
}

function childNames(doc: Document): string[] {
  const out: string[] = [];
  for (let n = doc.documentElement.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType === 1) out.push((n as Element).localName);
  }
  return out;
}

/** Children in the schema's order (each name's first index never goes back). */
function expectInOrder(names: string[], order: string[]): void {
  const ranks = names.map((n) => order.indexOf(n));
  expect(ranks.every((r) => r !== -1)).toBe(true);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

/** Every check a package must pass for Excel to open it without repair, as far as a test can see. */
async function expectValidPackage(file: string): Promise<void> {
  const all = await parts(file);
  const types = text(all, '[Content_Types].xml');
  const overrides = new Set([...types.matchAll(/PartName="([^"]+)"/g)].map((m) => m[1].toLowerCase()));
  const defaults = new Set([...types.matchAll(/Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase()));
  for (const [name, bytes] of all) {
    expect([
      name,
      overrides.has(`/${name}`.toLowerCase()) || defaults.has(name.slice(name.lastIndexOf('.') + 1)),
    ]).toEqual([name, true]);
    if (/\.(xml|rels)$/.test(name)) parse(bytes.toString('utf8'), name);
  }
  // Every override names a part that exists, every internal relationship a part that exists.
  for (const partName of overrides) {
    expect([partName, [...all.keys()].some((n) => `/${n}`.toLowerCase() === partName)]).toEqual([partName, true]);
  }
  for (const [name, bytes] of all) {
    if (!name.endsWith('.rels')) continue;
    const source = name.replace(/_rels\/([^/]*)\.rels$/, '$1');
    for (const m of bytes.toString('utf8').matchAll(/<Relationship [^>]*>/g)) {
      if (/TargetMode="External"/.test(m[0])) continue;
      const target = /Target="([^"]+)"/.exec(m[0])?.[1] ?? '';
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(source), target));
      expect([name, resolved, all.has(resolved)]).toEqual([name, resolved, true]);
    }
  }
  // Style indexes exist: every s= below the cellXfs count, every dxfId below the dxfs count.
  const styles = text(all, 'xl/styles.xml');
  expectInOrder(childNames(parse(styles, 'styles')), CT_STYLESHEET);
  const xfCount = (/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1].match(/<xf\b/g) ?? []).length;
  expect(Number(/<cellXfs count="(\d+)"/.exec(styles)?.[1])).toBe(xfCount);
  const dxfCount = (styles.match(/<dxf>/g) ?? []).length;
  for (const name of all.keys()) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = text(all, name);
    expectInOrder(childNames(parse(xml, name)), CT_WORKSHEET);
    const maxS = Math.max(-1, ...[...xml.matchAll(/<c [^>]*\bs="(\d+)"/g)].map((m) => Number(m[1])));
    expect(maxS).toBeLessThan(xfCount);
    const maxDxf = Math.max(-1, ...[...xml.matchAll(/dxfId="(\d+)"/g)].map((m) => Number(m[1])));
    expect(maxDxf).toBeLessThan(dxfCount);
    // Cells in column order, rows in row order, no reference twice.
    const rows = [...xml.matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)];
    expect(rows.map((r) => Number(r[1]))).toEqual(rows.map((r) => Number(r[1])).sort((a, b) => a - b));
    for (const row of rows) {
      const columns = [...row[2].matchAll(/<c r="([A-Z]+)\d+"/g)].map((m) =>
        [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0),
      );
      expect(columns).toEqual([...new Set(columns)].sort((a, b) => a - b));
    }
  }
}

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A small ledger of the user's own: a formula, styles, a merged title, a data validation, a second sheet. */
async function userLedger(file: string, extra?: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Balance');
  ws.addRow(['Client', 'Nom', 'Facture', 'Échéance', 'Solde', 'TTC']);
  ws.getRow(1).font = { bold: true, italic: true, name: 'Arial', size: 10 };
  for (let r = 2; r <= 10; r++) {
    if (r === 6) continue; // a blank row inside the ledger
    ws.getCell(r, 1).value = `B${r}`;
    ws.getCell(r, 2).value = `Client ${r}`;
    ws.getCell(r, 2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    ws.getCell(r, 3).value = `F${r}`;
    ws.getCell(r, 4).value = new Date(Date.UTC(2027, 4, r));
    ws.getCell(r, 4).numFmt = 'dd/mm/yyyy';
    ws.getCell(r, 5).value = 100 * r;
    ws.getCell(r, 5).numFmt = '#,##0.00';
    ws.getCell(r, 6).value = { formula: `E${r}*1.2`, result: 120 * r };
  }
  ws.getCell('A12').value = 'Total';
  ws.getCell('E12').value = { formula: 'SUM(E2:E10)', result: 5400 };
  ws.getCell('C2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"F2,F3"'] };
  extra?.(wb, ws);
  wb.addWorksheet('Notes').getCell('A1').value = 'keep me';
  await wb.xlsx.writeFile(file);
}

const base = {
  evaluation: invoiceEvaluation(),
  headerRow: 1,
  lastDataRow: 10,
  lang: 'fr' as const,
};

// ---------------------------------------------------------------------------------------------

describe('the user’s workbook survives the annotation', () => {
  let input: string;
  let output: string;
  let before: Map<string, Buffer>;
  let after: Map<string, Buffer>;
  const warnings: string[] = [];

  beforeAll(async () => {
    input = path.join(dir, 'user.xlsx');
    output = path.join(dir, 'user.out.xlsx');
    const plain = path.join(dir, 'user.plain.xlsx');
    await userLedger(plain);
    // The user's own chart on the ledger sheet, and a part no spreadsheet writer knows.
    const charted = await addColumnChart(await fs.readFile(plain), {
      sheetName: 'Balance',
      title: 'Mon graphique',
      categoryColumn: 1,
      headerRow: 1,
      categories: ['a', 'b'],
      series: [{ name: 'x', values: [1, 2], colour: '000000' }],
      valueFormat: 'General',
      anchor: { fromCol: 20, fromRow: 1, toCol: 25, toRow: 10 },
    });
    const zip = await JSZip.loadAsync(charted);
    zip.file('customXml/item1.xml', '<?xml version="1.0"?><data>mine</data>', { createFolders: false });
    await fs.writeFile(input, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await writeAnnotatedWorkbook({
      ...base,
      source: { kind: 'xlsx', path: input, sheetName: 'Balance' },
      outPath: output,
      onWarning: (m) => warnings.push(m),
    });
    before = await parts(input);
    after = await parts(output);
  });

  it('copies every part it does not patch byte for byte, the user’s chart and unknown parts included', () => {
    const patched = new Set([
      '[Content_Types].xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      sheetPart(before, 'Balance'),
    ]);
    const kept = [...before.keys()].filter((name) => !patched.has(name));
    expect(kept).toEqual(
      expect.arrayContaining(['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml', 'customXml/item1.xml']),
    );
    for (const name of kept) expect([name, after.get(name)?.equals(before.get(name) as Buffer)]).toEqual([name, true]);
    // The ledger still points at its drawing; nothing was announced as lost.
    expect(text(after, sheetPart(after, 'Balance'))).toMatch(/<drawing r:id="rIdCreditCoverChart"\/>/);
    expect(warnings).toEqual([]);
  });

  it('leaves every cell of the user’s XML as it was: values, formulas, styles', () => {
    const part = sheetPart(before, 'Balance');
    const original = userCells(text(before, part), 7);
    const annotated = userCells(text(after, part), 7);
    expect(original.size).toBeGreaterThan(40);
    expect(annotated).toEqual(original);
    // The user's style entries keep their indexes: ours are appended after them.
    const xfs = (xml: string): string[] =>
      /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
    const userXfs = xfs(text(before, 'xl/styles.xml'));
    expect(xfs(text(after, 'xl/styles.xml')).slice(0, userXfs.length)).toEqual(userXfs);
    // The user's data validation is still there.
    expect(text(after, part)).toContain('<dataValidations');
  });

  it('reads back through ExcelJS with the user’s values, formulas and formats unchanged', async () => {
    const [wbIn, wbOut] = [await readBook(input), await readBook(output)];
    const [a, b] = [
      wbIn.getWorksheet('Balance') as ExcelJS.Worksheet,
      wbOut.getWorksheet('Balance') as ExcelJS.Worksheet,
    ];
    for (let r = 1; r <= 12; r++) {
      for (let c = 1; c <= 6; c++) {
        const [x, y] = [a.getCell(r, c), b.getCell(r, c)];
        expect([x.address, y.value, y.numFmt, y.font, y.fill]).toEqual([x.address, x.value, x.numFmt, x.font, x.fill]);
      }
    }
    expect(b.getCell('E12').formula).toBe('SUM(E2:E10)');
    expect((wbOut.getWorksheet('Notes') as ExcelJS.Worksheet).getCell('A1').value).toBe('keep me');
  });

  it('is a package Excel can open: parts, order, styles, content types and relationships', async () => {
    await expectValidPackage(output);
  });

  it('puts the exposure columns right of the ledger, with the user’s header font made bold', async () => {
    const ws = (await readBook(output)).getWorksheet('Balance') as ExcelJS.Worksheet;
    expect(exposureHeaders('fr').map((_, i) => ws.getCell(1, 7 + i).value)).toEqual(exposureHeaders('fr'));
    expect(ws.getCell('G1').font).toMatchObject({ name: 'Arial', size: 10, italic: true, bold: true });
    // Row 6 has no element in the input (a blank row); its line of the evaluation still gets its cells.
    expect(ws.getCell('G6').value).toBe(outputLabels('fr').status.credit);
    // A row without a result line gets empty cells, formatted.
    expect(ws.getCell('G10').value).toBeNull();
    expect(ws.getCell('I10').numFmt).toBe('#,##0.00 "€"');
  });
});

describe('a re-run on an annotated workbook', () => {
  it('replaces the columns, highlights, summary, chart and filter name of the previous run, and grows nothing', async () => {
    const input = path.join(dir, 'rerun.xlsx');
    const first = path.join(dir, 'rerun.1.xlsx');
    const second = path.join(dir, 'rerun.2.xlsx');
    const third = path.join(dir, 'rerun.3.xlsx');
    await userLedger(input);
    const run = (from: string, to: string, lang: 'fr' | 'en') =>
      writeAnnotatedWorkbook({
        ...base,
        lang,
        source: { kind: 'xlsx', path: from, sheetName: 'Balance' },
        outPath: to,
      });
    await run(input, first, 'fr');
    await run(first, second, 'en');
    await run(second, third, 'en');
    const [p2, p3] = [await parts(second), await parts(third)];
    for (const p of [p2, p3]) {
      const ledger = text(p, sheetPart(p, 'Balance'));
      // One header row of ours, in English, at G1:N1; nothing right of it.
      expect(ledger).toContain('<t>Status</t>');
      expect(ledger).not.toContain('<t>Statut</t>');
      expect(ledger).not.toMatch(/<c r="O\d+"/);
      expect(ledger.match(/<cfRule /g)).toHaveLength(5);
      const workbook = text(p, 'xl/workbook.xml');
      expect(workbook.match(/name="credit-cover"/g)).toHaveLength(1);
      expect(workbook.match(/_xlnm\._FilterDatabase/g)).toHaveLength(1);
      expect([...p.keys()].filter((n) => n.startsWith('xl/charts/'))).toEqual(['xl/charts/chart1.xml']);
      expect([...p.keys()].filter((n) => n.startsWith('xl/drawings/') && n.endsWith('.xml'))).toEqual([
        'xl/drawings/drawing1.xml',
      ]);
    }
    // Same input, same language: the same package, styles included (nothing appended twice).
    expect(text(p3, 'xl/styles.xml')).toBe(text(p2, 'xl/styles.xml'));
    expect(text(p3, sheetPart(p3, 'Balance'))).toBe(text(p2, sheetPart(p2, 'Balance')));
    await expectValidPackage(third);
  });

  it('keeps the summary sheet where the user moved it', async () => {
    const input = path.join(dir, 'moved.xlsx');
    const first = path.join(dir, 'moved.1.xlsx');
    const moved = path.join(dir, 'moved.2.xlsx');
    const second = path.join(dir, 'moved.3.xlsx');
    await userLedger(input);
    await writeAnnotatedWorkbook({
      ...base,
      source: { kind: 'xlsx', path: input, sheetName: 'Balance' },
      outPath: first,
    });
    // Move credit-cover first in the sheet list, by hand.
    const zip = await JSZip.loadAsync(await fs.readFile(first));
    const wb = await (zip.file('xl/workbook.xml') as JSZip.JSZipObject).async('string');
    const sheets = /<sheets>([\s\S]*?)<\/sheets>/.exec(wb)?.[1] ?? '';
    const tags = sheets.match(/<sheet [^>]*\/>/g) ?? [];
    const ours = tags.find((t) => t.includes('name="credit-cover"')) as string;
    zip.file('xl/workbook.xml', wb.replace(sheets, [ours, ...tags.filter((t) => t !== ours)].join('')));
    await fs.writeFile(moved, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await writeAnnotatedWorkbook({
      ...base,
      source: { kind: 'xlsx', path: moved, sheetName: 'Balance' },
      outPath: second,
    });
    expect((await readBook(second)).worksheets.map((w) => w.name)).toEqual([SUMMARY_SHEET_NAME, 'Balance', 'Notes']);
    // The filter name follows the sheet's position (0), not the end of the list.
    expect(text(await parts(second), 'xl/workbook.xml')).toMatch(/_xlnm\._FilterDatabase" localSheetId="0"/);
  });
});

describe('refusals leave no output', () => {
  it('refuses a merged range across the columns, naming it', async () => {
    const input = path.join(dir, 'merged.xlsx');
    const outPath = path.join(dir, 'merged.out.xlsx');
    await userLedger(input, (_, ws) => ws.mergeCells('E3:H3'));
    await expect(
      writeAnnotatedWorkbook({ ...base, source: { kind: 'xlsx', path: input, sheetName: 'Balance' }, outPath }),
    ).rejects.toThrow(/cells E3:H3 are merged/);
    await expect(fs.access(outPath)).rejects.toThrow();
  });

  it('keeps the previous output when writing the package fails, and leaves no temporary file', async () => {
    const input = path.join(dir, 'fail.xlsx');
    const outDir = path.join(dir, 'fail-out');
    const outPath = path.join(outDir, 'annotated.xlsx');
    await userLedger(input);
    const options = { ...base, source: { kind: 'xlsx' as const, path: input, sheetName: 'Balance' }, outPath };
    await writeAnnotatedWorkbook(options);
    const previous = await fs.readFile(outPath);
    const spy = jest.spyOn(XlsxPackage.prototype, 'toBuffer').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    try {
      await expect(writeAnnotatedWorkbook({ ...options, lang: 'en' })).rejects.toThrow('disk on fire');
    } finally {
      spy.mockRestore();
    }
    expect(await fs.readFile(outPath)).toEqual(previous);
    expect(await fs.readdir(outDir)).toEqual(['annotated.xlsx']);
  });
});

describe('packages other writers make', () => {
  it('patches a sheet whose SpreadsheetML carries a namespace prefix (x:worksheet)', async () => {
    const plain = path.join(dir, 'prefixed.plain.xlsx');
    const input = path.join(dir, 'prefixed.xlsx');
    const outPath = path.join(dir, 'prefixed.out.xlsx');
    await userLedger(plain);
    const zip = await JSZip.loadAsync(await fs.readFile(plain));
    const part = sheetPart(await parts(plain), 'Balance');
    const xml = await (zip.file(part) as JSZip.JSZipObject).async('string');
    // Every element of the main namespace gets the x: prefix, as the Open XML SDK writes it.
    const prefixed = xml
      .replace(/<(\/?)(?![?!])([a-zA-Z]\w*)([\s>/])/g, '<$1x:$2$3')
      .replace(
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
      );
    expect(prefixed).toContain('<x:sheetData>');
    zip.file(part, prefixed);
    await fs.writeFile(input, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await writeAnnotatedWorkbook({ ...base, source: { kind: 'xlsx', path: input, sheetName: 'Balance' }, outPath });
    const out = text(await parts(outPath), part);
    // ExcelJS cannot read such a sheet: the DOM says which namespace each element is in.
    const doc = parse(out, part);
    const elements = Array.from(doc.getElementsByTagName('*'));
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    expect(elements.filter((e) => e.namespaceURI !== main).map((e) => e.tagName)).toEqual([]);
    expectInOrder(childNames(doc), CT_WORKSHEET);
    const cell = (ref: string): Element | undefined =>
      elements.find((e) => e.localName === 'c' && e.getAttribute('r') === ref);
    expect(cell('G1')?.textContent).toBe('Statut');
    expect(cell('G3')?.textContent).toBe(outputLabels('fr').status.partial);
    expect(cell('F3')?.getElementsByTagNameNS(main, 'f')[0]?.textContent).toBe('E3*1.2');
    expect(elements.filter((e) => e.localName === 'cfRule')).toHaveLength(5);
  });

  it('writes dates in the workbook’s 1904 date system', async () => {
    const input = path.join(dir, 'date1904.xlsx');
    const outPath = path.join(dir, 'date1904.out.xlsx');
    await userLedger(input, (wb) => (wb.properties.date1904 = true));
    await writeAnnotatedWorkbook({ ...base, source: { kind: 'xlsx', path: input, sheetName: 'Balance' }, outPath });
    const xml = text(await parts(outPath), 'xl/worksheets/sheet1.xml');
    // 2027-07-15 is serial 46583 in the 1900 system; the 1904 system counts 1,462 days fewer.
    expect(xml).toContain('<c r="L3" s="');
    expect(/<c r="L3" s="\d+"><v>(\d+)<\/v>/.exec(xml)?.[1]).toBe(String(46583 - 1462));
    const ws = (await readBook(outPath)).getWorksheet('Balance') as ExcelJS.Worksheet;
    expect(ws.getCell('L3').value).toEqual(new Date(Date.UTC(2027, 6, 15)));
  });

  it('an .xlsm written to .xlsx loses its macros with a warning, and keeps them written to .xlsm', async () => {
    const plain = path.join(dir, 'macro.plain.xlsx');
    const input = path.join(dir, 'macro.xlsm');
    await userLedger(plain);
    const zip = await JSZip.loadAsync(await fs.readFile(plain));
    zip.file('xl/vbaProject.bin', Buffer.from('not really VBA'));
    const rels = await (zip.file('xl/_rels/workbook.xml.rels') as JSZip.JSZipObject).async('string');
    zip.file(
      'xl/_rels/workbook.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
      ),
    );
    const types = await (zip.file('[Content_Types].xml') as JSZip.JSZipObject).async('string');
    zip.file(
      '[Content_Types].xml',
      types
        .replace(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
          'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
        )
        .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    );
    await fs.writeFile(input, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(text(await parts(input), '[Content_Types].xml')).toContain(
      'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    );

    const warnings: string[] = [];
    const asXlsx = path.join(dir, 'macro.out.xlsx');
    await writeAnnotatedWorkbook({
      ...base,
      source: { kind: 'xlsx', path: input, sheetName: 'Balance' },
      outPath: asXlsx,
      onWarning: (m) => warnings.push(m),
    });
    const x = await parts(asXlsx);
    expect(x.has('xl/vbaProject.bin')).toBe(false);
    expect(text(x, 'xl/_rels/workbook.xml.rels')).not.toContain('vbaProject');
    expect(text(x, '[Content_Types].xml')).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"',
    );
    expect(warnings).toEqual([expect.stringContaining('macros')]);
    await expectValidPackage(asXlsx);

    const asXlsm = path.join(dir, 'macro.out.xlsm');
    await writeAnnotatedWorkbook({
      ...base,
      source: { kind: 'xlsx', path: input, sheetName: 'Balance' },
      outPath: asXlsm,
    });
    const m = await parts(asXlsm);
    expect(m.get('xl/vbaProject.bin')?.toString()).toBe('not really VBA');
    expect(text(m, '[Content_Types].xml')).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
  });
});

describe('round trip: what ExcelJS reads back is the evaluation', () => {
  let evaluation: Evaluation;
  let outPath: string;
  const headerRow = 4;

  beforeAll(async () => {
    const input = path.join(dir, 'generated.xlsx');
    outPath = path.join(dir, 'generated.out.xlsx');
    await writeFrenchXlsx(input, 300);
    const loaded = loadRuleFile(await fs.readFile('rules/export-monde.json', 'utf8'));
    if (!loaded.ok) throw new Error('rules/export-monde.json does not load');
    const { table, sheetName } = await readTableFromFile(input);
    const read = readLedger(table);
    if (read.ledger === null) throw new Error('the generated ledger does not read');
    expect(read.headerRow).toBe(headerRow);
    evaluation = evaluate(read.ledger, loaded.policy, { asOf: parseIsoDay('2027-12-31') as number });
    await writeAnnotatedWorkbook({
      source: { kind: 'xlsx', path: input, sheetName },
      evaluation,
      headerRow,
      lastDataRow: table.values.length,
      lang: 'en',
      outPath,
    });
  }, 60_000);

  it('has, row by row, the status, amounts and dates of each invoice', async () => {
    const ws = (await readBook(outPath)).getWorksheet('Balance âgée') as ExcelJS.Worksheet;
    // The generated ledger has 13 columns (A:M): ours are N:U.
    expect(ws.getCell(headerRow, 14).value).toBe('Status');
    const labels = outputLabels('en');
    const date = (iso: string | null): Date | null => (iso === null ? null : new Date(`${iso}T00:00:00.000Z`));
    expect(evaluation.invoices.length).toBeGreaterThan(250);
    for (const line of evaluation.invoices) {
      const row = ws.getRow(line.row);
      const got = [14, 16, 17, 18, 19, 20].map((c) => row.getCell(c).value);
      expect([line.row, ...got]).toEqual([
        line.row,
        labels.status[line.status],
        line.insured,
        line.covered,
        line.uninsured,
        date(line.declareBy),
        date(line.claimableOn),
      ]);
    }
  });

  it('has the evaluation’s totals on the summary sheet', async () => {
    const ws = (await readBook(outPath)).getWorksheet(SUMMARY_SHEET_NAME) as ExcelJS.Worksheet;
    const byLabel = new Map<unknown, unknown>();
    ws.eachRow((row) => byLabel.set(row.getCell(1).value, row.getCell(2).value));
    const s = outputLabels('en').summary;
    expect([byLabel.get(s.open), byLabel.get(s.covered), byLabel.get(s.uninsured)]).toEqual([
      evaluation.totals.open,
      evaluation.totals.covered,
      evaluation.totals.uninsured,
    ]);
    expect(byLabel.get(s.rowsRead)).toBe(evaluation.counts.rowsRead);
  });

  it('is a valid package', async () => {
    await expectValidPackage(outPath);
  });
});
