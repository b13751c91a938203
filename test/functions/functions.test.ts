/**
 * functions.ts as Excel runs it: the file with the `CustomFunctions.associate` calls the plugin's
 * loader appends, compiled and run against a stand-in for Excel's CustomFunctions object; each
 * registered function is then invoked the way Excel invokes a streaming function.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { MemoryWorkbook } from '../../src/excel/memory-host';
import * as coverModule from '../../src/functions/cover';
import * as officeModule from '../../src/functions/office';
import * as streamModule from '../../src/functions/stream';
import { stored } from './helpers';

const FUNCTIONS_TS = path.join(__dirname, '../../src/functions/functions.ts');
const STORE_KEY = Symbol.for('credit-cover.policy-store');
const ATTACHED_KEY = Symbol.for('credit-cover.policy-store.attached');
const page = globalThis as Record<string | symbol, unknown>;

/** Excel's CustomFunctions.Error, as far as a cell shows it. */
class ExcelError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

type CustomFunction = (...args: unknown[]) => void;
const registered = new Map<string, CustomFunction>();

const customFunctions = {
  associate: (id: string, fn: CustomFunction) => registered.set(id, fn),
  Error: ExcelError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
};

/** The modules functions.ts imports; a new import makes this test fail until it is listed. */
const MODULES: Record<string, unknown> = { './cover': coverModule, './office': officeModule, './stream': streamModule };

function reset(): void {
  for (const key of [STORE_KEY, ATTACHED_KEY, 'Office', 'Excel']) delete page[key];
}

beforeAll(async () => {
  reset();
  // English Excel, on a workbook without a policy.
  const globals = new MemoryWorkbook().officeGlobals() as { Office: { context: { displayLanguage: string } } };
  globals.Office.context.displayLanguage = 'en-US';
  page.Office = globals.Office;
  const generated = await generateCustomFunctionsMetadata(FUNCTIONS_TS);
  expect(generated.errors).toEqual([]);
  // What custom-functions-metadata-plugin's loader appends before ts-loader compiles the file.
  const source =
    fs.readFileSync(FUNCTIONS_TS, 'utf8') +
    generated.associate.map((a) => `\nCustomFunctions.associate("${a.id}", ${a.functionName});`).join('');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const requireModule = (spec: string): unknown => {
    if (!(spec in MODULES)) throw new Error(`functions.ts imports ${spec}: add it to MODULES`);
    return MODULES[spec];
  };
  const module = { exports: {} };
  const run = new Function('exports', 'require', 'module', 'CustomFunctions', js) as (...args: unknown[]) => void;
  run(module.exports, requireModule, module, customFunctions);
});

afterAll(reset);

/** Invokes a registered function as Excel invokes a streaming one; returns what the cell shows, in order. */
function invoke(id: string, ...args: unknown[]): { results: unknown[]; cancel: () => void } {
  const fn = registered.get(id);
  if (fn === undefined) throw new Error(`${id} is not registered`);
  const results: unknown[] = [];
  const invocation: { setResult: (v: unknown) => void; onCanceled?: () => void } = {
    setResult: (v) => results.push(v),
  };
  fn(...args, invocation);
  return { results, cancel: () => invocation.onCanceled?.() };
}

test('all nine functions are registered under their ids', () => {
  expect([...registered.keys()].sort()).toEqual(
    [
      'CLAIMABLE_ON',
      'COVERED',
      'COVER_STATUS',
      'DECLARE_BY',
      'INDEMNITY_PERCENT',
      'INSURED_LIMIT',
      'LIMIT_KIND',
      'POLICY',
      'UNINSURED',
    ].sort(),
  );
});

test('without a policy a cell is #N/A with the message; storing one updates it without F9', () => {
  const cell = invoke('INSURED_LIMIT', '054321872');
  expect(cell.results).toEqual([new ExcelError('#N/A', 'No credit-cover policy in this workbook')]);
  officeModule.getPolicyStore().setPolicy(stored('fr-pme-globale', '2027-06-30'));
  expect(cell.results[1]).toBe(40000);
  officeModule.getPolicyStore().setPolicy(stored('strict', '2027-06-30'));
  expect(cell.results[2]).toBe(2000);
  cell.cancel();
});

test('each function, through the Excel layer (fr-pme as of 2027-06-30)', () => {
  officeModule.getPolicyStore().setPolicy(stored('fr-pme-globale', '2027-06-30'));
  const first = (id: string, ...args: unknown[]): unknown => {
    const cell = invoke(id, ...args);
    cell.cancel();
    return cell.results[0];
  };
  expect(first('INSURED_LIMIT', '412369852')).toBe(30000);
  expect(first('LIMIT_KIND', '987654321')).toBe('discretionary');
  expect(first('INDEMNITY_PERCENT', '054321872')).toBe(90);
  expect(first('COVERED', '054321872', 1200)).toBe(900);
  expect(first('UNINSURED', '054321872', 1200)).toBe(300);
  // Optional arguments Excel leaves out arrive as null.
  expect(first('COVER_STATUS', '054321872', 1200, '2027-01-20', '2027-02-19', null, null)).toBe('excluded: carence');
  expect(first('COVER_STATUS', '054321872', 1200, 46522, 46552, null, null)).toBe('covered');
  expect(first('DECLARE_BY', '2027-04-09')).toBe(46546);
  expect(first('CLAIMABLE_ON', 46486)).toBe(46636);
  expect(first('POLICY', 'id')).toBe('FR-PME-2027-0042');
  expect(first('POLICY', 'premium')).toEqual(
    new ExcelError('#VALUE!', expect.stringMatching(/^field: unknown policy field "premium"/) as unknown as string),
  );
  expect(first('COVERED', '054321872', 'x')).toEqual(
    new ExcelError('#VALUE!', 'exposure: expected an amount, got "x"'),
  );
  expect(officeModule.getPolicyStore().listenerCount).toBe(0);
});
