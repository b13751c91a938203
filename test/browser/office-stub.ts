/**
 * Stands in for Microsoft's office.js in the browser test: the test serves this file (bundled by
 * esbuild) at office.js's CDN address, so the page built for Excel runs against an in-memory Excel
 * (src/excel/memory-host.ts) instead. The test sets `window.__creditCoverStubConfig` before the
 * page loads (sheets to prefill, display language, host) and reads the workbook the pane wrote
 * through `window.__creditCoverHost`.
 */
import { MemoryWorkbook, type HostCellValue } from '../../src/excel/memory-host';

export interface StubSheet {
  name: string;
  /** Row-major from A1; strings stay strings, as a CSV opened in Excel with text columns would. */
  values: HostCellValue[][];
}

export interface StubConfig {
  /** What `Office.onReady` reports: `'Excel'`, or null as office.js does outside Office. */
  host: 'Excel' | null;
  displayLanguage: string;
  sheets: StubSheet[];
  /** Workbook settings the workbook was saved with (a stored policy …). */
  settings?: Record<string, unknown>;
}

interface StubWindow {
  __creditCoverStubConfig?: StubConfig;
  __creditCoverHost?: MemoryWorkbook;
  /** What the pane asked `Office.addin.setStartupBehavior` for. */
  __creditCoverStartup?: string;
  Office?: unknown;
  Excel?: unknown;
  CustomFunctions?: unknown;
}

const page = window as unknown as StubWindow;
const config: StubConfig = page.__creditCoverStubConfig ?? { host: 'Excel', displayLanguage: 'en-US', sheets: [] };

const workbook = new MemoryWorkbook();
for (const sheet of config.sheets) workbook.addSheet(sheet.name).setCells(sheet.name, 'A1', sheet.values);
if (config.sheets.length === 0) workbook.addSheet('Sheet1');
for (const [key, value] of Object.entries(config.settings ?? {})) workbook.setSetting(key, value);

// The double's own globals give Excel.run over the workbook and Office's document settings on the same store.
const globals = workbook.officeGlobals() as {
  Excel: Record<string, unknown>;
  Office: { context: { document: unknown } } & Record<string, unknown>;
};

let startup = 'None';
const info = { host: config.host, platform: config.host === null ? null : 'OfficeOnline' };

page.Office = {
  ...globals.Office,
  HostType: { Excel: 'Excel' },
  EventType: { SettingsChanged: 'settingsChanged' },
  StartupBehavior: { none: 'None', load: 'Load' },
  onReady: (callback?: (ready: typeof info) => void) => {
    callback?.(info);
    return Promise.resolve(info);
  },
  context: { ...globals.Office.context, displayLanguage: config.displayLanguage },
  addin: {
    getStartupBehavior: () => Promise.resolve(startup),
    setStartupBehavior: (behavior: string) => {
      startup = behavior;
      page.__creditCoverStartup = behavior;
      return Promise.resolve();
    },
  },
};
// Outside Office, office.js defines no Excel: the pane must not find one.
if (config.host === 'Excel') page.Excel = globals.Excel;

// The custom functions register with Excel when their script loads; here there is nobody to register with.
class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
page.CustomFunctions = {
  associate: () => undefined,
  Error: CustomFunctionError,
  ErrorCode: {
    invalidValue: '#VALUE!',
    notAvailable: '#N/A',
    divisionByZero: '#DIV/0!',
    invalidNumber: '#NUM!',
    nullReference: '#NULL!',
    invalidName: '#NAME?',
    invalidReference: '#REF!',
  },
};

page.__creditCoverHost = workbook;
