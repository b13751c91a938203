/**
 * The workbook part of an .xlsx package: its worksheets in tab order (name, visibility, part), its
 * date system, and where its styles and shared strings are, all found through the relationships
 * (`_rels/*.rels`) as the package format wants, with the usual names as fallbacks.
 */
import type { XlsxArchive } from './xlsx-read-zip';
import { eachTag, elementContent, elementPrefix, findTag, readTag, unprefixed } from './xlsx-read-xml';

export interface SheetEntry {
  name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  state: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

export interface WorkbookInfo {
  /** The worksheets in tab order; chart sheets and dialog sheets have no cells and are left out. */
  sheets: SheetEntry[];
  /** Serials count days from 1904-01-01 (old Mac workbooks) rather than from 1900. */
  date1904: boolean;
  stylesPart: string;
  sharedStringsPart: string;
}

interface Relationship {
  type: string;
  target: string;
}

const DEFAULT_WORKBOOK = 'xl/workbook.xml';

export async function readWorkbook(pkg: XlsxArchive): Promise<WorkbookInfo> {
  const officeDocument = [...(await relationships(pkg, '')).values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart =
    officeDocument !== undefined && pkg.has(officeDocument.target) ? officeDocument.target : DEFAULT_WORKBOOK;
  const rels = await relationships(pkg, workbookPart);
  const byType = (type: string, fallback: string): string =>
    [...rels.values()].find((r) => r.type.endsWith(type))?.target ?? fallback;
  const info: WorkbookInfo = {
    sheets: [],
    date1904: false,
    stylesPart: byType('/styles', 'xl/styles.xml'),
    sharedStringsPart: byType('/sharedStrings', 'xl/sharedStrings.xml'),
  };
  const text = await pkg.text(workbookPart);
  if (text === undefined) return info;
  const xml = unprefixed(text, elementPrefix(text));

  const at = findTag(xml, 'workbookPr');
  const date1904 = at < 0 ? undefined : readTag(xml, at)?.attributes.date1904;
  info.date1904 = date1904 === '1' || date1904 === 'true';

  const sheets = elementContent(xml, 'sheets');
  if (sheets === undefined) return info;
  for (const { attributes } of eachTag(xml, 'sheet', sheets[0], sheets[1])) {
    // The relationship id is `r:id`, whatever prefix the file gives the relationships namespace.
    const idName = Object.keys(attributes).find((name) => name.endsWith(':id'));
    const rel = idName === undefined ? undefined : rels.get(attributes[idName]);
    if (rel === undefined || !rel.type.endsWith('/worksheet') || !pkg.has(rel.target)) continue;
    info.sheets.push({ name: attributes.name ?? '', state: attributes.state ?? 'visible', part: rel.target });
  }
  return info;
}

/** The relationships of a part ('' for the package itself), by id, with targets as part names. */
async function relationships(pkg: XlsxArchive, part: string): Promise<Map<string, Relationship>> {
  const slash = part.lastIndexOf('/');
  const folder = part.slice(0, slash + 1);
  const xml = await pkg.text(`${folder}_rels/${part.slice(slash + 1)}.rels`);
  const rels = new Map<string, Relationship>();
  if (xml === undefined) return rels;
  for (const { attributes } of eachTag(xml, 'Relationship')) {
    const { Id: id, Type: type, Target: target, TargetMode: mode } = attributes;
    if (id === undefined || target === undefined || mode === 'External') continue;
    rels.set(id, { type: type ?? '', target: resolve(folder, target) });
  }
  return rels;
}

/** A relationship's target as a part name: relative to the source's folder, or from the root if it starts with `/`. */
function resolve(folder: string, target: string): string {
  let path = target.trim().replace(/\\/g, '/');
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not percent-encoded after all: the name as written.
  }
  const segments = path.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}
