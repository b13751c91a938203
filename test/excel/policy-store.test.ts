import { loadRuleFile } from '../../src/rules';
import {
  INLINE_POLICY_MAX_BYTES,
  POLICY_SETTING,
  StoredPolicyError,
  loadStoredPolicy,
  storePolicy,
  storedPolicyFromSettings,
  type PolicyToStore,
} from '../../src/excel';
import { policyXmlParts, readPolicyXmlPart } from '../../src/excel/policy-store';
import { MemoryWorkbook } from '../../src/excel/memory-host';
import { AS_OF, ruleFileText, samplePolicy } from './fixtures';

function sample(): PolicyToStore {
  const { policy, hash } = samplePolicy();
  return { ruleFileText: ruleFileText(), id: policy.terms.id, version: policy.terms.version, hash, asOf: AS_OF };
}

/** A rule file over the inline limit: the sample with thousands of named limits, and awkward characters. */
function large(): PolicyToStore {
  const json = JSON.parse(ruleFileText()) as { limits: unknown[]; policy: { name: string } };
  json.policy.name = 'Grande police — <&> "quotes" \u2028 😀 \uFFFF';
  for (let i = 0; i < 12_000; i++) {
    json.limits.push({
      buyer: `B${String(i).padStart(9, '0')}`,
      amount: 1000 + i,
      validFrom: '2027-01-01',
      validTo: null,
    });
  }
  const text = JSON.stringify(json, null, 2).replace(/\n/g, '\r\n');
  const loaded = loadRuleFile(text, { runTests: false });
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  return { ruleFileText: text, id: 'FR-PME-2027-0042', version: '1.0.0', hash: loaded.hash, asOf: null };
}

describe('storePolicy / loadStoredPolicy', () => {
  it('round-trips a rule file through the workbook setting, in two syncs', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    const policy = sample();
    const stored = await host.run((context) => storePolicy(context, policy));
    expect(stored).toEqual({ storedIn: 'settings', syncs: 2 });
    expect(host.setting(POLICY_SETTING)).toMatchObject({ format: 'credit-cover/policy@1', text: policy.ruleFileText });
    const start = host.syncs.length;
    const loaded = await host.run((context) => loadStoredPolicy(context));
    expect(host.syncs.length - start).toBe(1);
    expect(loaded).toEqual({ ...policy, storedIn: 'settings' });
    expect(loadRuleFile((loaded as PolicyToStore).ruleFileText)).toMatchObject({ ok: true, hash: policy.hash });
  });

  it('is read synchronously from the Common API settings, as the custom functions do at load', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    const policy = sample();
    await host.run((context) => storePolicy(context, policy));
    const { Office } = host.officeGlobals() as {
      Office: { context: { document: { settings: { get(k: string): unknown } } } };
    };
    expect(storedPolicyFromSettings(Office.context.document.settings)).toEqual({ ...policy, storedIn: 'settings' });
    expect(storedPolicyFromSettings({ get: () => null })).toBeNull();
  });

  it('keeps a rule file over 512 KB in custom XML parts, exactly, CR and all', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    const policy = large();
    expect(policy.ruleFileText.length).toBeGreaterThan(INLINE_POLICY_MAX_BYTES);
    const stored = await host.run((context) => storePolicy(context, policy));
    expect(stored.storedIn).toBe('custom-xml');
    expect(host.customXmlParts().length).toBeGreaterThan(1);
    expect(JSON.stringify(host.setting(POLICY_SETTING)).length).toBeLessThan(500);
    expect(Math.max(...host.syncs.map((s) => s.requestBytes))).toBeLessThan(5 * 1024 * 1024);

    const loaded = await host.run((context) => loadStoredPolicy(context));
    expect(loaded?.ruleFileText).toBe(policy.ruleFileText);
    expect(loaded).toMatchObject({ hash: policy.hash, asOf: null, storedIn: 'custom-xml' });
    const { Office } = host.officeGlobals() as {
      Office: { context: { document: { settings: { get(k: string): unknown } } } };
    };
    expect(storedPolicyFromSettings(Office.context.document.settings)).toMatchObject({
      ruleFileText: null,
      storedIn: 'custom-xml',
      hash: policy.hash,
    });
  });

  it('removes the parts of the policy it replaces', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    await host.run((context) => storePolicy(context, large()));
    await host.run((context) => storePolicy(context, sample()));
    expect(host.customXmlParts()).toEqual([]);
    expect((await host.run((context) => loadStoredPolicy(context)))?.storedIn).toBe('settings');
  });

  it('keeps the previous policy readable when storing a new one fails half-way', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    const first = large();
    await host.run((context) => storePolicy(context, first));
    const second = { ...large(), asOf: '2027-12-31', hash: 'sha256:other' };
    // Second store: sync 1 looks up the old parts, sync 2 adds the new ones and dies before the setting.
    const parts = policyXmlParts(second.ruleFileText, second.hash).length;
    host.failOnSync(host.syncs.length + 2, { afterCommands: parts });
    await expect(host.run((context) => storePolicy(context, second))).rejects.toThrow();
    const loaded = await host.run((context) => loadStoredPolicy(context));
    expect(loaded).toMatchObject({ hash: first.hash, ruleFileText: first.ruleFileText });
    // A later store cleans up every part, the orphans included.
    await host.run((context) => storePolicy(context, sample()));
    expect(host.customXmlParts()).toEqual([]);
  });

  it('says so when the stored parts are gone', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    await host.run((context) => storePolicy(context, large()));
    const setting = host.setting(POLICY_SETTING);
    const bare = new MemoryWorkbook().addSheet('S').setSetting(POLICY_SETTING, setting);
    await expect(bare.run((context) => loadStoredPolicy(context))).rejects.toBeInstanceOf(StoredPolicyError);
  });

  it('gives null when the workbook stores no policy', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    expect(await host.run((context) => loadStoredPolicy(context))).toBeNull();
  });
});

describe('policy XML parts', () => {
  it('hold any text, characters XML 1.0 cannot carry included, and read back with or without a declaration', () => {
    const text = 'a\r\nb\u0000c\uD800d\uFFFE<e>&"\'';
    const parts = policyXmlParts(text, 'sha256:x');
    expect(parts).toHaveLength(1);
    for (const ch of ['\u0000', '\uD800', '\uFFFE', '\r']) expect(parts[0]).not.toContain(ch);
    const back = readPolicyXmlPart(`<?xml version="1.0" encoding="utf-8"?>\n${parts[0]}`);
    expect(back).toMatchObject({ hash: 'sha256:x', index: 0, count: 1 });
    expect(JSON.parse(back?.text as string)).toBe(text);
  });
});
