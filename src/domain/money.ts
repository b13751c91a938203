/**
 * Exact money arithmetic on integer cents. Every rounding is half away from zero, on the exact
 * rational value, never on a binary float: `round(a × num / den)`.
 */
import type { Cents, Ratio } from './types';

/** round(a × num / den), half away from zero, exact. `den` must be positive. */
export function mulDivRound(a: number, num: number, den: number): number {
  const product = a * num;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(den) && Math.abs(product) + den < Number.MAX_SAFE_INTEGER) {
    let q = Math.trunc(product / den);
    let r = product - q * den;
    // The float quotient can land one off near an integer; the integer remainder tells, exactly.
    if (product >= 0 ? r < 0 : r > 0) {
      q -= Math.sign(product);
      r += Math.sign(product) * den;
    } else if (Math.abs(r) >= den) {
      q += Math.sign(product);
      r -= Math.sign(product) * den;
    }
    return Math.abs(r) * 2 >= den ? q + Math.sign(product) : q;
  }
  return Number(mulDivRoundBig(BigInt(a), BigInt(num), BigInt(den)));
}

export function mulDivRoundBig(a: bigint, num: bigint, den: bigint): bigint {
  const product = a * num;
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return negative ? -q : q;
}

/** Turns a finite JSON number into an exact decimal ratio (0.92 → 92/100; 1e-7 → 1/10000000). */
export function ratioFromNumber(value: number): Ratio {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return ratioFromDecimalText(decimalText(value));
}

/** The shortest decimal text of a number, without exponent. */
function decimalText(value: number): string {
  const s = String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = int + frac;
  const point = int.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function ratioFromDecimalText(text: string): Ratio {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const [, sign, int, frac = ''] = m;
  const trimmed = frac.replace(/0+$/, '');
  const num = Number(sign + int + trimmed);
  const den = 10 ** trimmed.length;
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) throw new RangeError(`too many digits: ${text}`);
  return { num, den };
}

export function ratioToNumber(r: Ratio): number {
  return r.num / r.den;
}

export function ratioCompare(a: Ratio, b: Ratio): number {
  const left = BigInt(a.num) * BigInt(b.den);
  const right = BigInt(b.num) * BigInt(a.den);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function ratioMin(a: Ratio, b: Ratio): Ratio {
  return ratioCompare(a, b) <= 0 ? a : b;
}

/** round(amount × rate), for currency conversion. */
export function convert(amount: Cents, rate: Ratio): Cents {
  return mulDivRound(amount, rate.num, rate.den);
}

/** round(amount × percent / 100). */
export function applyPercent(amount: Cents, percent: Ratio): Cents {
  return mulDivRound(amount, percent.num, percent.den * 100);
}

/** round(amount / (1 + rate/100)): the amount excluding VAT of a VAT-inclusive amount. */
export function excludeVat(amount: Cents, ratePercent: Ratio): Cents {
  return mulDivRound(amount, 100 * ratePercent.den, 100 * ratePercent.den + ratePercent.num);
}

/** Cents from a currency-unit number as written in a file (12.34 → 1234), exact for up to 2 decimals. */
export function centsFromUnits(units: number): Cents | null {
  if (!Number.isFinite(units)) return null;
  let r: Ratio;
  try {
    r = ratioFromNumber(units);
  } catch {
    return null; // more digits than a safe integer holds: certainly not a whole number of cents
  }
  if (r.den > 100) return null;
  return r.num * (100 / r.den);
}

/** Currency units from cents, for the public result: one division, no accumulated error. */
export function unitsFromCents(cents: Cents): number {
  // + 0 turns -0 into 0, so a used-up credit never prints as "-0".
  return cents / 100 + 0;
}
