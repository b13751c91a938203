/**
 * The public door of `excel/`: the only code that calls the Excel JavaScript API. Every function
 * takes the `Excel.RequestContext` of the caller's `Excel.run`, so the task pane decides how work
 * is grouped, and tests pass the in-memory host's context (`./memory-host`, not exported here: it
 * is a test and demo double, imported by path where wanted).
 */
export { readSheet, FIRST_READ, type ReadSheetOptions, type SheetRead } from './read';
export { placeOutput, type OutputPlacement } from './placement';
export { writeResults, widthInPoints, type WriteReport, type WriteResultsInput } from './write';
export {
  loadStoredPolicy,
  storePolicy,
  storedPolicyFromSettings,
  INLINE_POLICY_MAX_BYTES,
  POLICY_SETTING,
  POLICY_XML_NAMESPACE,
  type PolicyToStore,
  type StoredPolicy,
} from './policy-store';
export { selectRows, type SelectionReport, type SelectRowsOptions } from './select';
export { StoredPolicyError, WouldOverwriteError, type OverwriteTarget } from './errors';
export {
  INCOMPLETE_MARKERS,
  OUTPUT_NAME,
  OUTPUT_SETTING,
  SUMMARY_NAME,
  SUMMARY_SHEET_NAME,
  type OutputRecord,
} from './ownership';
export { REQUEST_BUDGET_BYTES } from './batch';
