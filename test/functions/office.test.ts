/**
 * office.ts against the in-memory Excel host (src/excel/memory-host.ts), with the policy stored by
 * src/excel's own storePolicy: the setting read synchronously, a large rule file read from custom
 * XML parts once, the display language, one store per page, and co-authors' changes.
 */
import { storePolicy, POLICY_SETTING } from '../../src/excel';
import { MemoryWorkbook } from '../../src/excel/memory-host';
import * as cover from '../../src/functions/cover';
import { attachToOffice, getPolicyStore, readStoredPolicy } from '../../src/functions/office';
import { NOT_READY } from '../../src/functions/policy-store';
import { coverErrorOf, editedRuleFile, stored, storedText } from './helpers';

const STORE_KEY = Symbol.for('credit-cover.policy-store');
const ATTACHED_KEY = Symbol.for('credit-cover.policy-store.attached');
const page = globalThis as Record<string | symbol, unknown>;

function reset(): void {
  delete page[STORE_KEY];
  delete page[ATTACHED_KEY];
  delete page.Office;
  delete page.Excel;
}

beforeEach(reset);
afterAll(reset);

/** A workbook whose task pane stored `policy`, opened in (stand-in) Office. */
async function workbookWith(policy: Parameters<typeof storePolicy>[1] | null): Promise<MemoryWorkbook> {
  const host = new MemoryWorkbook();
  if (policy !== null) await host.run((context) => storePolicy(context, policy));
  const globals = host.officeGlobals();
  page.Office = globals.Office;
  page.Excel = globals.Excel;
  return host;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

test('outside Office: not ready ("still loading"); attaching does nothing', () => {
  expect(readStoredPolicy()).toBe(NOT_READY);
  expect(getPolicyStore().state().kind).toBe('pending');
  attachToOffice(getPolicyStore());
  expect(page[ATTACHED_KEY]).toBeUndefined();
});

test('one store per page, whichever bundle asks first', () => {
  const store = getPolicyStore();
  expect(getPolicyStore()).toBe(store);
  expect(page[STORE_KEY]).toBe(store);
});

test('a workbook without a policy: #N/A "No credit-cover policy in this workbook"', async () => {
  await workbookWith(null);
  expect(readStoredPolicy()).toBeNull();
  expect(coverErrorOf(() => cover.insuredLimit(getPolicyStore(), '054321872'))).toEqual({
    code: 'notAvailable',
    message: 'Aucune police credit-cover dans ce classeur', // the host's display language is fr-FR
  });
});

test('reopening a workbook: the stored policy is read synchronously, before the task pane opens', async () => {
  await workbookWith(stored('fr-pme-globale', '2027-06-30'));
  const store = getPolicyStore();
  expect(store.lang).toBe('fr');
  expect(cover.insuredLimit(store, '054321872')).toBe(40000);
  expect(cover.policyField(store, 'as_of')).toBe(46568);
});

test('a rule file over 512 KB is read from custom XML parts with one Excel.run, then the cells update', async () => {
  const big = editedRuleFile('fr-pme-globale', (json) => {
    for (let i = 0; i < 8000; i++)
      json.limits.push({ buyer: `X${String(i).padStart(6, '0')}`, amount: 1000 + i, validFrom: null, validTo: null });
  });
  const host = await workbookWith(storedText(big, '2027-06-30'));
  expect(host.customXmlParts().length).toBeGreaterThan(0);
  const store = getPolicyStore();
  const listener = jest.fn();
  store.subscribe(listener);
  expect(coverErrorOf(() => cover.insuredLimit(store, 'X000042')).message).toBe(
    'La police credit-cover du classeur est en cours de chargement',
  );
  await settle();
  expect(listener).toHaveBeenCalledTimes(1);
  expect(cover.insuredLimit(store, 'X000042')).toBe(1042);
  expect(cover.insuredLimit(store, '054321872')).toBe(40000);
});

test('attachToOffice: language and policy once Office is ready; a co-author change reloads', async () => {
  const host = await workbookWith(stored('fr-pme-globale', '2027-06-30'));
  const office = page.Office as { context: { document: { settings: Record<string, unknown> } } };
  let changed: (() => void) | null = null;
  const settings = office.context.document.settings;
  settings.addHandlerAsync = (_type: string, handler: () => void) => (changed = handler);
  settings.refreshAsync = (callback: () => void) => callback();
  (page.Office as Record<string, unknown>).EventType = { SettingsChanged: 'settingsChanged' };

  const store = getPolicyStore();
  const listener = jest.fn();
  store.subscribe(listener);
  attachToOffice(store);
  attachToOffice(store); // idempotent
  await settle();
  expect(cover.insuredLimit(store, '054321872')).toBe(40000);
  expect(changed).not.toBeNull();

  // Another user stores the strict policy (Excel on the web, co-authoring).
  await host.run((context) => storePolicy(context, stored('strict', '2027-06-30')));
  expect(host.settings().get(POLICY_SETTING)).toMatchObject({ id: 'FR-STRICT-2027-0009' });
  (changed as unknown as () => void)();
  expect(cover.insuredLimit(store, '054321872')).toBe(2000);
  expect(listener).toHaveBeenCalled();
});
