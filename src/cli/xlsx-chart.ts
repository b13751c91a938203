/**
 * A native clustered column chart added to an .xlsx that ExcelJS has written. ExcelJS has no chart
 * API (and drops charts when it re-saves), so the DrawingML parts are inserted with JSZip:
 * the chart parts, one drawing part per sheet with its rels, the sheet's rels, a `<drawing r:id>` element in
 * the sheet, and the two content-type overrides.
 */
import { posix } from 'path';
import JSZip from 'jszip';
import { columnLetter } from '../sheet/table';

export interface ColumnChartSpec {
  /** The worksheet the chart sits on, and whose cells it reads. */
  sheetName: string;
  title: string;
  /** 1-based column of the category labels; series values follow in the next columns. */
  categoryColumn: number;
  /** 1-based row of the series names; categories and values start on the next row. */
  headerRow: number;
  categories: string[];
  series: { name: string; values: number[]; colour: string }[];
  /** Format of the value axis labels. */
  valueFormat: string;
  /** 0-based cell anchor of the drawing. */
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
}

const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  drawingMain: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  spreadsheetDrawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};
const REL_DRAWING = `${NS.rel}/drawing`;
const REL_CHART = `${NS.rel}/chart`;
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const SHEET_DRAWING_REL_ID = 'rIdCreditCoverChart';

/** Elements that must follow `<drawing>` in a worksheet (CT_Worksheet sequence). */
const AFTER_DRAWING = [
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

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `'sheet name'!$A$1:$A$6`, quotes doubled as Excel wants them. */
function sheetRef(sheetName: string, col: number, fromRow: number, toRow: number = fromRow): string {
  const letter = columnLetter(col - 1);
  const quoted = `'${sheetName.replace(/'/g, "''")}'`;
  return fromRow === toRow ? `${quoted}!$${letter}$${fromRow}` : `${quoted}!$${letter}$${fromRow}:$${letter}$${toRow}`;
}

/**
 * Where the chart code reads and writes package parts: a JSZip archive (`addColumnCharts`) or the
 * package the annotated workbook is patched in (`xlsx-package.ts`).
 */
export interface PartStore {
  read(path: string): Promise<string | null>;
  write(path: string, text: string): void;
  has(path: string): boolean;
}

function jszipStore(zip: JSZip): PartStore {
  return {
    read: async (path) => (zip.file(path) ? (zip.file(path) as JSZip.JSZipObject).async('string') : null),
    // Office writes no folder entries in its packages; JSZip would add one per new folder.
    write: (path, text) => void zip.file(path, text, { createFolders: false }),
    has: (path) => zip.file(path) !== null,
  };
}

async function readText(store: PartStore, path: string): Promise<string> {
  const text = await store.read(path);
  if (text === null) throw new Error(`the workbook has no ${path}`);
  return text;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The part path of a worksheet, from workbook.xml and its rels. */
async function sheetPartPath(store: PartStore, sheetName: string): Promise<string> {
  const workbook = await readText(store, 'xl/workbook.xml');
  const sheetTag = (workbook.match(/<sheet\b[^>]*\/?>/g) ?? []).find(
    (tag) => unescapeXml(attr(tag, 'name') ?? '') === sheetName,
  );
  const relId = sheetTag ? attr(sheetTag, 'r:id') : null;
  if (!relId) throw new Error(`the workbook has no sheet named "${sheetName}"`);
  const rels = await readText(store, 'xl/_rels/workbook.xml.rels');
  const relTag = (rels.match(/<Relationship\b[^>]*\/?>/g) ?? []).find((tag) => attr(tag, 'Id') === relId);
  const target = relTag ? attr(relTag, 'Target') : null;
  if (!target) throw new Error(`the workbook's relationships do not say where sheet "${sheetName}" is`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The first unused N for `folder/prefixN.xml`: the workbook may already hold drawings (images) or charts. */
function freeNumber(store: PartStore, folder: string, prefix: string): number {
  let n = 1;
  while (store.has(`${folder}/${prefix}${n}.xml`)) n++;
  return n;
}

function chartXml(spec: ColumnChartSpec): string {
  const first = spec.headerRow + 1;
  const last = spec.headerRow + spec.categories.length;
  const strCache = (values: string[]): string =>
    `<c:strCache><c:ptCount val="${values.length}"/>${values
      .map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`)
      .join('')}</c:strCache>`;
  const numCache = (values: number[]): string =>
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values
      .map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)
      .join('')}</c:numCache>`;
  const series = spec.series
    .map((s, j) => {
      const col = spec.categoryColumn + 1 + j;
      return (
        `<c:ser><c:idx val="${j}"/><c:order val="${j}"/>` +
        `<c:tx><c:strRef><c:f>${escapeXml(sheetRef(spec.sheetName, col, spec.headerRow))}</c:f>${strCache([s.name])}</c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${s.colour}"/></a:solidFill></c:spPr>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${escapeXml(sheetRef(spec.sheetName, spec.categoryColumn, first, last))}</c:f>${strCache(spec.categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeXml(sheetRef(spec.sheetName, col, first, last))}</c:f>${numCache(s.values)}</c:numRef></c:val>` +
        `</c:ser>`
      );
    })
    .join('');
  const rich = (text: string, size: number, bold: boolean): string =>
    `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.rel}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>` +
    `<c:title><c:tx>${rich(spec.title, 1200, true)}</c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
    `<c:gapWidth val="150"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>` +
    `<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${escapeXml(spec.valueFormat)}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart></c:chartSpace>`
  );
}

/** One chart's anchor in a drawing: the `index`-th graphic frame, pointing to relationship `rId<index + 1>`. */
function anchorXml(spec: ColumnChartSpec, index: number): string {
  const { fromCol, fromRow, toCol, toRow } = spec.anchor;
  const marker = (tag: string, col: number, row: number): string =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${marker('from', fromCol, fromRow)}${marker('to', toCol, toRow)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${index + 2}" name="${escapeXml(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="rId${index + 1}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function drawingXml(specs: readonly ColumnChartSpec[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}">` +
    specs.map(anchorXml).join('') +
    `</xdr:wsDr>`
  );
}

function relsXml(relationships: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${relationships}</Relationships>`;
}

/** Inserts `<drawing r:id>` where CT_Worksheet wants it: before the first element that must follow it. */
export function insertDrawingElement(sheetXml: string, relId: string): string {
  // Every element concerned comes after the cells: searching only there keeps a 20 MB sheet fast.
  const dataEnd = sheetXml.lastIndexOf('</sheetData>');
  const tail = dataEnd === -1 ? sheetXml : sheetXml.slice(dataEnd);
  const offset = dataEnd === -1 ? 0 : dataEnd;
  if (/<drawing\b/.test(tail)) throw new Error('the summary sheet already has a drawing');
  const element = `<drawing r:id="${relId}"/>`;
  let at = sheetXml.lastIndexOf('</worksheet>');
  for (const name of AFTER_DRAWING) {
    const i = tail.search(new RegExp(`<${name}[\\s/>]`));
    if (i !== -1 && offset + i < at) at = offset + i;
  }
  if (at === -1) throw new Error('the summary sheet XML has no </worksheet>');
  let xml = sheetXml.slice(0, at) + element + sheetXml.slice(at);
  // The r: prefix must be declared on the root (ExcelJS declares it; a bare writer might not).
  const root = /<worksheet\b[^>]*>/.exec(xml);
  if (root && !root[0].includes('xmlns:r=')) {
    xml = xml.replace(root[0], root[0].replace('<worksheet', `<worksheet xmlns:r="${NS.rel}"`));
  }
  return xml;
}

/** Returns the .xlsx bytes with the chart added. */
export async function addColumnChart(xlsx: Buffer, spec: ColumnChartSpec): Promise<Buffer> {
  return addColumnCharts(xlsx, [spec]);
}

/**
 * Returns the .xlsx bytes with every chart added, in one pass: one drawing per sheet holding that
 * sheet's charts in the order given, so several sheets (and several charts on one sheet) work.
 */
export async function addColumnCharts(xlsx: Buffer, specs: readonly ColumnChartSpec[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  await addColumnChartsTo(jszipStore(zip), specs);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * Adds the charts to the parts of `store`. `sheetPath` says where a sheet's part is; by default it
 * is read from xl/workbook.xml and its relationships.
 */
async function addColumnChartsTo(
  store: PartStore,
  specs: readonly ColumnChartSpec[],
  sheetPath: (sheetName: string) => Promise<string> = (name) => sheetPartPath(store, name),
): Promise<void> {
  const bySheet = new Map<string, ColumnChartSpec[]>();
  for (const spec of specs) {
    const list = bySheet.get(spec.sheetName);
    if (list) list.push(spec);
    else bySheet.set(spec.sheetName, [spec]);
  }
  for (const [sheetName, sheetSpecs] of bySheet) {
    const sheetPartName = await sheetPath(sheetName);
    const relId = await addChartParts(store, sheetPartName, sheetSpecs);
    store.write(sheetPartName, insertDrawingElement(await readText(store, sheetPartName), relId));
  }
}

/**
 * Adds one sheet's charts: the chart parts, their drawing, the sheet's relationship to the drawing
 * and the content types; everything but the `<drawing r:id>` element of the sheet itself, whose id
 * is returned. A sheet written as a stream (the summary) carries that element from the start.
 */
export async function addChartParts(
  store: PartStore,
  sheetPartName: string,
  specs: readonly ColumnChartSpec[],
): Promise<string> {
  let overrides = '';
  const drawingN = freeNumber(store, 'xl/drawings', 'drawing');
  const drawingPath = `xl/drawings/drawing${drawingN}.xml`;
  const chartRels: string[] = [];
  for (const [i, spec] of specs.entries()) {
    const chartN = freeNumber(store, 'xl/charts', 'chart');
    const chartPath = `xl/charts/chart${chartN}.xml`;
    store.write(chartPath, chartXml(spec));
    chartRels.push(`<Relationship Id="rId${i + 1}" Type="${REL_CHART}" Target="../charts/chart${chartN}.xml"/>`);
    overrides += `<Override PartName="/${chartPath}" ContentType="${CT_CHART}"/>`;
  }
  store.write(drawingPath, drawingXml(specs));
  store.write(`xl/drawings/_rels/drawing${drawingN}.xml.rels`, relsXml(chartRels.join('')));
  overrides += `<Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/>`;

  const slash = sheetPartName.lastIndexOf('/');
  const sheetRelsPath = `${sheetPartName.slice(0, slash)}/_rels/${sheetPartName.slice(slash + 1)}.rels`;
  // The drawing's target relative to the sheet's folder (xl/worksheets/ → ../drawings/).
  const drawingTarget = posix.relative(posix.dirname(sheetPartName), drawingPath);
  const drawingRel = `<Relationship Id="${SHEET_DRAWING_REL_ID}" Type="${REL_DRAWING}" Target="${drawingTarget}"/>`;
  const existingRels = await store.read(sheetRelsPath);
  if (existingRels !== null) {
    store.write(sheetRelsPath, existingRels.replace('</Relationships>', `${drawingRel}</Relationships>`));
  } else {
    store.write(sheetRelsPath, relsXml(drawingRel));
  }
  const types = await readText(store, '[Content_Types].xml');
  store.write('[Content_Types].xml', types.replace('</Types>', `${overrides}</Types>`));
  return SHEET_DRAWING_REL_ID;
}
