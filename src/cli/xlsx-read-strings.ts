/**
 * The shared-string table (sharedStrings.xml): each `<si>` as the text a cell shows. Rich text is
 * the runs' text joined; phonetic guides (`<rPh>`, furigana) are not shown in the cell and are left
 * out; OOXML escapes (`_x000D_`) are decoded in each `<t>`, as ExcelJS decoded them.
 */
import { textChunks } from './xlsx-read-zip';
import {
  afterTag,
  elementPrefix,
  elementText,
  endTagAt,
  endsName,
  findTag,
  readTag,
  unescapeOoxml,
  unprefixed,
} from './xlsx-read-xml';

/** An item with no text at all (`<si/>`) is null, as ExcelJS read it; `<si><t/></si>` is ''. */
export type SharedStrings = readonly (string | null)[];

export function readSharedStrings(bytes: Buffer | undefined, corrupt: (why: string) => Error): SharedStrings {
  const strings: (string | null)[] = [];
  if (bytes === undefined) return strings;
  const prefix = elementPrefix(bytes.toString('utf8', 0, Math.min(bytes.length, 4096)));
  for (const chunk of textChunks(bytes, 0, bytes.length, `</${prefix}si>`)) {
    const xml = unprefixed(chunk, prefix);
    let at = findTag(xml, 'si');
    while (at >= 0) {
      const tag = readTag(xml, at);
      if (tag === undefined) throw corrupt(`shared string ${strings.length} is cut short`);
      if (tag.selfClosing) {
        strings.push(null);
        at = findTag(xml, 'si', tag.end);
        continue;
      }
      const close = endTagAt(xml, 'si', tag.end);
      if (close < 0) throw corrupt(`shared string ${strings.length} is cut short`);
      strings.push(stringItem(xml, tag.end, close, corrupt));
      at = findTag(xml, 'si', close + 4);
    }
  }
  return strings;
}

/**
 * The text of an `<si>` or `<is>` element's content xml[from, to): its `<t>` elements, directly or
 * in runs `<r>`, joined; null when it has neither.
 */
export function stringItem(xml: string, from: number, to: number, corrupt: (why: string) => Error): string | null {
  // The common case, one plain <t>…</t> and nothing else, without the general loop.
  if (xml.startsWith('<t>', from) && xml.startsWith('</t>', to - 4) && xml.indexOf('<', from + 3) === to - 4) {
    return unescapeOoxml(elementText(xml.slice(from + 3, to - 4)));
  }
  let text: string | null = null;
  let i = from;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || lt >= to) return text;
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 116 /* t */ && endsName(xml.charCodeAt(lt + 2))) {
      const tag = readTag(xml, lt);
      if (tag === undefined) throw corrupt('a text element is cut short');
      if (tag.selfClosing) {
        text ??= '';
        i = tag.end;
        continue;
      }
      const close = endTagAt(xml, 't', tag.end);
      if (close < 0 || close > to) throw corrupt('a text element is not closed');
      text = (text ?? '') + unescapeOoxml(elementText(xml.slice(tag.end, close)));
      i = afterTag(xml, close);
    } else if (c1 === 114 /* r */ && xml.startsWith('rPh', lt + 1) && endsName(xml.charCodeAt(lt + 4))) {
      const tag = readTag(xml, lt);
      if (tag === undefined) throw corrupt('a phonetic run is cut short');
      if (tag.selfClosing) {
        i = tag.end;
        continue;
      }
      const close = endTagAt(xml, 'rPh', tag.end);
      i = close < 0 ? to : afterTag(xml, close);
    } else if (c1 === 114 /* r */ && endsName(xml.charCodeAt(lt + 2))) {
      // A run: the item is text even if the run holds none.
      text ??= '';
      i = lt + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt);
      i = close < 0 ? to : close + 3;
    } else {
      const gt = xml.indexOf('>', lt);
      i = gt < 0 ? to : gt + 1;
    }
  }
}
