/**
 * Which rule files the Compare tab offers and which it compares: the bundled samples, and the rule
 * file loaded in the Evaluate tab when it is one of the broker's own (a file, a download, a paste,
 * the workbook's policy). The broker ticks 2 to 4 of them; they are compared in the order of the
 * list, so the keys A, B, C … follow the list and A, the reference of every difference, is the
 * first one ticked from the top. Small and pure: the pane's entry carries it, the comparison itself
 * is loaded on demand (`run-comparison.ts`).
 */
import type { CompareProblem } from './labels';
import type { LoadedRuleFile } from './rule-file';
import { SAMPLE_RULE_FILES, type SampleRuleFile } from './samples';
import type { RuleFileState } from './state';

export const MIN_COMPARED = 2;
/** Side by side in a 400 px pane, four columns of amounts are the most that stay readable. */
export const MAX_COMPARED = 4;
/** The id of the rule file loaded in the Evaluate tab among the candidates. */
export const LOADED_ID = 'loaded';

export interface CompareCandidate {
  /** A sample's key (`strict`), or `loaded`. */
  id: string;
  /** What the list shows first: the file name, or where the loaded file came from. */
  name: string;
  policyId: string;
  version: string;
  insurer: string;
  currency: string;
  source: { kind: 'sample'; sample: SampleRuleFile } | { kind: 'loaded'; file: LoadedRuleFile };
}

function sampleCandidate(sample: SampleRuleFile): CompareCandidate {
  const policy =
    (sample.json as { policy?: { id?: unknown; version?: unknown; insurer?: unknown; currency?: unknown } }).policy ??
    {};
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    id: sample.key,
    name: sample.fileName,
    policyId: text(policy.id),
    version: text(policy.version),
    insurer: text(policy.insurer),
    currency: text(policy.currency),
    source: { kind: 'sample', sample },
  };
}

/**
 * The rule files the broker can compare: the loaded one first when it is their own (usually the
 * client's current policy, the natural reference), then the samples. A sample loaded in the
 * Evaluate tab is offered once, as the sample.
 */
export function compareCandidates(
  rules: RuleFileState,
  samples: readonly SampleRuleFile[] = SAMPLE_RULE_FILES,
): CompareCandidate[] {
  const list = samples.map(sampleCandidate);
  if (rules.status !== 'valid' || rules.source === 'sample') return list;
  const { terms } = rules.file.policy;
  const loaded: CompareCandidate = {
    id: LOADED_ID,
    name: rules.name,
    policyId: terms.id,
    version: terms.version,
    insurer: terms.insurer,
    currency: terms.currency,
    source: { kind: 'loaded', file: rules.file },
  };
  return [loaded, ...list];
}

/** The ticked candidates, in the order of the list (ids no longer offered are dropped). */
export function pickedCandidates(
  candidates: readonly CompareCandidate[],
  picked: readonly string[],
): CompareCandidate[] {
  return candidates.filter((c) => picked.includes(c.id));
}

/** The key of the i-th policy compared, as the command line names them: A, B, C … */
export function policyKey(index: number): string {
  return String.fromCharCode(65 + index);
}

/** Each ticked candidate's key (A, B …), by id. */
export function pickedKeys(candidates: readonly CompareCandidate[], picked: readonly string[]): Map<string, string> {
  return new Map(pickedCandidates(candidates, picked).map((c, i) => [c.id, policyKey(i)]));
}

/**
 * A new list of ticked ids: `id` ticked or not, ids no longer `offered` dropped (the Evaluate tab's
 * file was replaced by a sample …), and never more than `MAX_COMPARED`.
 */
export function togglePicked(picked: readonly string[], id: string, on: boolean, offered: readonly string[]): string[] {
  const kept = picked.filter((p) => offered.includes(p));
  const without = kept.filter((p) => p !== id);
  if (!on || !offered.includes(id)) return without;
  return without.length >= MAX_COMPARED ? kept : [...without, id];
}

/** Why the ticked files cannot be compared yet, or null: too few, or in several currencies. */
export function selectionProblem(picked: readonly CompareCandidate[]): Exclude<CompareProblem, 'no-ledger'> | null {
  if (picked.length < MIN_COMPARED) return 'too-few';
  if (new Set(picked.map((c) => c.currency)).size > 1) return 'currencies';
  return null;
}
