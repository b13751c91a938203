/**
 * What an Excel number format shows, as far as the reader needs: whether it is a date format, and
 * how an integer looks in an identifier column (`000000000` shows 12345678 as "012345678").
 */

/** Drops what a number format shows literally: quoted text, escaped characters, `[Red]`, `[$€-40C]`. */
function formatSkeleton(section: string): string {
  return section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
}

/** Is this Excel number format a date (or time) format? */
export function isDateFormat(format: string | null): boolean {
  if (format === null) return false;
  const skeleton = formatSkeleton(format.split(';')[0] ?? '');
  return /[dmyhs]/i.test(skeleton) && !/general/i.test(skeleton);
}

type FormatToken = { placeholder: '0' | '#' | '?' } | { text: string };

/** The tokens of one format section: digit placeholders and literal text. */
function formatTokens(section: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section.charAt(i);
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      tokens.push({ text: end < 0 ? section.slice(i + 1) : section.slice(i + 1, end) });
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      tokens.push({ text: section.charAt(i + 1) });
      i += 1;
    } else if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      i = end < 0 ? section.length : end;
    } else if (ch === '0' || ch === '#' || ch === '?') {
      tokens.push({ placeholder: ch });
    } else {
      tokens.push({ text: ch });
    }
  }
  return tokens;
}

/**
 * An integer as a format made of digit placeholders shows it (`000000000`, `000 000 000`,
 * `"FR"00000000000`), or null when the format is anything richer (decimals, grouping, dates).
 */
function displayInteger(n: number, format: string): string | null {
  const section = (n < 0 ? format.split(';')[1] : undefined) ?? format.split(';')[0] ?? '';
  const skeleton = formatSkeleton(section);
  if (!/^[0#?\s\-/]*$/.test(skeleton) || !/[0#?]/.test(skeleton)) return null;
  const tokens = formatTokens(section);
  // Excel fills the placeholders from the right; digits beyond them go before the first one.
  // Excel shows zero with `#` as nothing; `0` placeholders fill it in below.
  let digits = n === 0 ? '' : String(Math.abs(n));
  const out: string[] = new Array<string>(tokens.length).fill('');
  let firstPlaceholder = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token === undefined) continue;
    if ('text' in token) {
      out[i] = token.text;
      continue;
    }
    firstPlaceholder = i;
    if (digits.length > 0) {
      out[i] = digits.charAt(digits.length - 1);
      digits = digits.slice(0, -1);
    } else {
      out[i] = token.placeholder === '0' ? '0' : token.placeholder === '?' ? ' ' : '';
    }
  }
  if (digits.length > 0 && firstPlaceholder >= 0) out[firstPlaceholder] = digits + out[firstPlaceholder];
  const sign = n < 0 && format.split(';').length < 2 ? '-' : '';
  return sign + out.join('');
}

/** A number as its cell shows it, as far as an identifier column needs. */
export function displayNumber(n: number, format: string | null): string {
  if (format !== null && Number.isSafeInteger(n)) {
    const shown = displayInteger(n, format);
    if (shown !== null) return shown;
  }
  return String(n);
}
