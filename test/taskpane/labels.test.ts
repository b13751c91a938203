/**
 * The pane's text exists in French and in English, every entry of it, and Office's display
 * language picks one.
 */
import { DEFAULT_SCENARIOS } from '../../src/domain';
import { ROLES } from '../../src/sheet';
import { LABELS, labelsFor, paneLang, type Labels } from '../../src/taskpane/labels';

/** Every leaf of the labels as `path → text`, functions called with sample arguments. */
function leaves(labels: Labels): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string): void => {
    if (path === 'output') return; // sheet/output-labels has its own tests
    if (typeof value === 'string') out.set(path, value);
    else if (typeof value === 'function') {
      // Numbers stand for strings too (`${3}`); only the diagnostics counts take an object.
      const args = path === 'diagnosticCounts' ? [{ error: 2, warning: 1, info: 3 }] : [3, 2, 1];
      out.set(path, String((value as (...a: unknown[]) => unknown)(...args)));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`);
    }
  };
  walk(labels, '');
  return out;
}

describe('the pane’s labels', () => {
  const fr = leaves(LABELS.fr);
  const en = leaves(LABELS.en);

  it('have the same entries in French and English, none empty', () => {
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
    const empty = [...fr, ...en].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('are translated: French differs from English except for words both languages share', () => {
    const shared = new Set([
      'lang',
      'locale',
      'sources.url',
      'diagnosticsTitle',
      'message',
      'policyVersion',
      'roles.total',
      'pastePlaceholder',
    ]);
    const same = [...fr].filter(([key, text]) => !shared.has(key) && en.get(key) === text).map(([key]) => key);
    expect(same).toEqual([]);
  });

  it('name every column role, every place an error can happen, every download failure and both tabs', () => {
    for (const labels of [LABELS.fr, LABELS.en]) {
      expect(Object.keys(labels.roles).sort()).toEqual([...ROLES].sort());
      expect(Object.keys(labels.errorTitles).sort()).toEqual(
        ['compare', 'evaluating', 'reading', 'rules', 'select', 'sheet', 'storing', 'writing'].sort(),
      );
      expect(Object.keys(labels.fetchErrors).sort()).toEqual(
        [
          'bad-url',
          'content-type',
          'credentials',
          'http-status',
          'network',
          'not-https',
          'not-utf8',
          'timeout',
          'too-large',
        ].sort(),
      );
      expect(Object.keys(labels.paneTabs).sort()).toEqual(['compare', 'evaluate']);
      expect(Object.keys(labels.compareNeeds).sort()).toEqual(['currencies', 'no-ledger', 'too-few']);
      // The default scenarios, by name; a scenario file's own names are shown as written.
      expect(Object.keys(labels.scenarioNames).sort()).toEqual(DEFAULT_SCENARIOS.scenarios.map((s) => s.name).sort());
    }
  });

  it('say the brief’s words outside Excel', () => {
    expect(LABELS.en.demoNotice).toBe('Not running in Excel: using a built-in demo workbook');
  });

  it('agree in number', () => {
    expect(LABELS.en.ruleInvalidTitle(1)).toBe('The rule file has 1 error');
    expect(LABELS.en.ruleInvalidTitle(2)).toBe('The rule file has 2 errors');
    expect(LABELS.fr.ruleInvalidTitle(1)).toBe('Le fichier de règles a 1 erreur');
    expect(LABELS.fr.ruleInvalidTitle(2)).toBe('Le fichier de règles a 2 erreurs');
    expect(LABELS.fr.daysLeft(0)).toBe("aujourd'hui");
    expect(LABELS.en.daysLeft(1)).toBe('in 1 day');
  });
});

describe('paneLang', () => {
  it.each([
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['fr-BE', 'fr'],
    ['fr', 'fr'],
    ['FR-fr', 'fr'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['fy-NL', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
  ])('%j → %s', (display, lang) => {
    expect(paneLang(display)).toBe(lang);
    expect(labelsFor(paneLang(display)).lang).toBe(lang);
  });
});
