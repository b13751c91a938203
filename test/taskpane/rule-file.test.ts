/**
 * Rule files from every source the pane offers, judged by the same loader as the command line:
 * the bundled samples (all of rules/, with the CLI's hash), local bytes (strict UTF-8, BOM named),
 * errors as `place: message` lines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleFile } from '../../src/rules';
import { decodeRuleFileBytes, ruleFileFromJson, ruleFileFromText } from '../../src/taskpane/rule-file';
import { SAMPLE_RULE_FILES, sampleTitle } from '../../src/taskpane/samples';

const RULES_DIR = path.join(__dirname, '..', '..', 'rules');

describe('the bundled samples', () => {
  it('are every rule file of rules/, fr-pme-globale first', () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.json'));
    expect(SAMPLE_RULE_FILES.map((s) => s.fileName).sort()).toEqual(files.sort());
    expect(SAMPLE_RULE_FILES[0].key).toBe('fr-pme-globale');
  });

  it.each(SAMPLE_RULE_FILES.map((s) => [s.key, s] as const))(
    '%s loads, with the hash the command line gives the file, and stores a text that loads to the same',
    (_, sample) => {
      const outcome = ruleFileFromJson(sample.json);
      if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
      const fromFile = loadRuleFile(readFileSync(path.join(RULES_DIR, sample.fileName), 'utf8'));
      if (!fromFile.ok) throw new Error('the sample does not validate');
      expect(outcome.file.hash).toBe(fromFile.hash);
      const again = loadRuleFile(outcome.file.text);
      expect(again.ok && again.hash).toBe(fromFile.hash);
      expect(sampleTitle(sample).id).toBe(fromFile.policy.terms.id);
    },
  );

  it('stores the sample in the file’s own key order', () => {
    const outcome = ruleFileFromJson(SAMPLE_RULE_FILES[0].json);
    expect(outcome.ok && Object.keys(JSON.parse(outcome.file.text))).toEqual(
      Object.keys(JSON.parse(readFileSync(path.join(RULES_DIR, 'fr-pme-globale.json'), 'utf8'))),
    );
  });
});

describe('rule files from text and bytes', () => {
  const text = readFileSync(path.join(RULES_DIR, 'strict.json'), 'utf8');

  it('keeps the text exactly as given, to be stored as it is', () => {
    const outcome = ruleFileFromText(text);
    expect(outcome.ok && outcome.file.text).toBe(text);
  });

  it('lists every error with its place, as the command line prints them (without the file name)', () => {
    const outcome = ruleFileFromText('{"format":"credit-cover/rules@1","policy":{"id":3}}');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toContain('policy/id: expected a text, got a number 3');
    expect(outcome.errors.every((line) => /^[^:]+: /.test(line))).toBe(true);
  });

  it('reports a byte-order mark as the command line does, instead of hiding it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const decoded = decodeRuleFileBytes(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const outcome = ruleFileFromText(decoded.text);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.errors[0]).toBe('(file): starts with a byte-order mark (BOM); save the file as UTF-8 without BOM');
  });

  it('refuses bytes that are not UTF-8, and files over 5 MB before decoding them', () => {
    expect(decodeRuleFileBytes(new Uint8Array([0x7b, 0xe9, 0x7d]))).toEqual({ ok: false, reason: 'not-utf8' });
    expect(decodeRuleFileBytes(new Uint8Array(5 * 1024 * 1024 + 1))).toEqual({
      ok: false,
      reason: 'too-large',
      bytes: 5 * 1024 * 1024 + 1,
    });
  });
});
