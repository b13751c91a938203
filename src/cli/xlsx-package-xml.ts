/**
 * The little XML the package patcher needs: escaping, attributes of a start tag, and finding
 * elements by name in SpreadsheetML written by Excel, LibreOffice or ExcelJS. Parts are scanned
 * with regular expressions instead of a DOM: a 100,000-row sheet is 50 MB of XML, and only a few of
 * its elements change.
 */

/** Characters XML 1.0 does not allow at all (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Text that Excel would read as one of its `_xHHHH_` escapes. */
const LOOKS_ESCAPED = /_(x[0-9a-fA-F]{4}_)/g;

/**
 * Text for a cell's `<t>` as Excel reads it: markup escaped, characters XML cannot carry written as
 * Excel's `_xHHHH_` escapes (and a literal `_xHHHH_` escaped in turn, as Excel does). Tab, line
 * feed and carriage return stay as they are.
 */
export function escapeCellText(text: string): string {
  let out = escapeText(text);
  if (out.includes('_x')) out = out.replace(LOOKS_ESCAPED, '_x005F_$1');
  NOT_XML.lastIndex = 0;
  if (NOT_XML.test(out)) {
    out = out.replace(NOT_XML, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  }
  return out;
}

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

/** An attribute value in double quotes; tab, LF and CR as references, else a reader turns them into spaces. */
export function escapeAttr(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (_, dec, hex, name) => {
    if (dec !== undefined) return String.fromCodePoint(Number(dec));
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'];
  });
}

/** The attributes of a start tag, by qualified name, unescaped. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  // Skip the element name itself.
  const start = tag.search(/[\s/>]/);
  re.lastIndex = start === -1 ? tag.length : start;
  for (let m = re.exec(tag); m !== null; m = re.exec(tag)) out.set(m[1], unescapeXml(m[2] ?? m[3]));
  return out;
}

export function attribute(tag: string, name: string): string | null {
  return attributes(tag).get(name) ?? null;
}

/** A start tag with one attribute set (added at the end when absent). */
export function withAttribute(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  const quoted = `"${escapeAttr(value)}"`;
  if (re.test(tag)) return tag.replace(re, (_, lead: string) => `${lead}${quoted}`);
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}=${quoted}${tag.slice(close)}`;
}

/**
 * The namespace prefix (with its colon, or '') of a part's root element: SpreadsheetML written by
 * some libraries is `<x:worksheet xmlns:x="…">`, and every element of it then carries the prefix.
 */
export function rootPrefix(xml: string, localName: string): string {
  const m = new RegExp(`<(?:([A-Za-z_][\\w.-]*):)?${localName}[\\s>/]`).exec(xml);
  if (!m) throw new Error(`not a ${localName} part`);
  return m[1] === undefined ? '' : `${m[1]}:`;
}

/** Compiled once per element name: shared strings are scanned one `<si>` at a time. */
const START_TAGS = new Map<string, RegExp>();

/** Where an element starts (`<name` followed by a space, `/` or `>`), from `from`; -1 when absent. */
export function findElement(xml: string, qualifiedName: string, from = 0): number {
  let re = START_TAGS.get(qualifiedName);
  if (re === undefined) {
    re = new RegExp(`<${qualifiedName.replace(/[.]/g, '\\.')}[\\s/>]`, 'g');
    START_TAGS.set(qualifiedName, re);
  }
  re.lastIndex = from;
  const m = re.exec(xml);
  return m ? m.index : -1;
}

/**
 * An element's whole extent, `<name …/>` or `<name …>…</name>`, starting at `start`. Elements of
 * the same name do not nest in the parts handled here.
 */
export function elementEnd(xml: string, start: number, qualifiedName: string): number {
  const tagEnd = xml.indexOf('>', start);
  if (tagEnd === -1) return -1;
  if (xml.charCodeAt(tagEnd - 1) === 47 /* / */) return tagEnd + 1;
  const close = xml.indexOf(`</${qualifiedName}>`, tagEnd);
  return close === -1 ? -1 : close + qualifiedName.length + 3;
}

/** Every element of that name in `xml`, as [start, end) extents. */
export function elements(xml: string, qualifiedName: string, from = 0, to = xml.length): [number, number][] {
  const out: [number, number][] = [];
  for (let at = findElement(xml, qualifiedName, from); at !== -1 && at < to;) {
    const end = elementEnd(xml, at, qualifiedName);
    if (end === -1) throw new Error(`an unclosed <${qualifiedName}> element`);
    out.push([at, end]);
    at = findElement(xml, qualifiedName, end);
  }
  return out;
}

/**
 * Where an element that must come after the ones listed goes: before the first of `followers`
 * present, else before the root's end tag. CT_Worksheet, CT_Stylesheet and CT_Workbook are sequences.
 */
export function insertionPoint(xml: string, prefix: string, followers: readonly string[], rootName: string): number {
  let at = xml.lastIndexOf(`</${prefix}${rootName}>`);
  if (at === -1) throw new Error(`no </${prefix}${rootName}>`);
  for (const name of followers) {
    const i = findElement(xml, `${prefix}${name}`);
    if (i !== -1 && i < at) at = i;
  }
  return at;
}

/** The `<?xml …?>` declaration every part we write starts with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
