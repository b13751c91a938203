/**
 * Load-on-open (src/commands/startup.ts) against a stand-in for Office.addin that records what is written:
 * outside Office, office.js has no `addin`.
 */
import { disableLoadOnOpen, enableLoadOnOpen, loadsOnOpen } from '../../src/commands/startup';

type Behavior = 'Load' | 'None';

function fakeOffice(initial: Behavior) {
  const state = { behavior: initial, writes: [] as Behavior[] };
  const office = {
    StartupBehavior: { load: 'Load', none: 'None' },
    addin: {
      getStartupBehavior: async () => state.behavior,
      setStartupBehavior: async (behavior: Behavior) => {
        state.behavior = behavior;
        state.writes.push(behavior);
      },
    },
  };
  (globalThis as unknown as { Office: unknown }).Office = office;
  return state;
}

afterEach(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
});

describe('load on open', () => {
  it('makes Excel load the add-in with the workbook once enabled', async () => {
    const office = fakeOffice('None');
    expect(await loadsOnOpen()).toBe(false);
    await enableLoadOnOpen();
    expect(office.writes).toEqual(['Load']);
    expect(await loadsOnOpen()).toBe(true);
  });

  it('does not write the setting again when it already has the value (the workbook would count as changed)', async () => {
    const office = fakeOffice('Load');
    await enableLoadOnOpen();
    await enableLoadOnOpen();
    expect(office.writes).toEqual([]);
  });

  it('goes back to loading with the pane only', async () => {
    const office = fakeOffice('Load');
    await disableLoadOnOpen();
    await disableLoadOnOpen();
    expect(office.writes).toEqual(['None']);
    expect(await loadsOnOpen()).toBe(false);
  });

  it('lets an Office failure through to the caller', async () => {
    fakeOffice('None');
    const failing = (globalThis as unknown as { Office: { addin: { setStartupBehavior: () => Promise<void> } } })
      .Office;
    failing.addin.setStartupBehavior = () => Promise.reject(new Error('GeneralException'));
    await expect(enableLoadOnOpen()).rejects.toThrow('GeneralException');
  });
});
