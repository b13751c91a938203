/**
 * Writes the annotated workbook: the user's ledger with credit-cover's exposure columns appended,
 * the `credit-cover` summary sheet and its chart. The user's cells are never written over; the
 * columns and sheet of a previous run are found again and replaced.
 *
 * The input package is patched, not re-saved: the ledger sheet's XML is rewritten as it streams
 * (xlsx-write-ledger.ts), styles.xml gets our formats appended, the summary sheet and its chart
 * are new parts, and every other part is copied byte for byte. See docs/decisions/workbook-output.md.
 */
import { promises as fs } from 'fs';
import path from 'path';
import type { Evaluation } from '../domain';
import { buildSummaryModel, CHART_COLOURS } from '../sheet/output';
import type { Lang } from '../sheet/output-labels';
import type { Cell } from '../sheet/table';
import { canonicalPath, writeFileAtomic } from './files';
import { buildSummarySheet, isSummaryTitle, SUMMARY_SHEET_NAME } from './summary-sheet';
import { addChartParts, type PartStore } from './xlsx-chart';
import { CONTENT_TYPE, freePartName, PackageError, REL, WorkbookPart, XlsxPackage } from './xlsx-package';
import { packTextStream, ZipFormatError } from './xlsx-package-zip';
import { csvPackage, excelSheetName } from './xlsx-write-csv';
import { firstCellText, LedgerPatcher, SharedStrings } from './xlsx-write-ledger';
import { StyleSheet } from './xlsx-write-styles';

export { csvNumber } from './xlsx-write-csv';

export type WorkbookSource =
  | { kind: 'xlsx'; path: string; sheetName: string }
  /** `path`, when the table came from a file, lets the writer refuse to write over it. */
  | { kind: 'csv'; table: Cell[][]; sheetName: string; path?: string };

export interface AnnotateOptions {
  source: WorkbookSource;
  evaluation: Evaluation;
  /** 1-based row of the ledger's headers. */
  headerRow: number;
  /** 1-based row of the ledger's last data row. */
  lastDataRow: number;
  lang: Lang;
  outPath: string;
  /** Told about what the output cannot carry over from the input (macros, in an .xlsx output). */
  onWarning?: (message: string) => void;
}

export async function writeAnnotatedWorkbook(options: AnnotateOptions): Promise<void> {
  const { source, evaluation, headerRow, lastDataRow, lang, outPath } = options;
  if (!Number.isInteger(headerRow) || headerRow < 1) throw new Error(`headerRow must be a row number ≥ 1`);
  if (!Number.isInteger(lastDataRow) || lastDataRow < headerRow) {
    throw new Error(`lastDataRow must be a row number ≥ headerRow (${headerRow})`);
  }
  await refuseSameFile(source, outPath);
  if (source.sheetName === SUMMARY_SHEET_NAME) {
    throw new Error(`the ledger sheet is named "${SUMMARY_SHEET_NAME}", the name of credit-cover's summary sheet`);
  }

  let pkg: XlsxPackage;
  let sheetName = source.sheetName;
  let where: string;
  if (source.kind === 'xlsx') {
    pkg = openPackage(await fs.readFile(source.path), source.path);
    where = source.path;
  } else {
    sheetName = excelSheetName(source.sheetName);
    pkg = csvPackage(source.table, sheetName, lang, new Date());
    where = source.path ?? 'the CSV ledger';
  }
  const workbook = WorkbookPart.find(pkg);
  const sheets = workbook.sheets();
  const ledger = sheets.find((s) => s.name === sheetName);
  if (!ledger || ledger.part === null || !pkg.has(ledger.part)) {
    throw new Error(`${where} has no sheet named "${sheetName}"`);
  }
  if (ledger.relType !== REL.worksheet) throw new Error(`"${sheetName}" of ${where} is not a worksheet`);
  const stringsPart = pkg.related(workbook.path, REL.sharedStrings)[0];
  const strings = new SharedStrings(() => (stringsPart === undefined ? null : pkg.text(stringsPart)));

  // Refused before any work: a sheet of the user's that happens to bear our name.
  const previousSummary = sheets.find((s) => s.name === SUMMARY_SHEET_NAME);
  if (previousSummary) {
    const xml = previousSummary.part === null ? null : pkg.text(previousSummary.part);
    if (previousSummary.relType !== REL.worksheet || xml === null || !isSummaryTitle(firstCellText(xml, strings))) {
      throw new Error(
        `the workbook already has a sheet named "${SUMMARY_SHEET_NAME}" that credit-cover did not write: rename it first`,
      );
    }
  }

  let stylesPart = pkg.related(workbook.path, REL.styles)[0];
  const stylesXml = stylesPart === undefined ? null : pkg.text(stylesPart);
  const styles = stylesXml === null ? StyleSheet.empty() : StyleSheet.parse(stylesXml);
  if (stylesPart === undefined || stylesXml === null) {
    stylesPart = 'xl/styles.xml';
    if (!pkg.related(workbook.path, REL.styles).includes(stylesPart)) {
      pkg.addRelationship(
        workbook.path,
        REL.styles,
        path.posix.relative(path.posix.dirname(workbook.path), stylesPart),
      );
    }
    pkg.setOverride(stylesPart, CONTENT_TYPE.styles);
  }
  const date1904 = workbook.date1904();

  // The ledger: streamed from the input part into its deflated replacement.
  const patcher = new LedgerPatcher({ sheetName, evaluation, headerRow, lastDataRow, lang, styles, strings, date1904 });
  pkg.putPacked(ledger.part, await packTextStream(patcher.run(pkg.textChunks(ledger.part)), pkg.timeStamp));
  if (patcher.removedFormula) {
    // The calculation chain lists formula cells; Excel rebuilds it when it is missing.
    for (const chain of pkg.related(workbook.path, REL.calcChain)) pkg.removeRelatedPart(workbook.path, chain);
  }

  // The summary: a previous run's sheet is rewritten where it is (the user may have moved it), else added last.
  const model = buildSummaryModel(evaluation, lang);
  const { sheet, placement } = buildSummarySheet(model);
  let summaryPart: string;
  let summaryIndex: number;
  if (previousSummary && previousSummary.part !== null) {
    summaryPart = previousSummary.part;
    summaryIndex = sheets.indexOf(previousSummary);
    pkg.removeDependents(summaryPart);
  } else {
    summaryPart = freePartName(pkg, 'xl/worksheets', 'sheet');
    summaryIndex = workbook.addSheet(SUMMARY_SHEET_NAME, summaryPart);
    pkg.setOverride(summaryPart, CONTENT_TYPE.worksheet);
  }
  workbook.setFilterDatabase(summaryIndex, sheet.filterDatabase(SUMMARY_SHEET_NAME));
  const drawing = await addChartParts(packageStore(pkg), summaryPart, [
    {
      sheetName: SUMMARY_SHEET_NAME,
      title: model.chart.title,
      categoryColumn: placement.categoryColumn,
      headerRow: placement.headerRow,
      categories: model.chart.categories,
      series: model.chart.series.map((s) => ({ name: s.name, values: s.values, colour: CHART_COLOURS[s.key] })),
      valueFormat: model.formats.amount.replace('0.00', '0'),
      anchor: placement.anchor,
    },
  ]);
  pkg.putPacked(summaryPart, await packTextStream(sheet.xml(styles, date1904, drawing), pkg.timeStamp));
  pkg.put(stylesPart, styles.toXml());
  matchOutputKind(pkg, workbook, outPath, options.onWarning);
  await writeFileAtomic(outPath, pkg.toBuffer());
}

function openPackage(bytes: Buffer, file: string): XlsxPackage {
  try {
    return XlsxPackage.fromZip(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError || error instanceof PackageError) {
      throw new Error(`${file}: not a readable .xlsx workbook (${error.message})`);
    }
    throw error;
  }
}

function packageStore(pkg: XlsxPackage): PartStore {
  return {
    read: async (part) => pkg.text(part),
    write: (part, text) => pkg.put(part, text),
    has: (part) => pkg.has(part),
  };
}

/**
 * Excel opens a file only when its extension matches the workbook's content type: an .xlsm or
 * .xltx input written to an .xlsx gets the .xlsx type, and an .xlsx cannot hold macros.
 */
function matchOutputKind(
  pkg: XlsxPackage,
  workbook: WorkbookPart,
  outPath: string,
  onWarning: ((message: string) => void) | undefined,
): void {
  const wanted: Record<string, string> = {
    '.xlsx': CONTENT_TYPE.workbook,
    '.xlsm': CONTENT_TYPE.workbookMacro,
    '.xltx': CONTENT_TYPE.template,
    '.xltm': CONTENT_TYPE.templateMacro,
  };
  const type = wanted[path.extname(outPath).toLowerCase()];
  if (type === undefined) return;
  if (pkg.contentTypeOf(workbook.path) !== type) pkg.setOverride(workbook.path, type);
  const macros = pkg.related(workbook.path, REL.vbaProject);
  if (macros.length > 0 && (type === CONTENT_TYPE.workbook || type === CONTENT_TYPE.template)) {
    for (const part of macros) pkg.removeRelatedPart(workbook.path, part);
    onWarning?.(
      `the input's macros cannot be kept in ${path.basename(outPath)}: name the output .xlsm to keep them (the input file is unchanged)`,
    );
  }
}

/** The output must never replace its own input: a failed or wrong run would leave the user nothing. */
async function refuseSameFile(source: WorkbookSource, outPath: string): Promise<void> {
  const input = source.path;
  if (input === undefined) return;
  const [a, b] = await Promise.all([canonicalPath(input), canonicalPath(outPath)]);
  if (a === b) throw new Error(`the output ${outPath} is the input file: choose another output path`);
}
