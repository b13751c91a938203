/**
 * Dates, wherever they come from (Excel serials from Office.js, ExcelJS dates from .xlsx files, CSV
 * text), near Excel's 1900 leap-year bug, before 1970, after 2100 and around 29 February, read and
 * computed the same in every time zone of the machine.
 *
 * Serial 60 is Excel's 29/02/1900, a day that never existed. The reader never reads it as a
 * neighbouring day: the row is reported (`bad-date`), from a number cell and from an .xlsx file alike.
 * Serials in hand-worked tables below are days since 1899-12-30, valid from 61 (1900-03-01) on.
 *
 * CI also runs this file (and test/domain, test/sheet, test/cli) under TZ=Pacific/Auckland and
 * TZ=America/Los_Angeles (.ci/run); the last tests here start child processes in several zones.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import {
  dayFromExcelSerial,
  dayFromParts,
  evaluate,
  excelSerialFromDay,
  formatIsoDay,
  parseIsoDay,
  partsFromDay,
} from '../../src/domain';
import { runEvaluate } from '../../src/cli/evaluate';
import { excelJsDateCell, readTableFromFile } from '../../src/cli/input';
import { loadRuleFile } from '../../src/rules';
import { readLedger, type Cell } from '../../src/sheet';
import { scanDate } from '../../src/sheet/dates';
import { FUZZ_TIMEOUT, fuzzParams } from './params';

const root = path.resolve(__dirname, '../..');
const MAX_SERIAL = 2958465; // 9999-12-31
const day = (iso: string): number => parseIsoDay(iso) as number;

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-dates-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('Excel serials', () => {
  test.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [25568, '1969-12-31'],
    [25569, '1970-01-01'],
    [18429, '1950-06-15'],
    [46811, '2028-02-28'],
    [46812, '2028-02-29'],
    [46813, '2028-03-01'],
    [73109, '2100-02-28'],
    [73110, '2100-03-01'],
    [91313, '2150-01-01'],
    [MAX_SERIAL, '9999-12-31'],
  ])('serial %i is %s, and back', (serial, iso) => {
    expect(formatIsoDay(dayFromExcelSerial(serial))).toBe(iso);
    expect(excelSerialFromDay(day(iso))).toBe(serial);
    expect(scanDate(serial, 'dd/mm/yyyy')).toEqual({ kind: 'day', day: day(iso) });
  });

  test('every serial but 60 is one day and back; consecutive serials are consecutive days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SERIAL - 1 }), (serial) => {
        fc.pre(serial !== 60);
        expect(excelSerialFromDay(dayFromExcelSerial(serial))).toBe(serial);
        const next = serial === 59 ? 61 : serial + 1;
        expect(dayFromExcelSerial(next) - dayFromExcelSerial(serial)).toBe(1);
      }),
      fuzzParams(2000, 20271210),
    );
  });

  test('serial 60 (29/02/1900, which never was) is refused, with the reason, whatever its time of day', () => {
    for (const cell of [60, 60.5, 60.999]) {
      const scan = scanDate(cell, 'dd/mm/yyyy');
      expect(scan).toEqual({ kind: 'bad', reason: expect.stringContaining('1900 leap-year bug') });
    }
    // Its text, typed by hand, is no date either; 2100 is not a leap year; 2028 is.
    expect(scanDate('1900-02-29', null).kind).toBe('bad');
    expect(scanDate('29/02/2100', null).kind).toBe('parts'); // read with the column's order, then refused
    expect(scanDate('2100-02-29', null).kind).toBe('bad');
    expect(scanDate('2028-02-29', null)).toEqual({ kind: 'day', day: day('2028-02-29') });
  });

  test('a day reads the same from a serial, an ExcelJS date, ISO text and d/m/y text', () => {
    fc.assert(
      fc.property(fc.integer({ min: day('1900-03-01'), max: day('2199-12-31') }), (d) => {
        const { year, month, day: dd } = partsFromDay(d);
        expect(dayFromParts(year, month, dd)).toBe(d);
        const serial = excelSerialFromDay(d);
        expect(scanDate(serial, 'dd/mm/yyyy')).toEqual({ kind: 'day', day: d });
        // What ExcelJS gives for that serial: the instant (serial − 25569) days after 1970, UTC.
        const excelJs = new Date((serial - 25569) * 86_400_000);
        expect(scanDate(excelJsDateCell(excelJs, false), 'dd/mm/yyyy')).toEqual({ kind: 'day', day: d });
        expect(scanDate(formatIsoDay(d), null)).toEqual({ kind: 'day', day: d });
        const dmy = `${String(dd).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
        const scan = scanDate(dmy, null);
        if (scan.kind === 'parts') expect(dayFromParts(scan.year, scan.second, scan.first)).toBe(d);
        else expect(scan).toEqual({ kind: 'day', day: d });
      }),
      fuzzParams(2000, 20271211),
    );
  });
});

describe('the 1900 leap-year bug, from a sheet and from an .xlsx file', () => {
  const headers = ['Code client', 'N° facture', 'Date facture', 'Échéance', 'Solde'];
  // Serials 59, 60, 61 as invoice dates, and one ordinary row.
  const serials = [59, 60, 61, 46812];

  function expectNearTheBug(values: Cell[][]): void {
    const result = readLedger({ values, formats: values.map((r) => r.map(() => 'dd/mm/yyyy')) });
    if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(result.ledger.invoices.map((i) => [i.invoiceNo, formatIsoDay(i.invoiceDate)])).toEqual([
      ['F59', '1900-02-28'],
      ['F61', '1900-03-01'],
      ['F46812', '2028-02-29'],
    ]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      {
        row: 3,
        column: 'Date facture',
        code: 'bad-date',
        severity: 'error',
        message: expect.stringContaining('29/02/1900, a day that never existed'),
      },
    ]);
    expect(result.ledger.rowsRead).toBe(4);
  }

  test('number cells (what Office.js gives): 59 and 61 are read, 60 is reported', () => {
    expectNearTheBug([headers, ...serials.map((s) => ['B1', `F${s}`, s, 46900, 100])]);
  });

  test('date cells of a real .xlsx file (ExcelJS puts serials below 61 one day early): the same days', async () => {
    const file = path.join(dir, 'leap-1900.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Balance');
    ws.addRow(headers);
    for (const s of serials) ws.addRow(['B1', `F${s}`, s, 46900, 100]);
    ws.getColumn(3).numFmt = 'dd/mm/yyyy';
    ws.getColumn(4).numFmt = 'dd/mm/yyyy';
    await wb.xlsx.writeFile(file);
    const { table } = await readTableFromFile(file);
    expect(table.values[1]?.[2]).toEqual(new Date(Date.UTC(1900, 1, 28)));
    expectNearTheBug(table.values);
  });

  test('the 1904 date system: ExcelJS-style dates kept as they are', () => {
    const date = new Date(Date.UTC(1904, 0, 1));
    expect(excelJsDateCell(date, true)).toBe(date);
    expect(excelJsDateCell(new Date(Date.UTC(1900, 0, 1)), true)).toEqual(new Date(Date.UTC(1900, 0, 1)));
  });
});

describe('computed across 29 February, before 1970 and after 2100', () => {
  // A policy that starts on 1 February 2028 with 30 days of carence: cover starts on 2 March 2028
  // (29 days in February 2028), and an undeclared overdue invoice must be declared 30 days after its due date.
  const RULES = {
    format: 'credit-cover/rules@1',
    policy: {
      id: 'LEAP',
      version: '1.0.0',
      currency: 'EUR',
      period: { start: '2028-02-01', end: '2028-12-31' },
      indemnityPercent: { named: 90, discretionary: 50 },
      discretionaryLimit: 100000,
      carenceDays: 30,
      declarationDeadlineDays: 30,
      indemnityWaitingDays: 90,
    },
  };

  // invoice, invoice date, due date: serials from Office.js, days as worked out on a calendar.
  const rows: [string, number, number][] = [
    ['before-carence-end', 46813, 46843], // 2028-03-01, due 2028-03-31
    ['carence-ended', 46814, 46844], // 2028-03-02, due 2028-04-01
    ['leap-day', 46812, 46812], // 2028-02-29, due the same day
    ['due-mid-feb', 46783, 46798], // 2028-01-31, due 2028-02-15
    ['before-1970', 25538, 25568], // 1969-12-01, due 1969-12-31
    ['after-2100', 73096, 73096], // 2100-02-15, due the same day
  ];

  test('carence, declare-by and claimable-on, day by day', () => {
    const values: Cell[][] = [
      ['Code client', 'N° facture', 'Date facture', 'Échéance', 'Solde'],
      ...rows.map(([no, date, due]) => ['B1', no, date, due, 1000]),
    ];
    const read = readLedger({
      values,
      formats: values.map((r) => r.map((_, c) => (c === 2 || c === 3 ? 'dd/mm/yyyy' : null))),
    });
    if (read.ledger === null) throw new Error('no ledger');
    const loaded = loadRuleFile(JSON.stringify(RULES));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    const e = evaluate(read.ledger, loaded.policy, { asOf: day('2028-03-10') });
    const byNo = Object.fromEntries(e.invoices.map((i) => [i.invoiceNo, i]));
    expect(
      rows.map(([no]) => [
        no,
        byNo[no].invoiceDate,
        byNo[no].dueDate,
        byNo[no].reasons,
        byNo[no].declareBy,
        byNo[no].claimableOn,
      ]),
    ).toEqual([
      ['before-carence-end', '2028-03-01', '2028-03-31', ['carence'], '2028-04-30', '2028-06-29'],
      ['carence-ended', '2028-03-02', '2028-04-01', [], '2028-05-01', '2028-06-30'],
      ['leap-day', '2028-02-29', '2028-02-29', ['carence'], '2028-03-30', '2028-05-29'],
      ['due-mid-feb', '2028-01-31', '2028-02-15', ['outside-period', 'carence'], '2028-03-16', '2028-05-15'],
      [
        'before-1970',
        '1969-12-01',
        '1969-12-31',
        ['outside-period', 'carence', 'declaration-late'],
        '1970-01-30',
        '1970-03-31',
      ],
      ['after-2100', '2100-02-15', '2100-02-15', ['outside-period'], '2100-03-17', '2100-05-16'],
    ]);
    expect(byNo['leap-day'].daysOverdue).toBe(10); // 29 Feb → 10 Mar 2028
    expect(byNo['before-1970'].daysOverdue).toBe(day('2028-03-10') - day('1969-12-31'));
  });
});

describe('time zones', () => {
  const RULES_FILE = (): string => path.join(dir, 'rules.json');

  async function ledgers(): Promise<{ xlsx: string; csv: string }> {
    await fs.writeFile(
      RULES_FILE(),
      JSON.stringify({
        format: 'credit-cover/rules@1',
        policy: {
          id: 'TZ',
          version: '1.0.0',
          currency: 'EUR',
          period: { start: '2028-01-01', end: '2028-12-31' },
          indemnityPercent: { named: 90, discretionary: 70 },
          discretionaryLimit: 5000,
          carenceDays: 30,
          declarationDeadlineDays: 30,
          maxExtensionDays: 60,
        },
      }),
    );
    const xlsx = path.join(dir, 'tz.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Balance');
    ws.addRow(['Code client', 'N° facture', 'Date facture', 'Échéance', 'Solde']);
    ws.addRow(['B1', 'F1', new Date(Date.UTC(2028, 1, 29)), new Date(Date.UTC(2028, 2, 30)), 1200.5]);
    ws.addRow(['B1', 'F2', 46780, 46812, 800]);
    ws.addRow(['B2', 'F3', new Date(Date.UTC(1969, 11, 31)), new Date(Date.UTC(2100, 2, 1)), 10]);
    ws.addRow(['B2', 'F4', 59, 61, 10]);
    ws.getColumn(3).numFmt = 'dd/mm/yyyy';
    ws.getColumn(4).numFmt = 'dd/mm/yyyy';
    await wb.xlsx.writeFile(xlsx);
    const csv = path.join(dir, 'tz.csv');
    await fs.writeFile(
      csv,
      'Code client;N° facture;Date facture;Échéance;Solde\nB1;F1;29/02/2028;30/03/2028;1200,50\nB1;F2;2028-01-28;2028-02-29;800\n',
    );
    return { xlsx, csv };
  }

  test('the CLI’s default as-of date is today on the user’s calendar, also a second before and after midnight', async () => {
    const { csv } = await ledgers();
    const asOfAt = async (now: Date): Promise<string> =>
      (
        await runEvaluate(
          { ledger: csv, rules: RULES_FILE(), map: [], lang: 'en', today: () => now },
          { out: () => undefined, err: () => undefined },
        )
      ).asOf;
    // Instants built from this machine's local clock: whatever the zone, the local calendar decides.
    expect(await asOfAt(new Date(2028, 1, 28, 23, 59, 59))).toBe('2028-02-28');
    expect(await asOfAt(new Date(2028, 1, 29, 0, 0, 1))).toBe('2028-02-29');
    expect(await asOfAt(new Date(2028, 1, 29, 23, 59, 59))).toBe('2028-02-29');
    expect(await asOfAt(new Date(2028, 2, 1, 0, 0, 0))).toBe('2028-03-01');
  });

  test(
    'in Auckland, Los Angeles, Kiritimati (UTC+14) and UTC: the same evaluations; as-of is the local day',
    async () => {
      const { xlsx, csv } = await ledgers();
      // 11:59:59Z is 23:59:59 in Auckland (UTC+12 in June), 04:59:59 in Los Angeles (UTC−7).
      const instants = ['2027-06-30T11:59:59Z', '2027-06-30T12:00:00Z', '2027-07-01T06:59:59Z', '2027-07-01T07:00:00Z'];
      const expectedDefaults: Record<string, string[]> = {
        'Pacific/Auckland': ['2027-06-30', '2027-07-01', '2027-07-01', '2027-07-01'],
        'America/Los_Angeles': ['2027-06-30', '2027-06-30', '2027-06-30', '2027-07-01'],
        'Pacific/Kiritimati': ['2027-07-01', '2027-07-01', '2027-07-01', '2027-07-01'],
        UTC: ['2027-06-30', '2027-06-30', '2027-07-01', '2027-07-01'],
      };
      const probe = path.join(__dirname, 'tz-probe.ts');
      const outputs = await Promise.all(
        Object.keys(expectedDefaults).map(async (zone) => {
          const { stdout } = await promisify(execFile)(
            process.execPath,
            ['--import', 'tsx', probe, xlsx, csv, RULES_FILE(), ...instants],
            { cwd: root, env: { ...process.env, TZ: zone } },
          );
          return JSON.parse(stdout) as { zone: string; defaults: string[]; evaluations: string[]; epoch: string };
        }),
      );
      const [first] = outputs;
      for (const output of outputs) {
        expect(output.defaults).toEqual(expectedDefaults[output.zone]);
        expect(output.evaluations).toEqual(first.evaluations);
        expect(output.epoch).toBe('1970-01-01');
      }
      const [fromXlsx, fromCsv] = first.evaluations.map(
        (json) => JSON.parse(json) as { invoices: { invoiceNo: string; invoiceDate: string; dueDate: string }[] },
      );
      expect(fromXlsx.invoices.map((i) => [i.invoiceNo, i.invoiceDate, i.dueDate])).toEqual([
        ['F1', '2028-02-29', '2028-03-30'],
        ['F2', '2028-01-28', '2028-02-29'],
        ['F3', '1969-12-31', '2100-03-01'],
        ['F4', '1900-02-28', '1900-03-01'],
      ]);
      expect(fromCsv.invoices.map((i) => [i.invoiceNo, i.invoiceDate, i.dueDate])).toEqual([
        ['F1', '2028-02-29', '2028-03-30'],
        ['F2', '2028-01-28', '2028-02-29'],
      ]);
    },
    FUZZ_TIMEOUT,
  );
});
