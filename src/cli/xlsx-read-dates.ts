/**
 * Date cells of an .xlsx file: a serial number under a date format, or (rarely) an ISO 8601 text
 * cell (`t="d"`). The serials go through exactly the arithmetic ExcelJS used when it read these
 * files, and then excelJsDateCell, so that every date reads as the same instant as before.
 */
import type { Cell } from '../sheet';

const DAY_MS = 86_400_000;
/** 1900-03-01: from this day on, ExcelJS's dates of the 1900 system are the days Excel shows. */
const FIRST_TRUE_DAY_MS = Date.UTC(1900, 2, 1);
/** Days from 1899-12-30 (serial 0 of the 1900 system) to 1970-01-01. */
const SERIAL_OF_1970 = 25569;
/** Days from 1900-01-01 to 1904-01-01, by which the 1904 system's serials are shifted. */
const SHIFT_1904 = 1462;

/**
 * ExcelJS's utils.excelToDate, operation for operation (`* 24 * 3600 * 1000` does not always round
 * like `* 86400000`): serial s is the instant (s − 25569) days after 1970.
 */
export function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - SERIAL_OF_1970 + (date1904 ? SHIFT_1904 : 0)) * 24 * 3600 * 1000));
}

/**
 * ExcelJS makes serial s the instant (s − 25569) days after 1970, which leaves out Excel's phantom
 * 1900-02-29 (serial 60): serials 1–59 come out one day early and 60 as 1900-02-28. Those are put
 * back to the day Excel shows; serial 60, and serials below 1 (a time of day, no date), are given as
 * the serial number, which the reader reports instead of reading it as some neighbouring day.
 */
export function excelJsDateCell(date: Date, date1904: boolean): Cell {
  const time = date.getTime();
  if (date1904 || !(time < FIRST_TRUE_DAY_MS)) return date; // NaN too: the reader says it is invalid
  const serial = time / DAY_MS + SERIAL_OF_1970;
  if (serial < 1 || serial >= 60) return serial;
  return new Date(time + DAY_MS);
}

/** A number cell under a date format. */
export function serialDateCell(serial: number, date1904: boolean): Cell {
  return excelJsDateCell(excelToDate(serial, date1904), date1904);
}

const ISO =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?\s*$/;

/**
 * A `t="d"` cell: the ISO 8601 date it holds (a zone, if given, is ignored: Excel has none) as a
 * date when its format is a date format, else as the serial number Excel would show. Text that is
 * no ISO date is given as text, for the reader to report.
 */
export function isoDateCell(text: string, dateFormat: boolean, date1904: boolean): Cell {
  const m = ISO.exec(text);
  if (m === null) return text;
  const [year, month, day, hours, minutes, seconds] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const millis = Number((m[7] ?? '').padEnd(3, '0'));
  const time = Date.UTC(year, month - 1, day, hours, minutes, seconds, millis);
  const check = new Date(time);
  // 2027-02-30 and 25:00 are no instants (Date.UTC would roll them over), and years 0–99 mean 1900–1999 to it.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return text;
  if (hours > 23 || minutes > 59 || seconds > 59) return text;
  if (dateFormat) return new Date(time);
  // Serials before 1900-03-01 count Excel's phantom 29 February 1900 as a day that is not there.
  const phantom = !date1904 && time < FIRST_TRUE_DAY_MS ? 1 : 0;
  return time / DAY_MS + SERIAL_OF_1970 - (date1904 ? SHIFT_1904 : 0) - phantom;
}
