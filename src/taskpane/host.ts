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
}

export function excelHost(): WorkbookHost {
  return {
    kind: 'excel',
    run: (batch) => Excel.run(batch),
    enableLoadOnOpen,
  };
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
  };
}
