/**
 * Calendar-day arithmetic on day numbers (days since 1970-01-01), proleptic Gregorian.
 * No `Date` here: a day has no time and no time zone, so nothing depends on the machine's TZ.
 */
import type { Day } from './types';

// Howard Hinnant's days_from_civil / civil_from_days, exact for any year.
export function dayFromParts(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function partsFromDay(d: Day): { year: number; month: number; day: number } {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; null when the text is not a real calendar date (2027-02-30 is not). */
export function parseIsoDay(text: string): Day | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(year, month, day) ? dayFromParts(year, month, day) : null;
}

// Results repeat the same few thousand dates a million times: format each once.
const isoCache = new Map<Day, string>();
const ISO_CACHE_MAX = 200_000;

export function formatIsoDay(d: Day): string {
  let text = isoCache.get(d);
  if (text === undefined) {
    text = formatIsoDayUncached(d);
    if (isoCache.size >= ISO_CACHE_MAX) isoCache.clear();
    isoCache.set(d, text);
  }
  return text;
}

function formatIsoDayUncached(d: Day): string {
  const { year, month, day } = partsFromDay(d);
  const yyyy = year < 0 ? '-' + String(-year).padStart(4, '0') : String(year).padStart(4, '0');
  return `${yyyy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Excel's serial day 25569 is 1970-01-01 (serials count Excel's phantom 1900-02-29, so only serials ≥ 61 map here). */
export const EXCEL_EPOCH_OFFSET = 25569;

/** Excel's serial for 1900-02-29, a day that never was (Lotus 1-2-3's leap-year bug, kept by Excel). */
export const EXCEL_PHANTOM_SERIAL = 60;

/** Serial 60 maps to 1900-03-01 here, like 61: callers that read user data refuse it first (`sheet/dates`). */
export function dayFromExcelSerial(serial: number): Day {
  const whole = Math.floor(serial);
  // Serials 1..59 are 1900-01-01..1900-02-28; 60 is the non-existent 1900-02-29, which Excel shows but which never was.
  return whole < 61 ? whole - EXCEL_EPOCH_OFFSET + 1 : whole - EXCEL_EPOCH_OFFSET;
}

export function excelSerialFromDay(d: Day): number {
  const serial = d + EXCEL_EPOCH_OFFSET;
  return serial < 61 ? serial - 1 : serial;
}
