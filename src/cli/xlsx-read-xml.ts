/**
 * Just enough XML for the parts of an .xlsx package: tags found with indexOf, attributes, and text
 * decoded as an XML parser (saxes, under ExcelJS) decodes it. The parts are machine-written
 * SpreadsheetML, so no DTD, no namespaces to resolve; comments, CDATA and processing instructions
 * are skipped or read where they could appear.
 */

/** The root element of a part whose elements carry a prefix (`<x:worksheet xmlns:x="…">`). */
const PREFIXED_ROOT = /<([A-Za-z_][\w.-]*):(?:workbook|worksheet|styleSheet|sst)[\s>/]/;

/**
 * The prefix the SpreadsheetML elements of a part carry (`x:`, as the Open XML SDK writes them, and
 * many ERP exports with it), or '' (as Excel writes them): from the root element, in the part's head.
 */
export function elementPrefix(head: string): string {
  const m = PREFIXED_ROOT.exec(head.slice(0, 4096));
  return m === null ? '' : `${m[1]}:`;
}

/** The text with that prefix taken off the element names: `<x:c r="A1">` reads `<c r="A1">`. */
export function unprefixed(xml: string, prefix: string): string {
  return prefix === '' ? xml : xml.split(`<${prefix}`).join('<').split(`</${prefix}`).join('</');
}

/** A start tag: its attributes (names as written, values decoded) and where it ends. */
export interface Tag {
  attributes: Record<string, string>;
  /** Index just after the tag's `>`. */
  end: number;
  selfClosing: boolean;
}

const REFERENCE = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function reference(match: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED[name] ?? match;
  const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

/** Character data as an XML parser gives it: line ends made `\n`, references resolved. */
export function xmlText(raw: string): string {
  let text = raw;
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  if (text.indexOf('&') >= 0) text = text.replace(REFERENCE, reference);
  return text;
}

/** An attribute value as an XML parser gives it: tabs and line ends made spaces, references resolved. */
export function xmlAttribute(raw: string): string {
  let text = raw;
  if (/[\t\n\r]/.test(text)) text = text.replace(/\r\n|[\t\n\r]/g, ' ');
  if (text.indexOf('&') >= 0) text = text.replace(REFERENCE, reference);
  return text;
}

/**
 * The content of an element whose text may hold CDATA sections or comments (no writer we know of
 * does this, but it is XML): CDATA kept as written, comments and processing instructions dropped.
 */
export function elementText(raw: string): string {
  if (raw.indexOf('<') < 0) return xmlText(raw);
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const lt = raw.indexOf('<', i);
    if (lt < 0) {
      out += xmlText(raw.slice(i));
      break;
    }
    out += xmlText(raw.slice(i, lt));
    if (raw.startsWith('<![CDATA[', lt)) {
      const close = raw.indexOf(']]>', lt);
      const stop = close < 0 ? raw.length : close;
      out += raw.slice(lt + 9, stop).replace(/\r\n?/g, '\n');
      i = stop + 3;
    } else {
      const close = raw.startsWith('<!--', lt) ? raw.indexOf('-->', lt) + 2 : raw.indexOf('>', lt);
      i = close < lt ? raw.length : close + 1;
    }
  }
  return out;
}

/**
 * OOXML's own escape for characters XML cannot hold: `_x000D_` is a carriage return (and
 * `_x005F_` an underscore). Upper-case hex only, as ExcelJS decodes it.
 */
export function unescapeOoxml(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-F]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Whether the character after a tag name ends it (`<c>`, `<c r=…`, `<c/>`), so `<c` is not `<cols`. */
export function endsName(code: number): boolean {
  return code === 62 || code === 47 || isSpace(code);
}

/** The start tag at s[lt] (`<name …>`); undefined when the text ends inside it. */
export function readTag(s: string, lt: number): Tag | undefined {
  let i = lt + 1;
  while (i < s.length && !endsName(s.charCodeAt(i))) i++;
  const attributes: Record<string, string> = {};
  for (;;) {
    while (isSpace(s.charCodeAt(i))) i++;
    const code = s.charCodeAt(i);
    if (code === 62) return { attributes, end: i + 1, selfClosing: false };
    if (code === 47) {
      const gt = s.indexOf('>', i);
      return gt < 0 ? undefined : { attributes, end: gt + 1, selfClosing: true };
    }
    if (Number.isNaN(code)) return undefined;
    const eq = s.indexOf('=', i);
    if (eq < 0) return undefined;
    const name = s.slice(i, eq).trim();
    let q = eq + 1;
    while (isSpace(s.charCodeAt(q))) q++;
    const quote = s[q];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = s.indexOf(quote, q + 1);
    if (close < 0) return undefined;
    attributes[name] = xmlAttribute(s.slice(q + 1, close));
    i = close + 1;
  }
}

/** The index of the next start tag `<name` in s from `from` (before `to`), or -1. */
export function findTag(s: string, name: string, from = 0, to = s.length): number {
  const open = `<${name}`;
  let at = s.indexOf(open, from);
  while (at >= 0 && at < to) {
    if (endsName(s.charCodeAt(at + open.length))) return at;
    at = s.indexOf(open, at + open.length);
  }
  return -1;
}

/** Each start tag `<name …>` in s[from, to), in order. */
export function* eachTag(s: string, name: string, from = 0, to = s.length): Generator<Tag> {
  let at = findTag(s, name, from, to);
  while (at >= 0) {
    const tag = readTag(s, at);
    if (tag === undefined) return;
    yield tag;
    at = findTag(s, name, tag.end, to);
  }
}

/** Where the end tag of `name` starts at or after `from` (`</name>`, or `</name >` as XML allows), or -1. */
export function endTagAt(s: string, name: string, from: number): number {
  const open = `</${name}`;
  let at = s.indexOf(open, from);
  while (at >= 0) {
    const code = s.charCodeAt(at + open.length);
    if (code === 62 || isSpace(code)) return at;
    at = s.indexOf(open, at + open.length);
  }
  return -1;
}

/** The index just after the tag that starts at s[at]: after its `>` (the end of s if it is not closed). */
export function afterTag(s: string, at: number): number {
  const gt = s.indexOf('>', at);
  return gt < 0 ? s.length : gt + 1;
}

/**
 * The part of s inside the first element `<name …>…</name>`: [start, end) of its content, or
 * undefined when there is no such element. A self-closing `<name/>` has empty content.
 */
export function elementContent(s: string, name: string, from = 0): [number, number] | undefined {
  const at = findTag(s, name, from);
  if (at < 0) return undefined;
  const tag = readTag(s, at);
  if (tag === undefined) return undefined;
  if (tag.selfClosing) return [tag.end, tag.end];
  const close = endTagAt(s, name, tag.end);
  return [tag.end, close < 0 ? s.length : close];
}
