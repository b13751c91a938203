/**
 * Workbook safety, one point at a time, against both hosts: the in-memory Excel host (the add-in's
 * Office.js adapter, src/excel) and real .xlsx files (the command line, src/cli/workbook-out.ts).
 *
 * 1. Output never overwrites user cells: a refusal names the cell.
 * 2. Text that looks like a formula (=, +, -, @, tab, CR first) is written as text.
 * 3. A failure half-way leaves the previous results or columns marked incomplete; a re-run repairs.
 *
 * What test/excel/write.test.ts and test/cli/workbook-out.test.ts already show with one fixed case
 * each is shown here for random cases; the first run failing at every point is new here. The command
 * line's files (never over the input, written atomically) are in test/safety/files.test.ts.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fc from 'fast-check';
import { evaluate, parseIsoDay, type Evaluation, type Policy } from '../../src/domain';
import {
  INCOMPLETE_MARKERS,
  OUTPUT_SETTING,
  SUMMARY_SHEET_NAME,
  WouldOverwriteError,
  writeResults,
} from '../../src/excel';
import { MemoryWorkbook } from '../../src/excel/memory-host';
import { writeAnnotatedWorkbook } from '../../src/cli/workbook-out';
import { readTableFromFile } from '../../src/cli/input';
import { loadRuleFile } from '../../src/rules';
import { readLedger } from '../../src/sheet';
import { columnLetter } from '../../src/sheet';
import { TEXT_FORMAT, isFormulaLike } from '../../src/sheet/output';
import { LEDGER, ledgerRows, prepare, putLedger, sheetState, type LedgerRow, type Prepared } from '../excel/fixtures';
import { FUZZ_TIMEOUT, fuzzParams } from '../fuzz/params';
import { XlsxPackage } from '../../src/cli/xlsx-package';

const SUMMARY = SUMMARY_SHEET_NAME;
const AS_OF = '2027-06-30';

/** A policy of our own (the sample files change with the product): a flag rule whose message looks like a formula. */
function testPolicy(flagMessage = '=1+1 is a message'): Policy {
  const loaded = loadRuleFile(
    JSON.stringify({
      format: 'credit-cover/rules@1',
      policy: {
        id: 'SAFE',
        version: '1.0.0',
        currency: 'EUR',
        period: { start: '2027-01-01', end: '2027-12-31' },
        indemnityPercent: { named: 90, discretionary: 70 },
        discretionaryLimit: 20000,
        carenceDays: 30,
        declarationDeadlineDays: 60,
        indemnityWaitingDays: 150,
      },
      rules: [
        {
          name: 'everyone',
          conditions: { all: [{ fact: 'openAmount', operator: 'greaterThan', value: 0 }] },
          event: { type: 'flag', params: { code: 'everyone', message: flagMessage } },
        },
      ],
    }),
  );
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  return loaded.policy;
}

function writeInput(p: Prepared, policy: Policy) {
  return {
    sheetName: LEDGER,
    plan: p.plan,
    summary: p.summary,
    asOf: AS_OF,
    policy: { id: policy.terms.id, version: policy.terms.version, hash: policy.hash },
  };
}

async function memoryWithLedger(rows: LedgerRow[]): Promise<MemoryWorkbook> {
  const host = new MemoryWorkbook();
  putLedger(host, rows);
  return host;
}

/** Every text cell of a sheet is text-formatted, and no cell holds a formula. */
function expectTextOnly(host: MemoryWorkbook, sheet: string, columns: RegExp = /^[A-Z]+\d+$/): void {
  expect(host.formulas(sheet).size).toBe(0);
  for (const [address, cell] of sheetState(host, sheet)) {
    const { v, f } = cell as { v: unknown; f: string };
    if (columns.test(address) && typeof v === 'string') expect([address, f]).toEqual([address, TEXT_FORMAT]);
  }
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-safety-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// .xlsx helpers

const XLSX_HEADERS = ['Code client', 'Raison sociale', 'N° facture', 'Date facture', 'Échéance', 'Solde', 'Devise'];

async function writeXlsxLedger(file: string, rows: { id: string; name: string; no: string }[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Balance');
  ws.addRow(XLSX_HEADERS);
  rows.forEach((r, i) => {
    ws.addRow([
      r.id,
      r.name,
      r.no,
      new Date(Date.UTC(2027, 3, 1 + i)),
      new Date(Date.UTC(2027, 4, 1 + i)),
      1000 + i,
      'EUR',
    ]);
  });
  // One formula of the user's own (a total under the amounts), which must stay the only <f> of the sheet.
  ws.getCell(`F${rows.length + 3}`).value = { formula: `SUM(F2:F${rows.length + 1})`, result: 0 };
  ws.getColumn(4).numFmt = 'dd/mm/yyyy';
  ws.getColumn(5).numFmt = 'dd/mm/yyyy';
  await wb.xlsx.writeFile(file);
}

async function annotate(input: string, output: string, policy: Policy): Promise<Evaluation> {
  const { table, sheetName } = await readTableFromFile(input);
  const read = readLedger(table);
  if (read.ledger === null) throw new Error(read.diagnostics.map((d) => d.message).join('; '));
  const evaluation = evaluate(read.ledger, policy, { asOf: parseIsoDay(AS_OF) as number });
  await writeAnnotatedWorkbook({
    source: { kind: 'xlsx', path: input, sheetName },
    evaluation,
    headerRow: read.headerRow,
    lastDataRow: table.values.length,
    lang: 'en',
    outPath: output,
  });
  return evaluation;
}

/** Each sheet's XML, by sheet name. */
async function sheetXml(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`<Relationship [^>]*Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    out.set(m[1], await zip.file(`xl/${target}`)!.async('string'));
  }
  return out;
}

const formulaText = fc
  .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '=-', '+=', '-@'), fc.string({ minLength: 1, maxLength: 12 }))
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  .map(([lead, rest]) => lead + rest.replace(/[\u0000-\u001f]/g, 'x'));

// ---------------------------------------------------------------------------------------------

describe('1. output never overwrites user cells', () => {
  test(
    'in-memory Excel: a value anywhere the columns would go is refused, naming its address; nothing changes',
    async () => {
      const policy = testPolicy();
      await fc.assert(
        fc.asyncProperty(
          // Rows 2–13 (a value on the header row is a header: the ledger grows and the columns move right).
          fc.integer({ min: 2, max: 13 }),
          fc.integer({ min: 10, max: 17 }),
          fc.oneof(
            fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
            fc.double({ noNaN: true }),
            fc.boolean(),
          ),
          async (row, column, value) => {
            const host = await memoryWithLedger(ledgerRows(12));
            const address = `${columnLetter(column - 1)}${row}`;
            host.setCells(LEDGER, address, [[value]]);
            const prepared = await prepare(host, { policy });
            const before = sheetState(host, LEDGER);
            const error = await host.run((c) => writeResults(c, writeInput(prepared, policy))).catch((e: unknown) => e);
            expect(error).toBeInstanceOf(WouldOverwriteError);
            expect(error).toMatchObject({ target: 'cells', cells: address, address: `'${LEDGER}'!${address}` });
            expect(sheetState(host, LEDGER)).toEqual(before);
            expect(host.sheetNames()).toEqual([LEDGER]);
          },
        ),
        fuzzParams(12, 20271301, 0.002),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    '.xlsx: a value anywhere the columns would go is refused, naming the cell; no output file',
    async () => {
      const policy = testPolicy();
      const rows = Array.from({ length: 8 }, (_, i) => ({ id: `B${i}`, name: `Client ${i}`, no: `F${i}` }));
      await fc.assert(
        // Rows 2–11: the data rows and the total below them; columns H:O, where the eight columns go.
        fc.asyncProperty(fc.integer({ min: 2, max: 11 }), fc.integer({ min: 8, max: 15 }), async (row, column) => {
          const input = path.join(dir, `user-${row}-${column}.xlsx`);
          await writeXlsxLedger(input, rows);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.readFile(input);
          const address = `${columnLetter(column - 1)}${row}`;
          wb.getWorksheet('Balance')!.getCell(address).value = 'my note';
          await wb.xlsx.writeFile(input);
          const bytes = await fs.readFile(input);
          const output = path.join(dir, `user-${row}-${column}.out.xlsx`);
          await expect(annotate(input, output, policy)).rejects.toThrow(`cell ${address} is not empty`);
          await expect(fs.access(output)).rejects.toThrow();
          expect(await fs.readFile(input)).toEqual(bytes);
        }),
        fuzzParams(8, 20271302, 0.002),
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('2. text that looks like a formula is written as text', () => {
  test(
    'in-memory Excel: ids, names, invoice numbers, reasons and flag messages starting with = + - @ tab CR',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(formulaText, { minLength: 6, maxLength: 6 }), async (texts) => {
          const policy = testPolicy(texts[0]);
          const rows = ledgerRows(5).map((r, i) => ({
            ...r,
            id: texts[i % 5].trim() || `B${i}`,
            name: texts[(i + 1) % 5],
            invoiceNo: texts[5],
          }));
          const host = await memoryWithLedger(rows);
          const userFormulas = host.formulas(LEDGER).size;
          const prepared = await prepare(host, {
            policy,
            edit: (e) => {
              // The reader trims cells, so a leading tab or CR can only come from elsewhere: put them in the result.
              e.buyers.forEach((b, i) => (b.buyerName = texts[i % texts.length]));
              const line = e.invoices[0];
              Object.assign(line, { status: 'excluded', reasons: [`rule:${texts[1]}`], reason: `rule:${texts[1]}` });
            },
          });
          await host.run((c) => writeResults(c, writeInput(prepared, policy)));
          expect(host.formulas(LEDGER).size).toBe(userFormulas);
          expectTextOnly(host, LEDGER, /^[J-Q]\d+$/);
          expectTextOnly(host, SUMMARY);
          const shown = host.values(SUMMARY, host.usedRange(SUMMARY) as string).flat();
          for (const b of prepared.evaluation.buyers) expect(shown).toContain(b.buyerName);
          // The flags column starts with the rule's message (other flags may follow it).
          expect(String(host.values(LEDGER, 'Q2')[0][0]).startsWith(texts[0])).toBe(true);
        }),
        fuzzParams(10, 20271303, 0.002),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    '.xlsx: no <f> element but the user’s own; every such text a string cell, as written',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(formulaText, { minLength: 4, maxLength: 4 }), async (texts) => {
          const policy = testPolicy(texts[3]);
          const rows = texts.slice(0, 3).map((t, i) => ({ id: `B${i}`, name: t, no: t }));
          const input = path.join(dir, 'formula-like.xlsx');
          const output = path.join(dir, 'formula-like.out.xlsx');
          await writeXlsxLedger(input, rows);
          await annotate(input, output, policy);
          const xml = await sheetXml(output);
          expect(xml.get('Balance')?.match(/<f[ >]/g)).toHaveLength(1);
          expect(xml.get(SUMMARY)).not.toMatch(/<f[ >]/);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.readFile(output);
          const ws = wb.getWorksheet('Balance')!;
          // The flags column (O, the eighth exposure column after the ledger's seven) starts with the
          // rule's message, as written (other flags may follow it), and is a text cell. XML reads a
          // carriage return back as a line feed (ExcelJS does not write it as _x000D_): still text.
          const written = texts[3].replace(/\r\n?/g, '\n');
          for (let r = 2; r <= 4; r++) {
            expect(String(ws.getCell(`O${r}`).value).startsWith(written)).toBe(true);
            expect(ws.getCell(`O${r}`).type).toBe(ExcelJS.ValueType.String);
            expect(ws.getCell(`O${r}`).numFmt).toBe(TEXT_FORMAT);
          }
          const summaryTexts: unknown[] = [];
          wb.getWorksheet(SUMMARY)!.eachRow((row) => row.eachCell((cell) => summaryTexts.push(cell.value)));
          for (const t of texts.slice(0, 3)) if (isFormulaLike(t.trim())) expect(summaryTexts).toContain(t.trim());
        }),
        fuzzParams(6, 20271304, 0.001),
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('3. a failure half-way', () => {
  test(
    'in-memory Excel, first run: failing at every sync and after 0, 3 or 9 commands leaves nothing or the marker, never unmarked output; a re-run repairs',
    async () => {
      const policy = testPolicy();
      const rows = ledgerRows(12);
      const reference = await memoryWithLedger(rows);
      const referencePrepared = await prepare(reference, { policy });
      const budget = 3_000;
      const total = (
        await reference.run((c) =>
          writeResults(c, { ...writeInput(referencePrepared, policy), requestBudgetBytes: budget }),
        )
      ).syncs;
      expect(total).toBeGreaterThan(10);
      const expected = sheetState(reference, LEDGER);
      const expectedSummary = sheetState(reference, SUMMARY);
      const original = sheetState(await memoryWithLedger(rows), LEDGER);
      for (let sync = 1; sync <= total; sync++) {
        for (const afterCommands of [0, 3, 9]) {
          const host = await memoryWithLedger(rows);
          const prepared = await prepare(host, { policy });
          host.failOnSync(host.syncs.length + sync, { afterCommands });
          const failed = await host
            .run((c) => writeResults(c, { ...writeInput(prepared, policy), requestBudgetBytes: budget }))
            .then(
              () => false,
              () => true,
            );
          expect(failed).toBe(true);
          // The ledger is untouched, or our columns say they are incomplete, or they are complete
          // (the failure came after the last value: only the record of the run was left to write).
          const state = sheetState(host, LEDGER);
          const marked = host.values(LEDGER, 'J1')[0][0] === INCOMPLETE_MARKERS.fr;
          if (!marked) expect([original, expected]).toContainEqual(state);
          // Likewise the summary sheet: absent, empty, titled with the marker, or complete.
          if (host.sheetNames().includes(SUMMARY) && host.values(SUMMARY, 'A1')[0][0] !== INCOMPLETE_MARKERS.fr) {
            expect([new Map(), expectedSummary]).toContainEqual(sheetState(host, SUMMARY));
          }
          const again = await prepare(host, { policy });
          await host.run((c) => writeResults(c, writeInput(again, policy)));
          expect(sheetState(host, LEDGER)).toEqual(expected);
          expect(sheetState(host, SUMMARY)).toEqual(expectedSummary);
          expect(host.conditionalFormats(LEDGER)).toHaveLength(5);
          expect(host.setting(OUTPUT_SETTING)).toMatchObject({ complete: true });
        }
      }
    },
    FUZZ_TIMEOUT,
  );

  test('.xlsx: the package writer failing while it writes leaves the previous output intact and no temporary file; a re-run repairs', async () => {
    const policy = testPolicy();
    const input = path.join(dir, 'crash.xlsx');
    const output = path.join(dir, 'crash-out', 'annotated.xlsx');
    await writeXlsxLedger(input, [
      { id: 'B1', name: 'Dupont', no: 'F1' },
      { id: 'B2', name: 'Martin', no: 'F2' },
    ]);
    await annotate(input, output, policy);
    const previous = await fs.readFile(output);
    const spy = jest.spyOn(XlsxPackage.prototype, 'toBuffer').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    try {
      await expect(annotate(input, output, testPolicy('another message'))).rejects.toThrow('disk on fire');
    } finally {
      spy.mockRestore();
    }
    expect(await fs.readFile(output)).toEqual(previous);
    expect(await fs.readdir(path.dirname(output))).toEqual(['annotated.xlsx']);
    await annotate(input, output, testPolicy('another message'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(String(wb.getWorksheet('Balance')!.getCell('O2').value)).toMatch(/^another message/);
  });
});
