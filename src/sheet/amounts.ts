/**
 * Amount cells, read to integer cents without a float ever touching a total.
 *
 * Numbers: exact when they have at most 2 decimals; a host float artefact (55.940000000000005,
 * i.e. 55.94 once rounded to 15 significant digits) is read silently as the cents it stands for;
 * a real third decimal (12.345) is rounded half away from zero and reported.
 *
 * Text: French (`1 234,56 €`, `1.234,56`, U+00A0 / U+202F thousands) and English (`$1,234.56`,
 * `1,234.56 USD`) separators, currency symbols or codes on either side, negatives as `-1`, `1-`
 * or `(1)`. One separator followed by exactly 3 digits (`1,234`, `1.234`) is ambiguous: it is a
 * thousands separator in one convention and a decimal one in the other. The column decides (the
 * separators its other cells use unambiguously), else the sheet's other amount columns, else the
 * locale; a column showing both conventions leaves such cells unread (error).
 */
import { centsFromUnits, mulDivRound, ratioFromNumber } from '../domain/money';
import type { Cents } from '../domain/types';
import { currencyCode } from './cells';
import { describeCell, isCellError, type Cell } from './table';

/** Which character is the decimal separator: `fr` a comma, `en` a point. */
export type Convention = 'fr' | 'en';

export interface AmountValue {
  cents: Cents;
  /** The currency the text carries (`€` → EUR), if any. */
  currency: string | null;
  /** True when the value had more than 2 real decimals and was rounded to the cent. */
  rounded: boolean;
}

export type AmountScan =
  | { kind: 'blank' }
  | ({ kind: 'amount'; evidence: Convention | null } & AmountValue)
  /** `1,234` or `1.234`: `whole` and `tail` are the digits either side of the separator. */
  | { kind: 'ambiguous'; separator: ',' | '.'; whole: string; tail: string; negative: boolean; currency: string | null }
  | { kind: 'bad'; reason: string };

/** Above this many currency units cents would no longer be exact integers. */
const MAX_UNITS = 1e13;

const PREFIX_CURRENCY = /^(US\$|[€$£¥]|[A-Z]{3}(?![A-Za-z])|(?:eur|usd|gbp|chf)(?![A-Za-z]))/;
const SUFFIX_CURRENCY = /((?:US)?\$|[€£¥]|(?<![A-Za-z])[A-Z]{3}|(?<![A-Za-z])(?:eur|usd|gbp|chf))$/;
/** Spaces a number may be grouped with: space, no-break (U+00A0), narrow no-break (U+202F), thin, figure. */
const GROUP_SPACES = /[ \u00a0\u202f\u2009\u2007]/g;

function bad(cell: Cell): AmountScan {
  const shown = describeCell(cell);
  return { kind: 'bad', reason: `${typeof cell === 'string' ? `"${shown}"` : shown} is not an amount` };
}

/** Cents from digit strings, rounding half away from zero past the second decimal. */
function centsFromDigits(
  whole: string,
  fraction: string,
  negative: boolean,
): { cents: Cents; rounded: boolean } | null {
  const intDigits = whole.replace(/^0+(?=\d)/, '') || '0';
  if (intDigits.length > 13) return null;
  const cents2 = (fraction + '00').slice(0, 2);
  let cents = Number(intDigits) * 100 + Number(cents2);
  const rest = fraction.slice(2);
  const rounded = /[1-9]/.test(rest);
  if (rounded && Number(rest.charAt(0)) >= 5) cents += 1;
  // -0 would print as "-0" and compare oddly; a zero has no sign.
  return { cents: negative && cents !== 0 ? -cents : cents, rounded };
}

/** A number cell: see the file comment for float artefacts. */
export function centsFromNumber(n: number): { cents: Cents; rounded: boolean } | null {
  if (!Number.isFinite(n) || Math.abs(n) >= MAX_UNITS) return null;
  const exact = centsFromUnits(n);
  if (exact !== null) return { cents: exact, rounded: false };
  const artefact = centsFromUnits(Number(n.toPrecision(15)));
  if (artefact !== null) return { cents: artefact, rounded: false };
  try {
    const r = ratioFromNumber(n);
    return { cents: mulDivRound(r.num, 100, r.den), rounded: true };
  } catch {
    // Too many digits for an exact ratio (1e-20): far below a cent, so the float rounding is exact enough.
    return { cents: Math.sign(n) * Math.round(Math.abs(n) * 100), rounded: true };
  }
}

/** Groups after the first must be 3 digits; the first 1 to 3. */
function validGrouping(groups: string[]): boolean {
  return groups.every((g, i) => /^\d+$/.test(g) && (i === 0 ? g.length >= 1 && g.length <= 3 : g.length === 3));
}

/** Reads an amount written as text. */
/** The shape of most cells in a large export: digits, an optional sign and at most two decimals. */
const PLAIN_AMOUNT = /^(-?)(\d{1,13})(?:([.,])(\d{1,2}))?$/;

export function scanAmountText(raw: string): AmountScan {
  // Fast path, same result as the general one below: a million-row export is mostly plain amounts.
  const plain = PLAIN_AMOUNT.exec(raw);
  if (plain !== null) {
    const [, sign, whole, separator, fraction = ''] = plain;
    const cents = Number(whole) * 100 + (fraction === '' ? 0 : Number((fraction + '0').slice(0, 2)));
    return {
      kind: 'amount',
      cents: sign === '-' && cents !== 0 ? -cents : cents,
      rounded: false,
      currency: null,
      evidence: separator === ',' ? 'fr' : separator === '.' ? 'en' : null,
    };
  }
  const grouped = GROUPED_AMOUNT.exec(raw);
  if (grouped !== null) {
    const [, sign, first = '', group = '', rest = '', decimal, fraction = ''] = grouped;
    const groups = (rest.length + 1) / 4 + 1;
    // A lone `1,234` / `1.234` is ambiguous and a decimal separator equal to the grouping one is
    // wrong: both are the full reading's business, as is a number too long for exact cents.
    const ambiguous = group !== ' ' && group !== '\u00a0' && group !== '\u202f' && groups === 2 && !decimal;
    if (!ambiguous && decimal !== group && first.length + 3 * (groups - 1) <= 13) {
      // Digit by digit: at most 13 digits, exact; splitting and joining strings cost more than the rest.
      let whole = 0;
      for (let i = 0; i < first.length; i++) whole = whole * 10 + first.charCodeAt(i) - 48;
      for (let i = 0; i < rest.length; i++) {
        const digit = rest.charCodeAt(i) - 48;
        if (digit >= 0 && digit <= 9) whole = whole * 10 + digit;
      }
      const cents = whole * 100 + (fraction === '' ? 0 : Number((fraction + '0').slice(0, 2)));
      const evidence: Convention | null =
        decimal === ',' ? 'fr' : decimal === '.' ? 'en' : group === ',' ? 'en' : group === '.' ? 'fr' : null;
      return {
        kind: 'amount',
        cents: sign === '-' && cents !== 0 ? -cents : cents,
        rounded: false,
        currency: null,
        evidence,
      };
    }
  }
  return scanAmountTextInFull(raw);
}

/** Grouped thousands (`1 234,56`, `1,234,567.89`, `1.234,56`), one grouping character throughout. */
const GROUPED_AMOUNT = /^(-?)(\d{1,3})([ \u00a0\u202f.,])(\d{3}(?:\3\d{3})*)(?:([.,])(\d{1,2}))?$/;

/** Every form of amount text; exported so the tests can hold the fast path to it. */
export function scanAmountTextInFull(raw: string): AmountScan {
  let s = raw.replace(/\u2212/g, '-').trim();
  if (s === '') return { kind: 'blank' };
  let signs = 0;
  let dash = false;
  let currency: string | null = null;
  const setCurrency = (symbol: string): boolean => {
    const code = currencyCode(symbol);
    if (code === null || (currency !== null && currency !== code)) return false;
    currency = code;
    return true;
  };
  for (let guard = 0; guard < 8; guard++) {
    s = s.replace(GROUP_SPACES, ' ').trim();
    if (s.startsWith('(') && s.endsWith(')')) {
      signs += 1;
      s = s.slice(1, -1);
      continue;
    }
    if (s.startsWith('-') || s.endsWith('-')) {
      signs += 1;
      dash = true;
      s = s.startsWith('-') ? s.slice(1) : s.slice(0, -1);
      continue;
    }
    if (s.startsWith('+')) {
      s = s.slice(1);
      continue;
    }
    const prefix = PREFIX_CURRENCY.exec(s);
    if (prefix) {
      if (!setCurrency(prefix[1] ?? '')) return bad(raw);
      s = s.slice(prefix[0].length);
      continue;
    }
    const suffix = SUFFIX_CURRENCY.exec(s);
    if (suffix) {
      if (!setCurrency(suffix[1] ?? '')) return bad(raw);
      s = s.slice(0, s.length - suffix[0].length);
      continue;
    }
    break;
  }
  if (signs > 1) return bad(raw);
  const negative = signs === 1;
  // Excel's accounting format shows zero as a dash: "-", "- €".
  if (s === '' && dash) return { kind: 'amount', cents: 0, currency, rounded: false, evidence: null };
  if (!/^(?:\d[\d ',.\u2019]*|[.,]\d+)$/.test(s) || /[ '\u2019,.]$/.test(s)) return bad(raw);

  const spaced = /[ '\u2019]/.test(s);
  const commas = (s.match(/,/g) ?? []).length;
  const points = (s.match(/\./g) ?? []).length;
  let decimal: ',' | '.' | null = null;
  let grouping: ',' | '.' | null = null;
  if (commas > 0 && points > 0) {
    decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    grouping = decimal === ',' ? '.' : ',';
    if ((decimal === ',' ? commas : points) !== 1) return bad(raw);
  } else if (commas + points > 1) {
    grouping = commas > 0 ? ',' : '.';
  } else if (commas + points === 1) {
    const separator = commas === 1 ? ',' : '.';
    const [before = '', after = ''] = s.split(separator);
    const digitsBefore = before.replace(/[ '\u2019]/g, '');
    const unambiguous = spaced || after.length !== 3 || digitsBefore.length > 3 || /^0*$/.test(digitsBefore);
    if (!unambiguous) {
      if (!/^\d+$/.test(after)) return bad(raw);
      return { kind: 'ambiguous', separator, whole: digitsBefore, tail: after, negative, currency };
    }
    decimal = separator;
  }

  const [intPart = '', fraction = ''] = decimal === null ? [s] : s.split(decimal);
  if (fraction !== '' && !/^\d+$/.test(fraction)) return bad(raw);
  const groupPattern = grouping === null ? /[ '\u2019]/ : new RegExp(`[ '\\u2019${grouping === '.' ? '\\.' : ','}]`);
  const hasGroups = groupPattern.test(intPart);
  const groups = intPart.split(groupPattern);
  if (hasGroups ? !validGrouping(groups) : intPart !== '' && !/^\d+$/.test(intPart)) return bad(raw);
  const cents = centsFromDigits(groups.join(''), fraction, negative);
  if (cents === null) return { kind: 'bad', reason: `"${raw.trim()}" is too large an amount` };
  const evidence: Convention | null =
    decimal === ',' ? 'fr' : decimal === '.' ? 'en' : grouping === ',' ? 'en' : grouping === '.' ? 'fr' : null;
  return { kind: 'amount', ...cents, currency, evidence };
}

/** Reads what an amount cell holds; an ambiguous text waits for the column's convention. */
export function scanAmount(cell: Cell): AmountScan {
  if (cell === null) return { kind: 'blank' };
  if (isCellError(cell)) return { kind: 'bad', reason: `${cell.error} is an error value` };
  if (typeof cell === 'number') {
    const value = centsFromNumber(cell);
    return value === null ? bad(cell) : { kind: 'amount', ...value, currency: null, evidence: null };
  }
  if (typeof cell === 'string') return scanAmountText(cell);
  return bad(cell);
}

/** An ambiguous `1,234` / `1.234` read in a convention. */
export function resolveAmbiguous(
  scan: Extract<AmountScan, { kind: 'ambiguous' }>,
  convention: Convention,
): AmountValue | null {
  const isDecimal = (scan.separator === ',') === (convention === 'fr');
  const value = isDecimal
    ? centsFromDigits(scan.whole, scan.tail, scan.negative)
    : centsFromDigits(scan.whole + scan.tail, '', scan.negative);
  return value === null ? null : { ...value, currency: scan.currency };
}

export function describeConvention(convention: Convention): string {
  return convention === 'fr' ? 'a decimal comma (1 234,56)' : 'a decimal point (1,234.56)';
}
