/**
 * The sample rule files of rules/ as the workbook would store them, and stores holding them.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { CoverError, type CoverErrorCode } from '../../src/functions/errors';
import type { PolicyToStore } from '../../src/excel';
import { PolicyStore } from '../../src/functions/policy-store';
import type { Lang } from '../../src/functions/texts';
import { loadRuleFile } from '../../src/rules';
import type { Json } from '../rules/fixtures';

export const RULE_FILES = ['fr-pme-globale', 'export-monde', 'strict', 'ibm-sample-us'] as const;
export type RuleFileName = (typeof RULE_FILES)[number];

export function ruleFileText(name: RuleFileName): string {
  return readFileSync(path.join(__dirname, '../../rules', `${name}.json`), 'utf8');
}

/** What the task pane hands src/excel's storePolicy (and the policy store) for this rule-file text. */
export function storedText(text: string, asOf: string | null): PolicyToStore {
  const loaded = loadRuleFile(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const { id, version } = loaded.json.policy;
  return { ruleFileText: text, id, version, hash: loaded.hash, asOf };
}

export function stored(name: RuleFileName, asOf: string | null): PolicyToStore {
  return storedText(ruleFileText(name), asOf);
}

/** A store whose workbook setting holds `name` at `asOf` (read on first use, as on reopening a workbook). */
export function storeWith(name: RuleFileName, asOf: string, lang: Lang = 'en'): PolicyStore {
  const value = stored(name, asOf);
  return new PolicyStore({ read: () => value, lang });
}

/** A rule file of rules/ changed by `edit` (on its parsed JSON), as text. */
export function editedRuleFile(name: RuleFileName, edit: (json: Json) => void): string {
  const json = JSON.parse(ruleFileText(name)) as Json;
  edit(json);
  return JSON.stringify(json);
}

/** The CoverError `f` throws. */
export function coverErrorOf(f: () => unknown): { code: CoverErrorCode; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof CoverError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a CoverError, got a value');
}
