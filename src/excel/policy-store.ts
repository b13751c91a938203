/// <reference types="office-js" />
/**
 * The policy a workbook was evaluated with, stored in the workbook so that it reopens with it and
 * the custom functions (`=INSURED_LIMIT()` …) can read it.
 *
 * Where: the workbook setting `credit-cover.policy` (`Workbook.settings`, ExcelApi 1.4, the same
 * per-add-in store as `Office.context.document.settings`, saved with the workbook; a `sync` is all
 * it takes, no `saveAsync`). A rule file up to 512 KB goes in the setting itself, where the custom
 * functions read it synchronously when they load (`storedPolicyFromSettings`). Microsoft documents
 * no size limit for document settings, only that custom XML parts are the place for data beyond
 * it; all settings are loaded into memory with the add-in, and a rule file may be 5 MB
 * (`MAX_FILE_BYTES`). So a larger file goes in custom XML parts (ExcelApi 1.5) of at most 1 MB each,
 * in the `urn:credit-cover:policy:1` namespace, and the setting keeps the rest (id, version, hash,
 * as-of date, size); reading it back then takes an `Excel.run`.
 *
 * Order of writes: new parts first, the setting next, old parts last, so a failure half-way leaves
 * the previous policy or the new one, never a mix: each part carries the hash of the file it
 * belongs to, and only the parts of the setting's hash are read.
 */
import { StoredPolicyError } from './errors';
import { Batch, payloadBytes, REQUEST_BUDGET_BYTES } from './batch';
import { utf8Length } from '../rules/utf8';

export const POLICY_SETTING = 'credit-cover.policy';
export const POLICY_RECORD_FORMAT = 'credit-cover/policy@1';
export const POLICY_XML_NAMESPACE = 'urn:credit-cover:policy:1';
export const INLINE_POLICY_MAX_BYTES = 512 * 1024;
/** Characters of escaped text per custom XML part. */
export const XML_PART_MAX_CHARS = 1_000_000;

export interface PolicyToStore {
  /** The rule file exactly as loaded. */
  ruleFileText: string;
  id: string;
  version: string;
  /** `sha256:<hex>` as `loadRuleFile` gives it. */
  hash: string;
  /** The as-of date of the evaluation (YYYY-MM-DD), or null. */
  asOf: string | null;
}

export interface StoredPolicy extends PolicyToStore {
  storedIn: 'settings' | 'custom-xml';
}

/** What the setting holds. `text` only when the file is stored in it. */
interface PolicyRecord {
  format: typeof POLICY_RECORD_FORMAT;
  id: string;
  version: string;
  hash: string;
  asOf: string | null;
  bytes: number;
  storedIn: 'settings' | 'custom-xml';
  parts?: number;
  text?: string;
}

function parseRecord(value: unknown): PolicyRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.format !== POLICY_RECORD_FORMAT) return null;
  if (typeof v.id !== 'string' || typeof v.version !== 'string' || typeof v.hash !== 'string') return null;
  const storedIn = v.storedIn === 'custom-xml' ? 'custom-xml' : 'settings';
  if (storedIn === 'settings' && typeof v.text !== 'string') return null;
  if (storedIn === 'custom-xml' && (typeof v.parts !== 'number' || v.parts < 1)) return null;
  return {
    format: POLICY_RECORD_FORMAT,
    id: v.id,
    version: v.version,
    hash: v.hash,
    asOf: typeof v.asOf === 'string' ? v.asOf : null,
    bytes: typeof v.bytes === 'number' ? v.bytes : 0,
    storedIn,
    parts: typeof v.parts === 'number' ? v.parts : undefined,
    text: typeof v.text === 'string' ? v.text : undefined,
  };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => XML_ESCAPES[ch]);
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity] as string;
  });
}

/**
 * The rule file as the text of XML parts. It goes in as a JSON string: JSON escapes every control
 * character and lone surrogate, which XML 1.0 could not hold, and keeps CR, which an XML parser
 * would turn into LF. U+FFFE and U+FFFF, which JSON leaves as they are, are escaped too.
 */
export function policyXmlParts(text: string, hash: string): string[] {
  const payload = JSON.stringify(text).replace(/[\uFFFE\uFFFF]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);
  const chunks: string[] = [];
  for (let i = 0; i < payload.length; i += XML_PART_MAX_CHARS) chunks.push(payload.slice(i, i + XML_PART_MAX_CHARS));
  return chunks.map(
    (chunk, index) =>
      `<creditCoverPolicy xmlns="${POLICY_XML_NAMESPACE}" hash="${escapeXml(hash)}" index="${index}" count="${chunks.length}">` +
      `${escapeXml(chunk)}</creditCoverPolicy>`,
  );
}

/** One part as Excel gives it back (maybe with an XML declaration): its attributes and text. */
export function readPolicyXmlPart(xml: string): { hash: string; index: number; count: number; text: string } | null {
  const m = /<creditCoverPolicy\b([^>]*)>([\s\S]*)<\/creditCoverPolicy>/.exec(xml);
  if (!m) return null;
  const attr = (name: string): string | null => {
    const a = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(m[1]);
    return a ? unescapeXml(a[1] ?? a[2]) : null;
  };
  const hash = attr('hash');
  const index = Number(attr('index'));
  const count = Number(attr('count'));
  if (hash === null || !Number.isInteger(index) || !Number.isInteger(count)) return null;
  return { hash, index, count, text: unescapeXml(m[2]) };
}

export async function storePolicy(
  context: Excel.RequestContext,
  policy: PolicyToStore,
  options: { requestBudgetBytes?: number } = {},
): Promise<{ storedIn: 'settings' | 'custom-xml'; syncs: number }> {
  const workbook = context.workbook;
  const old = workbook.customXmlParts.getByNamespace(POLICY_XML_NAMESPACE).load('items/id');
  await context.sync();
  const batch = new Batch(context, options.requestBudgetBytes ?? REQUEST_BUDGET_BYTES);

  const bytes = utf8Length(policy.ruleFileText);
  const base = {
    format: POLICY_RECORD_FORMAT,
    id: policy.id,
    version: policy.version,
    hash: policy.hash,
    asOf: policy.asOf,
    bytes,
  } as const;
  let record: PolicyRecord;
  if (bytes <= INLINE_POLICY_MAX_BYTES) record = { ...base, storedIn: 'settings', text: policy.ruleFileText };
  else {
    const parts = policyXmlParts(policy.ruleFileText, policy.hash);
    for (const xml of parts) {
      await batch.add(payloadBytes(xml));
      workbook.customXmlParts.add(xml);
    }
    record = { ...base, storedIn: 'custom-xml', parts: parts.length };
  }
  await batch.add(payloadBytes(record));
  workbook.settings.add(POLICY_SETTING, record);
  for (const part of old.items) {
    await batch.add(payloadBytes(part.id));
    part.delete();
  }
  await batch.flush();
  return { storedIn: record.storedIn, syncs: 1 + batch.syncs };
}

/**
 * The policy stored in the workbook, or null when there is none. Check it before use:
 * `loadRuleFile(ruleFileText).hash` must equal `hash`.
 */
export async function loadStoredPolicy(context: Excel.RequestContext): Promise<StoredPolicy | null> {
  const workbook = context.workbook;
  const setting = workbook.settings.getItemOrNullObject(POLICY_SETTING).load('value');
  const parts = workbook.customXmlParts.getByNamespace(POLICY_XML_NAMESPACE).load('items/id');
  await context.sync();
  if (setting.isNullObject) return null;
  const record = parseRecord(setting.value);
  if (record === null) throw new StoredPolicyError(`the workbook setting "${POLICY_SETTING}" is not a stored policy`);
  const meta = { id: record.id, version: record.version, hash: record.hash, asOf: record.asOf };
  if (record.storedIn === 'settings') return { ...meta, ruleFileText: record.text as string, storedIn: 'settings' };

  // One part per sync at most: each is up to 1 MB, and a response must stay under 5 MB.
  const texts = new Map<number, string>();
  for (const item of parts.items) {
    const xml = item.getXml();
    await context.sync();
    const part = readPolicyXmlPart(xml.value);
    if (part && part.hash === record.hash && part.count === record.parts) texts.set(part.index, part.text);
    if (texts.size === record.parts) break;
  }
  const chunks = Array.from({ length: record.parts as number }, (_, i) => texts.get(i));
  if (chunks.some((c) => c === undefined)) {
    throw new StoredPolicyError(
      `the rule file ${record.id} ${record.version} is missing from the workbook (custom XML parts ${POLICY_XML_NAMESPACE})`,
    );
  }
  let text: unknown;
  try {
    text = JSON.parse(chunks.join(''));
  } catch {
    text = null;
  }
  if (typeof text !== 'string')
    throw new StoredPolicyError(`the stored rule file ${record.id} ${record.version} is damaged`);
  return { ...meta, ruleFileText: text, storedIn: 'custom-xml' };
}

/**
 * The stored policy from the Common API's settings (`Office.context.document.settings`), without
 * a request: what the custom functions read when they load. `ruleFileText` is null when the file
 * is in custom XML parts (then `loadStoredPolicy` inside `Excel.run`). The Common API's settings
 * are a copy taken when the add-in loaded: after `storePolicy` in the same session, call its
 * `refreshAsync` first.
 */
export function storedPolicyFromSettings(settings: {
  get(name: string): unknown;
}): (Omit<StoredPolicy, 'ruleFileText'> & { ruleFileText: string | null }) | null {
  const record = parseRecord(settings.get(POLICY_SETTING));
  if (record === null) return null;
  return {
    id: record.id,
    version: record.version,
    hash: record.hash,
    asOf: record.asOf,
    storedIn: record.storedIn,
    ruleFileText: record.storedIn === 'settings' ? (record.text as string) : null,
  };
}
