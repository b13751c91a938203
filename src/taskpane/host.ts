/// <reference types="office-js" />
/**
 * The workbook the pane works on: Excel itself, or the built-in demo workbook when the pane runs in
 * a plain browser. Both take the same `src/excel` calls, so the pane has one code path; the only
 * difference is what Excel alone can do (load the add-in with the workbook).
 */
import { enableLoadOnOpen } from '../commands/startup';

export interface WorkbookHost {
  kind: 'excel' | 'demo';
  /** `Excel.run`, or its in-memory double. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Load the add-in (and its custom functions) when this workbook opens; nothing to do in the demo. */
  enableLoadOnOpen(): Promise<void>;
  /**
   * The host answers a read of a whole sheet in one response: Excel on Windows and Mac. Excel on the
   * web refuses responses over 5 MB, so there (and in the demo, which keeps that limit) big sheets
   * are read in slices. See `readSheet`.
   */
  wholeSheetAtOnce: boolean;
}

export function excelHost(): WorkbookHost {
  return {
    kind: 'excel',
    run: (batch) => Excel.run(batch),
    enableLoadOnOpen,
    wholeSheetAtOnce: isDesktop(Office.context?.platform),
  };
}

/** Excel on Windows or Mac (`Office.PlatformType.PC`, `.Mac`); anywhere else reads stay sliced. */
function isDesktop(platform: Office.PlatformType | undefined): boolean {
  return String(platform) === 'PC' || String(platform) === 'Mac';
}

/** The structural part of `MemoryWorkbook` the pane uses: keeps the double out of this module's imports. */
export interface InMemoryWorkbook {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export function demoHost(workbook: InMemoryWorkbook): WorkbookHost {
  return {
    kind: 'demo',
    run: (batch) => workbook.run(batch),
    enableLoadOnOpen: () => Promise.resolve(),
    wholeSheetAtOnce: false,
  };
}
