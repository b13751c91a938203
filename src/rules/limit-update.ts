/**
 * An insurer's limit decisions merged into a rule file's `limits`, as plain data (the command line
 * reads the export; `limits import`). Entries of one buyer never overlap: a decision from day D
 * ends the entry in force on D the day before (D − 1), and stops the day before an entry the file
 * already has from a later date (that later decision stays).
 *
 * - granted / reduced: the decision's amount from its date;
 * - cancelled: 0 from its date (a cancelled limit never falls back to the discretionary limit);
 * - refused: a refusal concerns a request. A buyer with a limit above 0 in force keeps it (the
 *   request for more was refused); a buyer without one gets 0 from that date: no named cover and,
 *   as after a cancellation, no discretionary cover.
 * A decision identical to an entry of the file (same buyer, start, amount and end) changes nothing,
 * so importing the same export twice is harmless. A new entry's note is the export's words (buyer
 * name, decision reference, decision); an entry the file already has keeps its own note.
 */
import { formatIsoDay, parseIsoDay } from '../domain/days';
import type { LimitJson, RuleFileJson } from './ruleFile';

export type LimitDecisionKind = 'granted' | 'reduced' | 'cancelled' | 'refused';

export interface LimitDecision {
  /** 1-based row of the export, for messages. */
  row: number;
  buyer: string;
  decision: LimitDecisionKind;
  /** Currency units; null when the export leaves it blank (allowed for cancellations and refusals). */
  amount: number | null;
  /** YYYY-MM-DD. */
  validFrom: string;
  validTo: string | null;
  /** Kept as the entry's note (buyer name, decision reference). */
  note: string | null;
}

/** What a decision did, seen from the buyer's cover on the decision's date. */
export type LimitChangeKind =
  'added' | 'increased' | 'reduced' | 'cancelled' | 'refused' | 'refused-kept' | 'dates-changed' | 'unchanged';

export interface AppliedDecision {
  decision: LimitDecision;
  kind: LimitChangeKind;
  /** The buyer's limit in force on `validFrom` before the import (null: none). */
  before: number | null;
  /** Its limit from `validFrom` after the import. */
  after: number | null;
  /** The entry now stops the day before a later entry the file already had. */
  endsBefore: string | null;
}

export interface LimitUpdate {
  json: RuleFileJson;
  applied: AppliedDecision[];
  /** The bump the changes call for (rules/README.md, section 3), null when nothing changed. */
  bump: 'major' | 'minor' | 'patch' | null;
}

export class LimitUpdateError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'LimitUpdateError';
  }
}

function dayBefore(iso: string): string {
  return formatIsoDay((parseIsoDay(iso) as number) - 1);
}

/** `validFrom` null (since the policy start) sorts first. */
const startOf = (l: LimitJson): string => l.validFrom ?? '';

function inForceOn(l: LimitJson, iso: string): boolean {
  return (l.validFrom === null || l.validFrom <= iso) && (l.validTo === null || iso <= l.validTo);
}

/** Applies the decisions in date order (then export order). Throws LimitUpdateError on a decision it cannot apply. */
export function applyLimitDecisions(file: RuleFileJson, decisions: readonly LimitDecision[]): LimitUpdate {
  const limits: LimitJson[] = (file.limits ?? []).map((l) => ({ ...l }));
  const applied: AppliedDecision[] = [];
  const ordered = decisions
    .map((d, i) => ({ d, i }))
    .sort((x, y) => x.d.validFrom.localeCompare(y.d.validFrom) || x.i - y.i);

  for (const { d } of ordered) {
    if (d.validTo !== null && d.validTo < d.validFrom)
      throw new LimitUpdateError(
        `row ${d.row}: the limit ends (${d.validTo}) before it starts (${d.validFrom})`,
        d.row,
      );
    const entries = limits.filter((l) => l.buyer === d.buyer);
    const current = entries.find((l) => inForceOn(l, d.validFrom)) ?? null;
    const before = current === null ? null : current.amount;

    let amount: number;
    if (d.decision === 'cancelled') amount = 0;
    else if (d.decision === 'refused') {
      if (before !== null && before > 0) {
        applied.push({ decision: d, kind: 'refused-kept', before, after: before, endsBefore: null });
        continue;
      }
      amount = 0;
    } else {
      if (d.amount === null)
        throw new LimitUpdateError(`row ${d.row}: a ${d.decision} limit needs an amount (buyer ${d.buyer})`, d.row);
      amount = d.amount;
    }

    // A later entry already in the file stays: the new one stops the day before it.
    const later = entries
      .filter((l) => l.validFrom !== null && l.validFrom > d.validFrom)
      .sort((x, y) => startOf(x).localeCompare(startOf(y)))[0];
    let validTo = d.validTo;
    let endsBefore: string | null = null;
    if (later !== undefined && (validTo === null || validTo >= (later.validFrom as string))) {
      validTo = dayBefore(later.validFrom as string);
      endsBefore = later.validFrom;
    }

    const same = entries.find((l) => l.validFrom === d.validFrom);
    const entry: LimitJson = { buyer: d.buyer, amount, validFrom: d.validFrom, validTo };
    // The broker's own note on an entry wins over the export's words.
    const note = same?.note ?? d.note;
    if (note !== undefined && note !== null) entry.note = note;

    let kind: LimitChangeKind;
    if (same !== undefined) {
      if (same.amount === amount && same.validTo === validTo) kind = 'unchanged';
      else {
        kind = classify(same.amount, amount, d.decision, same.validTo !== validTo);
        limits[limits.indexOf(same)] = entry;
      }
    } else {
      kind = classify(before, amount, d.decision, false);
      // The entry in force on the decision's date ends the day before.
      for (const l of entries)
        if (l !== same && inForceOn(l, d.validFrom) && (l.validFrom === null || l.validFrom < d.validFrom))
          l.validTo = dayBefore(d.validFrom);
      // In date order among the buyer's entries: before a later one, else after its last, else at the end.
      const last = entries.length === 0 ? -1 : Math.max(...entries.map((l) => limits.indexOf(l)));
      if (later !== undefined) limits.splice(limits.indexOf(later), 0, entry);
      else if (last === -1) limits.push(entry);
      else limits.splice(last + 1, 0, entry);
    }
    applied.push({ decision: d, kind, before, after: amount, endsBefore: kind === 'unchanged' ? null : endsBefore });
  }

  const json: RuleFileJson = { ...file, limits };
  return { json, applied, bump: bumpFor(applied) };
}

function classify(
  before: number | null,
  amount: number,
  decision: LimitDecisionKind,
  datesChanged: boolean,
): LimitChangeKind {
  if (decision === 'cancelled') return 'cancelled';
  if (decision === 'refused') return 'refused';
  if (before === null) return 'added';
  if (amount < before) return 'reduced';
  if (amount > before) return 'increased';
  return datesChanged ? 'dates-changed' : 'unchanged';
}

/** Major for less cover, minor for more, patch for dates only (rules/README.md, section 3). */
function bumpFor(applied: readonly AppliedDecision[]): LimitUpdate['bump'] {
  const kinds = new Set(applied.map((a) => a.kind));
  if (['reduced', 'cancelled', 'refused'].some((k) => kinds.has(k as LimitChangeKind))) return 'major';
  if (kinds.has('added') || kinds.has('increased')) return 'minor';
  if (kinds.has('dates-changed')) return 'patch';
  return null;
}

/** `1.4.2` bumped; null when the version is not MAJOR.MINOR.PATCH. */
export function bumpVersion(version: string, level: 'major' | 'minor' | 'patch'): string | null {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (level === 'major') return `${major + 1}.0.0`;
  if (level === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}
