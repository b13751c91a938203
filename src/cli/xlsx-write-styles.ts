/**
 * The workbook's styles.xml, with the few cell formats and highlight formats credit-cover needs
 * appended: fonts, fills, borders, number formats, cell formats (`cellXfs`) and differential
 * formats (`dxfs`). The user's entries keep their indexes, so every `s="…"` of their cells still
 * means what it meant. An entry identical to one already there is reused, so re-runs do not grow
 * the file.
 */
import {
  attributes,
  elements,
  escapeAttr,
  findElement,
  insertionPoint,
  rootPrefix,
  XML_DECLARATION,
} from './xlsx-package-xml';
import { NS } from './xlsx-package';

export interface FontSpec {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** RRGGBB. */
  colour?: string;
  name?: string;
  family?: number;
}

export interface CellStyle {
  numFmt?: string;
  /** A font of our own, or the font of an existing cell format made bold and coloured (`{ from }`). */
  font?: FontSpec | { from: number; bold: true; colour: string };
  /** Solid fill, RRGGBB. */
  fill?: string;
  /** Thin bottom border, RRGGBB. */
  bottomBorder?: string;
  horizontal?: 'left' | 'right';
}

export interface DifferentialStyle {
  /** RRGGBB of the solid fill and of the font. */
  fill: string;
  font: string;
  bold: boolean;
}

/** Number formats every Excel knows by id in every locale; other built-in ids vary by locale. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

/** CT_Stylesheet's sequence. */
const ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
] as const;
type Section = 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellXfs' | 'dxfs';
const CHILD: Record<Section, string> = {
  numFmts: 'numFmt',
  fonts: 'font',
  fills: 'fill',
  borders: 'border',
  cellXfs: 'xf',
  dxfs: 'dxf',
};

/** What a new styles part starts with: the entries Excel requires at indexes 0 (and 1 for fills). */
const DEFAULTS: Record<Section, string[]> = {
  numFmts: [],
  fonts: ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'],
  fills: ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'],
  borders: ['<border><left/><right/><top/><bottom/><diagonal/></border>'],
  cellXfs: ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'],
  dxfs: [],
};

const argb = (rgb: string): string => `FF${rgb.toUpperCase()}`;

/** A `<font>`'s children, `<sz val="11"/>` or `<color …></color>`. */
const FONT_CHILD = /<(\w+)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g;
/**
 * The order Excel writes a font's children in. The schema allows any order; a font made from the
 * user's (whose writer may have used another) is written in Excel's, which no reader can object to.
 */
const FONT_ORDER = [
  'b',
  'i',
  'strike',
  'condense',
  'extend',
  'outline',
  'shadow',
  'u',
  'vertAlign',
  'sz',
  'color',
  'name',
  'family',
  'charset',
  'scheme',
];

function sortFontChildren(children: string[]): string[] {
  const rank = (el: string): number => {
    const i = FONT_ORDER.indexOf(/^<(\w+)/.exec(el)?.[1] ?? '');
    return i === -1 ? FONT_ORDER.length : i;
  };
  return children
    .map((el, i) => ({ el, i }))
    .sort((a, b) => rank(a.el) - rank(b.el) || a.i - b.i)
    .map((x) => x.el);
}

export class StyleSheet {
  private readonly prefix: string;
  private readonly hasCellStyleXfs: boolean;
  /** Every entry of each section, the user's first; ours are written without the prefix and get it on output. */
  private readonly entries: Record<Section, string[]>;
  private readonly added: Record<Section, string[]> = {
    numFmts: [],
    fonts: [],
    fills: [],
    borders: [],
    cellXfs: [],
    dxfs: [],
  };
  private readonly index: Record<Section, Map<string, number>>;
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = 164;
  private readonly cache = new Map<string, number>();

  private constructor(private readonly xml: string) {
    this.prefix = rootPrefix(xml, 'styleSheet');
    this.hasCellStyleXfs = findElement(xml, `${this.prefix}cellStyleXfs`) !== -1;
    const sections = {} as Record<Section, string[]>;
    const index = {} as Record<Section, Map<string, number>>;
    for (const section of Object.keys(CHILD) as Section[]) {
      const list = this.existing(section);
      sections[section] = list;
      index[section] = new Map(list.map((el, i) => [this.unprefixed(el), i]));
    }
    this.entries = sections;
    this.index = index;
    for (const el of this.entries.numFmts) {
      const a = attributes(el);
      const id = Number(a.get('numFmtId'));
      const code = a.get('formatCode');
      if (Number.isInteger(id) && code !== undefined) {
        if (!this.customFormats.has(code)) this.customFormats.set(code, id);
        this.nextFormatId = Math.max(this.nextFormatId, id + 1);
      }
    }
    // Sections a minimal writer left out get the entries Excel expects at their first indexes.
    for (const section of ['fonts', 'fills', 'borders', 'cellXfs'] as const) {
      if (this.entries[section].length === 0) {
        for (const el of DEFAULTS[section]) this.append(section, el);
      }
    }
  }

  static parse(xml: string): StyleSheet {
    return new StyleSheet(xml);
  }

  /** A styles part for a workbook made from scratch (a CSV ledger). */
  static empty(): StyleSheet {
    return new StyleSheet(
      `${XML_DECLARATION}<styleSheet xmlns="${NS.main}">` +
        `<fonts count="1">${DEFAULTS.fonts.join('')}</fonts>` +
        `<fills count="2">${DEFAULTS.fills.join('')}</fills>` +
        `<borders count="1">${DEFAULTS.borders.join('')}</borders>` +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    );
  }

  private existing(section: Section): string[] {
    const p = this.prefix;
    const el = elements(this.xml, `${p}${section}`)[0];
    if (el === undefined) return [];
    return elements(this.xml, `${p}${CHILD[section]}`, el[0] + 1, el[1]).map(([s, e]) => this.xml.slice(s, e));
  }

  /** Our serialisation has no prefix; compare the user's entries the same way. */
  private unprefixed(el: string): string {
    return this.prefix === '' ? el : el.split(`<${this.prefix}`).join('<').split(`</${this.prefix}`).join('</');
  }

  private append(section: Section, el: string): number {
    const known = this.index[section].get(el);
    if (known !== undefined) return known;
    const i = this.entries[section].length;
    this.entries[section].push(el);
    this.added[section].push(el);
    this.index[section].set(el, i);
    return i;
  }

  numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.customFormats.set(code, id);
    this.append('numFmts', `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** The index in cellXfs of a cell format with this style. */
  cellXf(style: CellStyle): number {
    const key = JSON.stringify(style);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const numFmtId = style.numFmt === undefined ? 0 : this.numFmtId(style.numFmt);
    const fontId = style.font === undefined ? 0 : this.append('fonts', this.fontXml(style.font));
    const fillId =
      style.fill === undefined
        ? 0
        : this.append(
            'fills',
            `<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/><bgColor rgb="${argb(style.fill)}"/></patternFill></fill>`,
          );
    const borderId =
      style.bottomBorder === undefined
        ? 0
        : this.append(
            'borders',
            `<border><left/><right/><top/><bottom style="thin"><color rgb="${argb(style.bottomBorder)}"/></bottom><diagonal/></border>`,
          );
    const apply =
      (style.numFmt !== undefined ? ' applyNumberFormat="1"' : '') +
      (style.font !== undefined ? ' applyFont="1"' : '') +
      (style.fill !== undefined ? ' applyFill="1"' : '') +
      (style.bottomBorder !== undefined ? ' applyBorder="1"' : '') +
      (style.horizontal !== undefined ? ' applyAlignment="1"' : '');
    const head = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"${this.hasCellStyleXfs ? ' xfId="0"' : ''}${apply}`;
    const el =
      style.horizontal === undefined ? `${head}/>` : `${head}><alignment horizontal="${style.horizontal}"/></xf>`;
    const index = this.append('cellXfs', el);
    this.cache.set(key, index);
    return index;
  }

  private fontXml(font: NonNullable<CellStyle['font']>): string {
    if ('from' in font) {
      // The user's font (name, size, family, scheme, italic …) with our bold and colour.
      const base = this.fontOfCellXf(font.from) ?? '';
      const children = (base.replace(/^<font\b[^>]*>|<\/font>$/g, '').match(FONT_CHILD) ?? []).filter(
        (el) => !/^<(?:b|color)\b/.test(el),
      );
      children.push('<b/>', `<color rgb="${argb(font.colour)}"/>`);
      if (!children.some((el) => el.startsWith('<sz'))) children.push('<sz val="11"/>');
      if (!children.some((el) => el.startsWith('<name'))) children.push('<name val="Calibri"/>');
      return `<font>${sortFontChildren(children).join('')}</font>`;
    }
    return (
      `<font>${font.bold ? '<b/>' : ''}${font.italic ? '<i/>' : ''}` +
      `${font.size !== undefined ? `<sz val="${font.size}"/>` : ''}` +
      `${font.colour !== undefined ? `<color rgb="${argb(font.colour)}"/>` : ''}` +
      `${font.name !== undefined ? `<name val="${escapeAttr(font.name)}"/>` : ''}` +
      `${font.family !== undefined ? `<family val="${font.family}"/>` : ''}</font>`
    );
  }

  /** The `<font>` element (unprefixed) a cell format uses, or null when there is none. */
  fontOfCellXf(xfIndex: number): string | null {
    const xf = this.entries.cellXfs[xfIndex];
    if (xf === undefined) return null;
    const fontId = Number(attributes(xf).get('fontId') ?? 0);
    const font = this.entries.fonts[fontId];
    return font === undefined ? null : this.unprefixed(font);
  }

  dxf(style: DifferentialStyle): number {
    return this.append(
      'dxfs',
      `<dxf><font>${style.bold ? '<b/>' : ''}<color rgb="${argb(style.font)}"/></font>` +
        `<fill><patternFill patternType="solid"><bgColor rgb="${argb(style.fill)}"/></patternFill></fill></dxf>`,
    );
  }

  /** The styles part with our entries appended to each section, counts updated. */
  toXml(): string {
    let xml = this.xml;
    const p = this.prefix;
    const prefixed = (el: string): string => (p === '' ? el : el.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${p}`));
    // Back to front, so earlier offsets stay valid while later sections change.
    for (const section of [...ORDER].reverse()) {
      if (!(section in CHILD)) continue;
      const s = section as Section;
      const added = this.added[s];
      if (added.length === 0) continue;
      const count = this.entries[s].length;
      const body = added.map(prefixed).join('');
      const el = elements(xml, `${p}${s}`)[0];
      if (el === undefined) {
        const at = insertionPoint(xml, p, ORDER.slice(ORDER.indexOf(s) + 1), 'styleSheet');
        xml = `${xml.slice(0, at)}<${p}${s} count="${count}">${body}</${p}${s}>${xml.slice(at)}`;
        continue;
      }
      const [start, end] = el;
      const tagEnd = xml.indexOf('>', start);
      const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
      let open = xml.slice(start, selfClosing ? tagEnd - 1 : tagEnd).trimEnd();
      open = /\scount\s*=/.test(open)
        ? open.replace(/(\scount\s*=\s*)(?:"[^"]*"|'[^']*')/, `$1"${count}"`)
        : `${open} count="${count}"`;
      if (selfClosing) {
        xml = `${xml.slice(0, start)}${open}>${body}</${p}${s}>${xml.slice(end)}`;
      } else {
        const close = end - `</${p}${s}>`.length;
        xml = `${xml.slice(0, start)}${open}>${xml.slice(tagEnd + 1, close)}${body}${xml.slice(close)}`;
      }
    }
    return xml;
  }
}
