/**
 * Age buckets of a bucket-level balance, read from their headers (DOMAIN.md, "Bucket level"):
 * not due is 0 days; `a-b` covers a..b days overdue; `> n`, `+n`, `n+`, `plus de n jours`,
 * `over n days` cover n+1 days and more. Units (`j`, `jours`, `days`) are ignored, en-dashes accepted.
 */
import type { BucketDef } from '../domain/types';
import { MAX_HEADER_LENGTH, normaliseLabel } from './labels';

const NOT_DUE = /^(?:non echus?|non echues?|not (?:yet )?due|current|a echoir|pas echu)$/;
const RANGE = /^(?:de |from )?(\d+) ?(?:-|a|to) ?(\d+)$/;
const ABOVE = /^(?:>|\+|plus de|over|more than|au-?dela de|superieur a|sup a) ?(\d+)$/;
const AT_LEAST = /^(?:>=|a partir de) ?(\d+)$/;
const TRAILING_PLUS = /^(\d+) ?\+$/;

/** The header in the small alphabet the patterns above use: no accents, one kind of dash, single spaces. */
function bucketText(header: string): string {
  return (
    header
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/\u2265/g, '>=')
      .replace(/\s+/g, ' ')
      .trim()
      // Qualifiers around the edges say "overdue", which every bucket but not due is anyway.
      .replace(/^(?:echus?|retard|overdue|past due) /, '')
      .replace(/ (?:de retard|overdue|past due|echus?)$/, '')
      .replace(/(\d+) ?(?:jours|jour|jrs|jr|j|days|day|d)\.?(?![a-z])/g, '$1')
      .replace(/ ?(?:jours|jour|jrs|j|days|day)\.?$/, '')
      .trim()
  );
}

/** The bucket a header names, or null when the header is not an age bucket. */
export function bucketFromHeader(header: string): BucketDef | null {
  if (header.length > MAX_HEADER_LENGTH) return null;
  const label = header.trim();
  const text = bucketText(header);
  if (NOT_DUE.test(normaliseLabel(header))) return { label, notDue: true, from: 0, to: 0 };
  const range = RANGE.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    return from <= to ? { label, notDue: false, from, to } : null;
  }
  const above = ABOVE.exec(text) ?? TRAILING_PLUS.exec(text);
  if (above) return { label, notDue: false, from: Number(above[1]) + 1, to: null };
  const atLeast = AT_LEAST.exec(text);
  if (atLeast) return { label, notDue: false, from: Number(atLeast[1]), to: null };
  return null;
}
