/**
 * A rule file as the pane holds it: the text it stores in the workbook, the loaded Policy, and the
 * errors of a file that does not validate, one line each with its place (`rules/3/conditions/…`), as
 * the command line prints them. Whatever the source (a bundled sample, a local file, a download, a
 * paste), the same loader decides.
 */
import type { Policy } from '../domain';
import { formatRuleFileError, loadRuleFile, loadRuleFileJson, MAX_FILE_BYTES } from '../rules';

export interface LoadedRuleFile {
  /** Exactly what is stored in the workbook and what the custom functions load again. */
  text: string;
  policy: Policy;
  /** `sha256:…`: identifies the file in every result. */
  hash: string;
}

export type RuleFileOutcome = { ok: true; file: LoadedRuleFile } | { ok: false; errors: string[] };

/** Text from a file, a download or a paste. */
export function ruleFileFromText(text: string): RuleFileOutcome {
  const result = loadRuleFile(text);
  if (!result.ok) return { ok: false, errors: result.errors.map(formatRuleFileError) };
  return { ok: true, file: { text, policy: result.policy, hash: result.hash } };
}

/**
 * A bundled sample: webpack hands over the parsed JSON, and the workbook stores it written out
 * again. The hash covers values, not layout, so it is the hash of the file in `rules/`.
 */
export function ruleFileFromJson(json: unknown): RuleFileOutcome {
  const result = loadRuleFileJson(json);
  if (!result.ok) return { ok: false, errors: result.errors.map(formatRuleFileError) };
  // The caller's object keeps the file's own key order (the loader's copy is canonical, keys sorted).
  return { ok: true, file: { text: `${JSON.stringify(json, null, 2)}\n`, policy: result.policy, hash: result.hash } };
}

export type DecodeFailure = { reason: 'not-utf8' } | { reason: 'too-large'; bytes: number };

/**
 * Bytes of a local file as text, decoded as the command line does: strict UTF-8, and a byte-order
 * mark kept in the text (`ignoreBOM`) so the loader reports it instead of the decoder hiding it.
 */
export function decodeRuleFileBytes(bytes: Uint8Array): { ok: true; text: string } | ({ ok: false } & DecodeFailure) {
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', bytes: bytes.byteLength };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-utf8' };
  }
}
