/**
 * Canonical JSON per RFC 8785 (JCS), so a rule file has one identity whatever its whitespace and
 * field order: object keys sorted by UTF-16 code units, no whitespace, numbers as ECMAScript's
 * Number-to-String (which is what JSON.stringify emits for finite numbers), strings as
 * JSON.stringify escapes them.
 */
import { sha256Hex } from './sha256';

/** Expects a checked JSON tree (finite numbers, plain objects, bounded depth). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, exactly what RFC 8785 asks for.
  const keys = Object.keys(record).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(record[k])).join(',') + '}';
}

/** `sha256:<hex>` of the canonical JSON, UTF-8 encoded. */
export function contentHash(value: unknown): string {
  return 'sha256:' + sha256Hex(canonicalJson(value));
}
