import { canonicalJson, contentHash, loadRuleFile } from '../../src/rules';
import { sha256, sha256Hex, toHex } from '../../src/rules/sha256';
import { utf8Bytes, utf8Length } from '../../src/rules/utf8';
import { goodFile, type Json } from './fixtures';

describe('sha256', () => {
  // FIPS 180-2 appendix B and the NIST example vectors.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
    ],
  ])('hashes %j', (message, hex) => {
    expect(sha256Hex(message)).toBe(hex);
  });

  it('hashes a million "a"', () => {
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('pads correctly around the block boundary (55, 56, 63, 64 bytes)', () => {
    // Cross-checked against Node's crypto, which the browser-safe code may not use but the test may.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createHash } = require('crypto') as typeof import('crypto');
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(toHex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});

describe('utf8', () => {
  it('encodes 1- to 4-byte characters and a lone surrogate as U+FFFD', () => {
    expect([...utf8Bytes('aé€😀')]).toEqual([0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    expect([...utf8Bytes('\ud800')]).toEqual([0xef, 0xbf, 0xbd]);
    expect(utf8Length('aé€😀\udc00')).toBe(1 + 2 + 3 + 4 + 3);
  });
});

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units (the RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The emoji's high surrogate (U+D83D) sorts before U+FB33, unlike a code-point order.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes numbers as ECMAScript does, without whitespace', () => {
    expect(canonicalJson({ b: [1e21, 1e-7, -0, 0.1, 100, 1.5e300, 123456789012], a: 'é\n"' })).toBe(
      '{"a":"é\\n\\"","b":[1e+21,1e-7,0,0.1,100,1.5e+300,123456789012]}',
    );
  });

  it('nests sorting into arrays and objects', () => {
    expect(canonicalJson([{ z: { y: 1, x: 2 }, a: null }, true])).toBe('[{"a":null,"z":{"x":2,"y":1}},true]');
  });
});

describe('content hash of a rule file', () => {
  const hashOf = (raw: string): string => {
    const result = loadRuleFile(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.hash;
  };

  function reversedKeys(value: Json): Json {
    if (Array.isArray(value)) return value.map(reversedKeys);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((k) => [k, reversedKeys(value[k])]),
    );
  }

  const base = hashOf(JSON.stringify(goodFile(), null, 2));

  it('is the sha256 of the canonical JSON', () => {
    expect(base).toBe(contentHash(goodFile()));
    expect(base).toBe('sha256:' + sha256Hex(canonicalJson(goodFile())));
  });

  it('does not change with whitespace, line endings or key order', () => {
    expect(hashOf(JSON.stringify(goodFile()))).toBe(base);
    expect(hashOf(JSON.stringify(goodFile(), null, '\t').replace(/\n/g, '\r\n'))).toBe(base);
    expect(hashOf(JSON.stringify(reversedKeys(goodFile()), null, 4))).toBe(base);
  });

  it('does not change with another spelling of the same number or string', () => {
    const raw = JSON.stringify(goodFile(), null, 2)
      .replace('"maxLiability": 1500000', '"maxLiability": 1.5e6')
      .replace('"EX-2027-001"', '"EX\\u002d2027-001"');
    expect(hashOf(raw)).toBe(base);
  });

  it.each<[string, (f: Json) => void]>([
    ['a term', (f) => (f.policy.carenceDays = 31)],
    ['a note', (f) => (f.limits[0].note = 'second decision')],
    ['a description', (f) => (f.rules[0].description = 'Sanctions.')],
    ['the order of rules', (f) => f.rules.reverse()],
    ['a percentage by one half', (f) => (f.policy.indemnityPercent.discretionary = 70.5)],
  ])('changes with %s', (_what, change) => {
    const file = goodFile();
    change(file);
    expect(hashOf(JSON.stringify(file))).not.toBe(base);
  });
});
