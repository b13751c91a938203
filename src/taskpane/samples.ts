/**
 * The sample policies of `rules/`, bundled into the pane at build time (webpack imports JSON), so a
 * broker can try the add-in without a file of their own. `test/taskpane/samples.test.ts` fails when a
 * file of `rules/` is missing here.
 */
import exportMonde from '../../rules/export-monde.json';
import frPmeGlobale from '../../rules/fr-pme-globale.json';
import ibmSampleUs from '../../rules/ibm-sample-us.json';
import strict from '../../rules/strict.json';

export interface SampleRuleFile {
  /** The file name in `rules/`, without `.json`: `fr-pme-globale`. */
  key: string;
  fileName: string;
  /** The parsed file, as webpack imports it. */
  json: unknown;
}

export const SAMPLE_RULE_FILES: readonly SampleRuleFile[] = [
  { key: 'fr-pme-globale', fileName: 'fr-pme-globale.json', json: frPmeGlobale },
  { key: 'export-monde', fileName: 'export-monde.json', json: exportMonde },
  { key: 'strict', fileName: 'strict.json', json: strict },
  { key: 'ibm-sample-us', fileName: 'ibm-sample-us.json', json: ibmSampleUs },
];

/** A sample's policy id and name as its file gives them, for the picker (before it is loaded). */
export function sampleTitle(sample: SampleRuleFile): { id: string; name: string; insurer: string } {
  const policy = (sample.json as { policy?: { id?: unknown; name?: unknown; insurer?: unknown } }).policy ?? {};
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { id: text(policy.id), name: text(policy.name), insurer: text(policy.insurer) };
}
