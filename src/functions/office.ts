/// <reference types="office-js" />
/**
 * The policy store's link to Office: one store per page (the task pane and the custom functions
 * share the runtime), reading the `credit-cover.policy` document setting synchronously (in the
 * format src/excel/policy-store.ts writes), following Office's display language, and reloading
 * when a co-author changes the setting.
 */
// By path, not through src/excel's index: the functions entry loads first and should not carry the sheet writer.
import { loadStoredPolicy, storedPolicyFromSettings } from '../excel/policy-store';
import { NOT_READY, PolicyStore, type PolicyRead } from './policy-store';
import { langOf } from './texts';

// Kept on the page's global object, not only in a module variable: webpack.config.js builds one
// runtime for the three entries (runtimeChunk 'single'), so there is one copy of this module; should
// a build ever give each entry its own copy, the task pane's setPolicy must still reach the cells.
const STORE_KEY: unique symbol = Symbol.for('credit-cover.policy-store');
const ATTACHED_KEY: unique symbol = Symbol.for('credit-cover.policy-store.attached');

interface PageGlobals {
  [STORE_KEY]?: PolicyStore;
  [ATTACHED_KEY]?: boolean;
}

const page = globalThis as typeof globalThis & PageGlobals;

function officeContext(): Office.Context | undefined {
  // Before Office has initialised (or outside Office) there is no context yet.
  return typeof Office === 'undefined' ? undefined : Office.context;
}

/** A rule file too large for the setting (over 512 KB), being read from the workbook's custom XML parts. */
let fromXml: { hash: string; read: PolicyRead } | null = null;

/**
 * The workbook's policy from the Common API's document settings, synchronously: NOT_READY while
 * Office has not initialised. A rule file kept in custom XML parts takes one `Excel.run`, started
 * here once per file (never per call); `loaded` is called when it is done.
 */
export function readStoredPolicy(loaded: () => void = () => undefined): PolicyRead {
  const settings = officeContext()?.document?.settings;
  if (settings === undefined) return NOT_READY;
  const stored = storedPolicyFromSettings(settings);
  if (stored === null) return null;
  const { ruleFileText, id, version, hash, asOf } = stored;
  if (ruleFileText !== null) return { ruleFileText, id, version, hash, asOf };
  if (fromXml?.hash === hash) return fromXml.read;
  const pending = { hash, read: NOT_READY as PolicyRead };
  fromXml = pending;
  const done = (read: PolicyRead): void => {
    pending.read = read;
    if (fromXml === pending) loaded();
  };
  if (typeof Excel === 'undefined')
    done({ unreadable: 'its rule file is in custom XML parts, which only Excel reads' });
  else
    Excel.run((context) => loadStoredPolicy(context)).then(
      (policy) => done(policy),
      (e: unknown) => done({ unreadable: e instanceof Error ? e.message : String(e) }),
    );
  return NOT_READY;
}

/** The page's policy store, created on first use. */
export function getPolicyStore(): PolicyStore {
  let store = page[STORE_KEY];
  if (store === undefined) {
    const created = new PolicyStore({
      read: () => readStoredPolicy(() => created.reload()),
      lang: langOf(officeContext()?.displayLanguage),
    });
    page[STORE_KEY] = created;
    store = created;
  }
  return store;
}

/**
 * Once Office is ready: the display language, the stored policy (cells computed earlier said
 * "still loading" and now update), and co-authors' changes of the setting (Excel on the web only).
 * Idempotent across bundles.
 */
export function attachToOffice(store: PolicyStore): void {
  if (typeof Office === 'undefined' || page[ATTACHED_KEY] === true) return;
  page[ATTACHED_KEY] = true;
  Office.onReady()
    .then(() => {
      store.setLanguage(langOf(officeContext()?.displayLanguage));
      store.reload();
      const settings = officeContext()?.document?.settings;
      if (settings === undefined || typeof settings.addHandlerAsync !== 'function') return;
      // A co-author stored another policy (Excel on the web): refresh our copy of the settings, then read it.
      settings.addHandlerAsync(Office.EventType.SettingsChanged, () => {
        settings.refreshAsync(() => store.reload({ always: true }));
      });
    })
    .catch((e: unknown) => console.error('credit-cover: the custom functions could not read the policy', e));
}
