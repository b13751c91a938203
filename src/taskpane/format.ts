/**
 * Figures and dates as the pane shows them, in the user's language: amounts with their currency
 * (`12 345,67 €` / `€12,345.67`), dates as the summary sheet writes them (30/06/2027 / 6/30/2027).
 * The workbook gets real numbers and dates; only the pane formats.
 */
import type { Labels } from './labels';

const moneyFormats = new Map<string, (amount: number) => string>();

export function formatMoney(amount: number, currency: string, labels: Labels): string {
  const key = `${labels.locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(labels.locale, { style: 'currency', currency }).format;
    } catch {
      // Not an ISO 4217 code Intl knows: the figure, then the code as the rule file writes it.
      const plain = new Intl.NumberFormat(labels.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      format = (n: number) => `${plain.format(n)} ${currency}`;
    }
    moneyFormats.set(key, format);
  }
  return format(amount);
}

export function formatCount(n: number, labels: Labels): string {
  return new Intl.NumberFormat(labels.locale).format(n);
}

export function formatPercent(percent: number, labels: Labels): string {
  return `${new Intl.NumberFormat(labels.locale, { maximumFractionDigits: 2 }).format(percent)} %`;
}

/** YYYY-MM-DD as the user writes dates. */
export function formatDate(iso: string, labels: Labels): string {
  const [y, m, d] = iso.split('-');
  if (y === undefined || m === undefined || d === undefined) return iso;
  return labels.lang === 'fr' ? `${d}/${m}/${y}` : `${Number(m)}/${Number(d)}/${y}`;
}

/** Today's date on the user's own calendar (their time zone), as YYYY-MM-DD: the default as-of date. */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An Excel row selection (`12:16,62:62`) as the user reads it: `12–16, 62`. */
export function formatRowRanges(address: string): string {
  return address
    .split(',')
    .map((area) => {
      const [first, last] = area.split(':');
      return last === undefined || first === last ? first : `${first}–${last}`;
    })
    .join(', ');
}
