/**
 * An .xlsx as an Open Packaging Conventions package: named parts, their relationships and content
 * types, and the workbook's sheet list. Parts read from the input stay compressed until something
 * reads them; parts nobody changes are copied into the output byte for byte, so whatever the
 * writer does not know (pivot tables, the user's charts, VBA, data validation…) survives.
 */
import { posix } from 'node:path';
import {
  dosStamp,
  inflateEntry,
  inflateEntryText,
  packBytes,
  packedFromEntry,
  readZipEntries,
  writeZip,
  type PackedPart,
  type ZipEntry,
} from './xlsx-package-zip';
import {
  attributes,
  elements,
  escapeAttr,
  findElement,
  insertionPoint,
  rootPrefix,
  XML_DECLARATION,
} from './xlsx-package-xml';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
};

export const REL = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  styles: `${NS.rel}/styles`,
  sharedStrings: `${NS.rel}/sharedStrings`,
  calcChain: `${NS.rel}/calcChain`,
  vbaProject: 'http://schemas.microsoft.com/office/2006/relationships/vbaProject',
};

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  workbookMacro: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  template: 'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  templateMacro: 'application/vnd.ms-excel.template.macroEnabled.main+xml',
};

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

type Part =
  | { kind: 'zip'; entry: ZipEntry }
  | { kind: 'text'; text: string }
  /** Text made on demand, piece by piece (a CSV ledger's sheet, which is then patched as it is made). */
  | { kind: 'lazy'; pieces: () => Iterable<string> }
  | { kind: 'packed'; packed: PackedPart };

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

export class XlsxPackage {
  /** Insertion-ordered: the output keeps the input's part order, new parts last. */
  private readonly parts = new Map<string, Part>();
  /** OPC part names compare case-insensitively. */
  private readonly byLowerName = new Map<string, string>();
  private readonly stamp: { time: number; date: number };

  private constructor(
    private readonly zip: Buffer,
    stamp: { time: number; date: number },
  ) {
    this.stamp = stamp;
  }

  static fromZip(bytes: Buffer): XlsxPackage {
    const entries = readZipEntries(bytes);
    // New parts get the time stamp the input's parts have: the same input gives the same output bytes.
    const types = entries.find((e) => e.name === '[Content_Types].xml');
    const pkg = new XlsxPackage(bytes, types ? { time: types.time, date: types.date } : dosStamp(new Date()));
    for (const entry of entries) {
      if (entry.name.endsWith('/')) continue;
      pkg.parts.set(entry.name, { kind: 'zip', entry });
      pkg.byLowerName.set(entry.name.toLowerCase(), entry.name);
    }
    if (!pkg.has('[Content_Types].xml')) throw new PackageError('no [Content_Types].xml: not an Office package');
    return pkg;
  }

  static empty(at: Date): XlsxPackage {
    return new XlsxPackage(Buffer.alloc(0), dosStamp(at));
  }

  /** The stored name of a part, however its case is written. */
  private resolve(name: string): string | null {
    return this.byLowerName.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.resolve(name) !== null;
  }

  names(): string[] {
    return [...this.parts.keys()];
  }

  text(name: string): string | null {
    const stored = this.resolve(name);
    const part = stored === null ? undefined : this.parts.get(stored);
    if (part === undefined) return null;
    if (part.kind === 'text') return part.text;
    if (part.kind === 'lazy') return [...part.pieces()].join('');
    if (part.kind === 'packed') throw new Error(`${name} was written as a stream and cannot be read back`);
    return inflateEntry(this.zip, part.entry).toString('utf8');
  }

  /** A part's text in pieces: the large ledger sheet is never held whole. */
  async *textChunks(name: string): AsyncGenerator<string> {
    const stored = this.resolve(name);
    const part = stored === null ? undefined : this.parts.get(stored);
    if (part === undefined) throw new PackageError(`the workbook has no ${name}`);
    if (part.kind === 'zip') {
      yield* inflateEntryText(this.zip, part.entry);
    } else if (part.kind === 'text') {
      for (let i = 0; i < part.text.length; i += 1 << 20) yield part.text.slice(i, i + (1 << 20));
    } else if (part.kind === 'lazy') {
      // Pieces are rows: gathered into about 1 MB, as an inflated part would come.
      let batch: string[] = [];
      let length = 0;
      for (const piece of part.pieces()) {
        batch.push(piece);
        length += piece.length;
        if (length >= 1 << 20) {
          yield batch.join('');
          batch = [];
          length = 0;
        }
      }
      if (batch.length > 0) yield batch.join('');
    } else {
      throw new Error(`${name} was written as a stream and cannot be read back`);
    }
  }

  put(name: string, text: string): void {
    this.set(name, { kind: 'text', text });
  }

  putLazy(name: string, pieces: () => Iterable<string>): void {
    this.set(name, { kind: 'lazy', pieces });
  }

  putPacked(name: string, packed: Omit<PackedPart, 'time' | 'date'>): void {
    this.set(name, { kind: 'packed', packed: { ...packed, ...this.stamp } });
  }

  get timeStamp(): { time: number; date: number } {
    return this.stamp;
  }

  private set(name: string, part: Part): void {
    const stored = this.resolve(name) ?? name;
    this.parts.set(stored, part);
    this.byLowerName.set(stored.toLowerCase(), stored);
  }

  remove(name: string): void {
    const stored = this.resolve(name);
    if (stored === null) return;
    this.parts.delete(stored);
    this.byLowerName.delete(stored.toLowerCase());
  }

  toBuffer(): Buffer {
    const out: { name: string; part: PackedPart }[] = [];
    for (const [name, part] of this.parts) {
      const packed =
        part.kind === 'zip'
          ? packedFromEntry(this.zip, part.entry)
          : part.kind === 'packed'
            ? part.packed
            : packBytes(
                Buffer.from(part.kind === 'text' ? part.text : [...part.pieces()].join(''), 'utf8'),
                this.stamp,
              );
      out.push({ name, part: packed });
    }
    return writeZip(out);
  }

  // -------------------------------------------------------------------------------------------
  // Relationships

  relationships(source: string): Relationship[] {
    const xml = this.text(relsPathOf(source));
    if (xml === null) return [];
    return (xml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []).map((tag) => {
      const a = attributes(tag);
      return {
        id: a.get('Id') ?? '',
        type: a.get('Type') ?? '',
        target: a.get('Target') ?? '',
        external: a.get('TargetMode') === 'External',
      };
    });
  }

  /** The part a relationship points to, as a package part name without the leading slash. */
  static targetPart(source: string, target: string): string {
    if (target.startsWith('/')) return posix.normalize(target.slice(1));
    const base = source === '' ? '' : posix.dirname(source);
    let decoded = target;
    try {
      decoded = decodeURI(target);
    } catch {
      // A `%` that starts no escape is a character of the name.
    }
    return posix.normalize(posix.join(base, decoded));
  }

  /** Parts `source` points to with relationships of `type` (all internal ones when no type is given). */
  related(source: string, type?: string): string[] {
    return this.relationships(source)
      .filter((r) => !r.external && (type === undefined || r.type === type))
      .map((r) => XlsxPackage.targetPart(source, r.target));
  }

  writeRelationships(source: string, relationships: readonly Relationship[]): void {
    const path = relsPathOf(source);
    if (relationships.length === 0) {
      this.remove(path);
      this.removeOverride(path);
      return;
    }
    const body = relationships
      .map(
        (r) =>
          `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"` +
          `${r.external ? ' TargetMode="External"' : ''}/>`,
      )
      .join('');
    this.put(path, `${XML_DECLARATION}<Relationships xmlns="${NS.pkgRel}">${body}</Relationships>`);
  }

  /** Adds a relationship with a fresh id (rId1, rId2 … past any in use); returns the id. */
  addRelationship(source: string, type: string, target: string): string {
    const existing = this.relationships(source);
    const used = new Set(existing.map((r) => r.id));
    let n = existing.length + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.writeRelationships(source, [...existing, { id, type, target, external: false }]);
    return id;
  }

  /**
   * Removes a part and every part only it leads to (a sheet's drawing, the drawing's charts, their
   * styles …), with their relationships and content types. A part that something else still points
   * to stays.
   */
  removeTree(root: string): void {
    const doomed = new Set<string>();
    const visit = (part: string): void => {
      const key = part.toLowerCase();
      if (doomed.has(key) || !this.has(part)) return;
      doomed.add(key);
      for (const child of this.related(part)) visit(child);
    };
    visit(root);
    // Whatever a surviving part points to survives, with all it leads to.
    const kept = new Set<string>();
    const keep = (part: string): void => {
      const key = part.toLowerCase();
      if (kept.has(key) || !doomed.has(key)) return;
      kept.add(key);
      for (const child of this.related(part)) keep(child);
    };
    for (const name of this.names()) {
      if (name.endsWith('.rels') || doomed.has(name.toLowerCase())) continue;
      for (const child of this.related(name)) if (child.toLowerCase() !== root.toLowerCase()) keep(child);
    }
    for (const key of doomed) {
      if (kept.has(key)) continue;
      const name = this.resolve(key) as string;
      this.remove(name);
      this.remove(relsPathOf(name));
      this.removeOverride(name);
      this.removeOverride(relsPathOf(name));
    }
  }

  /** Removes what a part points to (and only it), keeping the part itself: a sheet about to be rewritten. */
  removeDependents(part: string): void {
    const children = this.related(part);
    this.remove(relsPathOf(part));
    this.removeOverride(relsPathOf(part));
    for (const child of children) this.removeTree(child);
  }

  /** Removes the relationships of `source` that point to `part`, and the part with all only it leads to. */
  removeRelatedPart(source: string, part: string): void {
    const wanted = part.toLowerCase();
    this.writeRelationships(
      source,
      this.relationships(source).filter(
        (r) => r.external || XlsxPackage.targetPart(source, r.target).toLowerCase() !== wanted,
      ),
    );
    this.removeTree(part);
  }

  // -------------------------------------------------------------------------------------------
  // Content types

  private contentTypes(): string {
    return this.text('[Content_Types].xml') ?? `${XML_DECLARATION}<Types xmlns="${NS.contentTypes}"></Types>`;
  }

  contentTypeOf(part: string): string | null {
    const xml = this.contentTypes();
    for (const tag of xml.match(/<(?:\w+:)?Override\b[^>]*>/g) ?? []) {
      const a = attributes(tag);
      if ((a.get('PartName') ?? '').toLowerCase() === `/${part}`.toLowerCase()) return a.get('ContentType') ?? null;
    }
    const ext = posix.extname(part).slice(1).toLowerCase();
    for (const tag of xml.match(/<(?:\w+:)?Default\b[^>]*>/g) ?? []) {
      const a = attributes(tag);
      if ((a.get('Extension') ?? '').toLowerCase() === ext) return a.get('ContentType') ?? null;
    }
    return null;
  }

  setOverride(part: string, contentType: string): void {
    this.removeOverride(part);
    const xml = this.contentTypes();
    const at = xml.lastIndexOf('</');
    this.put(
      '[Content_Types].xml',
      `${xml.slice(0, at)}<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>${xml.slice(at)}`,
    );
  }

  removeOverride(part: string): void {
    const xml = this.text('[Content_Types].xml');
    if (xml === null) return;
    const wanted = `/${part}`.toLowerCase();
    const next = xml.replace(/<(?:\w+:)?Override\b[^>]*>/g, (tag) =>
      (attributes(tag).get('PartName') ?? '').toLowerCase() === wanted ? '' : tag,
    );
    if (next !== xml) this.put('[Content_Types].xml', next);
  }
}

export function relsPathOf(part: string): string {
  if (part === '') return '_rels/.rels';
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

// ---------------------------------------------------------------------------------------------
// The workbook part

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  /** The part name of the sheet; null when its relationship is missing. */
  part: string | null;
  relType: string | null;
}

export class WorkbookPart {
  readonly prefix: string;
  /** The prefix the workbook part binds to the relationships namespace (`r:` as Excel writes it). */
  readonly relPrefix: string;

  constructor(
    private readonly pkg: XlsxPackage,
    readonly path: string,
  ) {
    const xml = this.xml();
    this.prefix = rootPrefix(xml, 'workbook');
    const bound = new RegExp(`xmlns:(\\w+)="${NS.rel.replace(/[./]/g, '\\$&')}"`).exec(xml);
    this.relPrefix = bound ? `${bound[1]}:` : '';
  }

  static find(pkg: XlsxPackage): WorkbookPart {
    const main = pkg.related('', REL.officeDocument)[0];
    if (main === undefined || !pkg.has(main)) throw new PackageError('the package has no workbook part');
    return new WorkbookPart(pkg, main);
  }

  xml(): string {
    const xml = this.pkg.text(this.path);
    if (xml === null) throw new PackageError(`the package has no ${this.path}`);
    return xml;
  }

  sheets(): SheetEntry[] {
    const xml = this.xml();
    const rels = new Map(this.pkg.relationships(this.path).map((r) => [r.id, r]));
    const [start, end] = elements(xml, `${this.prefix}sheets`)[0] ?? [0, 0];
    return elements(xml, `${this.prefix}sheet`, start, end).map(([s]) => {
      const a = attributes(xml.slice(s, xml.indexOf('>', s) + 1));
      const relId = [...a].find(([k]) => k === 'id' || k.endsWith(':id'))?.[1] ?? '';
      const rel = rels.get(relId);
      return {
        name: a.get('name') ?? '',
        sheetId: Number(a.get('sheetId') ?? 0),
        relId,
        part: rel && !rel.external ? XlsxPackage.targetPart(this.path, rel.target) : null,
        relType: rel?.type ?? null,
      };
    });
  }

  date1904(): boolean {
    const xml = this.xml();
    const at = findElement(xml, `${this.prefix}workbookPr`);
    if (at === -1) return false;
    const value = attributes(xml.slice(at, xml.indexOf('>', at) + 1)).get('date1904');
    return value === '1' || value === 'true';
  }

  /** Appends a sheet entry pointing at `part`; returns its position in the sheet list. */
  addSheet(name: string, part: string): number {
    const relId = this.pkg.addRelationship(this.path, REL.worksheet, posix.relative(posix.dirname(this.path), part));
    const sheets = this.sheets();
    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
    let xml = this.xml();
    let relPrefix = this.relPrefix;
    if (relPrefix === '') {
      // Not bound yet (a workbook without sheets from another writer): bind `r:` on the root.
      relPrefix = 'r:';
      xml = xml.replace(new RegExp(`<${this.prefix}workbook\\b`), (m) => `${m} xmlns:r="${NS.rel}"`);
    }
    const tag = `<${this.prefix}sheet name="${escapeAttr(name)}" sheetId="${sheetId}" ${relPrefix}id="${relId}"/>`;
    const sheetsEl = elements(xml, `${this.prefix}sheets`)[0];
    if (sheetsEl === undefined) throw new PackageError('the workbook part has no sheet list');
    const [start, end] = sheetsEl;
    if (xml.charCodeAt(xml.indexOf('>', start) - 1) === 47) {
      xml = `${xml.slice(0, start)}<${this.prefix}sheets>${tag}</${this.prefix}sheets>${xml.slice(end)}`;
    } else {
      const close = end - `</${this.prefix}sheets>`.length;
      xml = xml.slice(0, close) + tag + xml.slice(close);
    }
    this.pkg.put(this.path, xml);
    return sheets.length;
  }

  /**
   * Sets (or, with `ref` null, removes) the hidden `_xlnm._FilterDatabase` name of one sheet, which
   * Excel keeps beside every sheet's autofilter.
   */
  setFilterDatabase(sheetIndex: number, ref: string | null): void {
    let xml = this.xml();
    const p = this.prefix;
    const isOurs = (tag: string): boolean => {
      const a = attributes(tag);
      return a.get('name') === '_xlnm._FilterDatabase' && a.get('localSheetId') === String(sheetIndex);
    };
    const namesEl = elements(xml, `${p}definedNames`)[0];
    if (namesEl !== undefined) {
      const [start, end] = namesEl;
      const inner = xml.slice(start, end);
      const kept = inner.replace(
        new RegExp(`<${p}definedName\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}definedName>)`, 'g'),
        (el) => (isOurs(el.slice(0, el.indexOf('>') + 1)) ? '' : el),
      );
      xml = xml.slice(0, start) + kept + xml.slice(end);
    }
    if (ref !== null) {
      const name = `<${p}definedName name="_xlnm._FilterDatabase" localSheetId="${sheetIndex}" hidden="1">${ref.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${p}definedName>`;
      const current = elements(xml, `${p}definedNames`)[0];
      if (current === undefined) {
        const at = insertionPoint(xml, p, WORKBOOK_AFTER_DEFINED_NAMES, 'workbook');
        xml = `${xml.slice(0, at)}<${p}definedNames>${name}</${p}definedNames>${xml.slice(at)}`;
      } else if (xml.charCodeAt(xml.indexOf('>', current[0]) - 1) === 47) {
        xml = `${xml.slice(0, current[0])}<${p}definedNames>${name}</${p}definedNames>${xml.slice(current[1])}`;
      } else {
        const close = current[1] - `</${p}definedNames>`.length;
        xml = xml.slice(0, close) + name + xml.slice(close);
      }
    } else {
      // An empty <definedNames/> is not valid: it needs at least one name.
      xml = xml.replace(new RegExp(`<${p}definedNames>\\s*</${p}definedNames>|<${p}definedNames\\s*/>`), '');
    }
    this.pkg.put(this.path, xml);
  }
}

/** CT_Workbook elements that come after `<definedNames>`. */
const WORKBOOK_AFTER_DEFINED_NAMES = [
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];

/** The first unused N for `folder/prefixN.ext`. */
export function freePartName(pkg: XlsxPackage, folder: string, prefix: string, ext = 'xml'): string {
  let n = 1;
  while (pkg.has(`${folder}/${prefix}${n}.${ext}`)) n++;
  return `${folder}/${prefix}${n}.${ext}`;
}
