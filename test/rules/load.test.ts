import {
  formatRuleFileError,
  loadRuleFile,
  loadRuleFileJson,
  type LoadResult,
  type RuleFileError,
} from '../../src/rules';
import { goodFile, minimalFile, type Json } from './fixtures';

function errorsOf(result: LoadResult): RuleFileError[] {
  if (result.ok) throw new Error('expected the file to be rejected, but it loaded');
  return result.errors;
}

const text = (file: Json): string => JSON.stringify(file, null, 2);

describe('a good rule file', () => {
  it('loads and converts every term exactly', () => {
    const result = loadRuleFile(text(goodFile()), { fileName: 'good.json' });
    if (!result.ok) throw new Error(result.errors.map(formatRuleFileError).join('\n'));
    const { terms, limits, fxRates } = result.policy;
    // 2027-01-01: 57 years after 1970 with 14 leap days (1972 … 2024) = 57 × 365 + 14 = 20819.
    expect(terms.period).toEqual({ start: 20819, end: 20819 + 364 });
    expect(terms).toEqual({
      id: 'EX-2027-001',
      name: 'Example whole-turnover policy',
      insurer: 'Example Insurer SA',
      version: '1.0.0',
      currency: 'EUR',
      period: { start: 20819, end: 21183 },
      indemnityPercent: { named: { num: 925, den: 10 }, discretionary: { num: 70, den: 1 } },
      discretionaryLimit: 1_000_000,
      maxCreditPeriodDays: 120,
      carenceDays: 30,
      declarationDeadlineDays: 60,
      maxExtensionDays: 45,
      indemnityWaitingDays: 150,
      minimumClaim: 100_000,
      excessPerClaim: 25_050,
      annualAggregateDeductible: 500_000,
      maxLiability: 150_000_000,
      vat: { ledgerIncludesVat: true, rate: { num: 20, den: 1 } },
    });
    // 2027-06-30 is day 181 of 2027 (31+28+31+30+31+30), so 20819 + 180; 2027-07-01 the day after.
    expect(limits).toEqual([
      { buyer: '012345678', amount: 5_000_025, validFrom: 20819, validTo: 20999 },
      { buyer: '012345678', amount: 2_000_000, validFrom: 21000, validTo: null },
      { buyer: 'FR40303265045', amount: 1_500_000, validFrom: null, validTo: null },
    ]);
    expect(fxRates).toEqual({ USD: { num: 92, den: 100 }, JPY: { num: 61, den: 10_000 } });
    expect(result.policy.hash).toBe(result.hash);
    expect(result.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.json.rules?.[0].name).toBe('sanctioned-countries');
    expect(result.policy.rules.invoiceRuleNames).toEqual(['overdue-60']);
  });

  it('gives absent terms their defaults', () => {
    const result = loadRuleFile(text(minimalFile()));
    if (!result.ok) throw new Error(result.errors.map(formatRuleFileError).join('\n'));
    expect(result.policy.terms).toMatchObject({
      name: '',
      insurer: '',
      discretionaryLimit: 0,
      maxCreditPeriodDays: null,
      carenceDays: 0,
      declarationDeadlineDays: null,
      maxExtensionDays: null,
      indemnityWaitingDays: null,
      minimumClaim: 0,
      excessPerClaim: 0,
      annualAggregateDeductible: 0,
      maxLiability: null,
      vat: null,
    });
    expect(result.policy.limits).toEqual([]);
    expect(result.policy.fxRates).toEqual({});
    expect(result.policy.rules.invoiceRuleNames).toEqual([]);
  });

  it('accepts a leap day, successive limits of one buyer and a policy-currency rate of 1', () => {
    const file = minimalFile();
    file.policy.period = { start: '2028-02-29', end: '2028-02-29' };
    file.fxRates = { EUR: 1 };
    file.limits = [
      { buyer: 'B', amount: 10, validFrom: null, validTo: '2028-03-31' },
      { buyer: 'B', amount: 20, validFrom: '2028-04-01', validTo: '2028-06-30' },
      { buyer: 'B', amount: 0, validFrom: '2028-07-01', validTo: null },
    ];
    expect(loadRuleFile(text(file)).ok).toBe(true);
  });

  it('loads already-parsed JSON the same way, hash included', () => {
    const fromText = loadRuleFile(text(goodFile()));
    const fromJson = loadRuleFileJson(goodFile());
    expect(fromJson.ok && fromText.ok && fromJson.hash === fromText.hash).toBe(true);
  });

  it('keeps its own copy of already-parsed JSON', () => {
    const file = goodFile();
    const result = loadRuleFileJson(file);
    file.rules[0].name = 'changed afterwards';
    expect(result.ok && result.json.rules?.[0].name).toBe('sanctioned-countries');
  });

  it('skips the embedded tests when asked to', () => {
    const file = goodFile();
    file.tests[0].expect.excluded = 'no-such-reason';
    expect(loadRuleFile(text(file)).ok).toBe(false);
    expect(loadRuleFile(text(file), { runTests: false }).ok).toBe(true);
  });
});

type Case = [kind: string, break_: (file: Json) => void, pointer: string, message: string, errorCount?: number];

/**
 * One row per kind of mistake: the file is the good one with one thing broken, and the loader must
 * name exactly that place, with one error (or the few stated) and nothing else.
 */
const cases: Case[] = [
  [
    'a text where a number belongs',
    (f) => (f.limits[0].amount = '1000'),
    '/limits/0/amount',
    'expected a number, got a string "1000"',
  ],
  ['a number where a text belongs', (f) => (f.policy.id = 5), '/policy/id', 'expected a text, got a number 5'],
  [
    'an object that is a string',
    (f) => (f.policy.period = '2027'),
    '/policy/period',
    'expected an object, got a string "2027"',
  ],
  [
    'days that are not whole',
    (f) => (f.policy.carenceDays = 1.5),
    '/policy/carenceDays',
    'expected a whole number, got a number 1.5',
  ],
  [
    'true/false that is a text',
    (f) => (f.policy.vat.ledgerIncludesVat = 'yes'),
    '/policy/vat/ledgerIncludesVat',
    'expected true or false, got a string "yes"',
  ],
  ['a missing policy field', (f) => delete f.policy.currency, '/policy', 'missing required field "currency"'],
  ['a missing period end', (f) => delete f.policy.period.end, '/policy/period', 'missing required field "end"'],
  ['a missing format', (f) => delete f.format, '', 'missing required field "format"'],
  [
    'another format',
    (f) => (f.format = 'credit-cover/rules@2'),
    '/format',
    'expected "credit-cover/rules@1", got a string "credit-cover/rules@2"',
  ],
  [
    'a lower-case currency',
    (f) => (f.policy.currency = 'eur'),
    '/policy/currency',
    'expected a currency code of 3 capital letters (ISO 4217)',
  ],
  [
    'an unknown field in the policy',
    (f) => (f.policy.foo = 1),
    '/policy/foo',
    'unknown field "foo"; allowed fields are id, name, insurer, version, currency, period, indemnityPercent, discretionaryLimit',
  ],
  [
    'an unknown top-level field',
    (f) => (f.rule = []),
    '/rule',
    'unknown field "rule"; allowed fields are $schema, format, policy, cost, limits, fxRates, rules, tests',
  ],
  [
    'an unknown field in a limit',
    (f) => (f.limits[1].currency = 'EUR'),
    '/limits/1/currency',
    'unknown field "currency"; allowed fields are buyer, amount, validFrom, validTo, note',
  ],
  [
    'an unknown fact',
    (f) => (f.rules[0].conditions.all[0].fact = 'pays'),
    '/rules/0/conditions/all/0/fact',
    'unknown fact "pays"; known facts are buyerId, buyerName, country, sector, buyerType, namedLimit, buyerExposure, buyerMaxDaysOverdue, invoiceAmount, openAmount, currency, invoiceDate, dueDate, daysOverdue, creditPeriodDays, disputed',
  ],
  [
    'an unknown fact as the value',
    (f) => (f.rules[4].conditions.all[1].value = { fact: 'limite' }),
    '/rules/4/conditions/all/1/value/fact',
    'unknown fact "limite"; known facts are buyerId',
  ],
  [
    'an unknown operator',
    (f) => (f.rules[0].conditions.all[0].operator = 'matches'),
    '/rules/0/conditions/all/0/operator',
    'unknown operator "matches"; operators are equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain',
  ],
  [
    'a decorated operator',
    (f) => (f.rules[0].conditions.all[0].operator = 'not:in'),
    '/rules/0/conditions/all/0/operator',
    'unknown operator "not:in"',
  ],
  [
    'an unknown event type',
    (f) => (f.rules[0].event.type = 'reject'),
    '/rules/0/event/type',
    'unknown event type "reject"; event types are exclude, indemnity, limit, flag',
  ],
  [
    'params of another event type',
    (f) => (f.rules[1].event.params = { max: 80 }),
    '/rules/1/event/params/max',
    'unknown field "max"; allowed fields are percent',
    2,
  ],
  ['missing event params', (f) => delete f.rules[1].event.params, '/rules/1/event', 'missing required field "params"'],
  [
    'a reason that is not a code',
    (f) => (f.rules[0].event.params.reason = 'Sanctioned country'),
    '/rules/0/event/params/reason',
    'expected a code of lowercase letters, digits and single dashes',
  ],
  [
    'a flag without message',
    (f) => delete f.rules[3].event.params.message,
    '/rules/3/event/params',
    'missing required field "message"',
  ],
  [
    'a percentage over 100',
    (f) => (f.policy.indemnityPercent.named = 120),
    '/policy/indemnityPercent/named',
    'must be a percentage from 0 to 100, got a number 120',
  ],
  [
    'a negative indemnity event',
    (f) => (f.rules[1].event.params.percent = -5),
    '/rules/1/event/params/percent',
    'must be a percentage from 0 to 100, got a number -5',
  ],
  ['a VAT rate over 100', (f) => (f.policy.vat.rate = 196), '/policy/vat/rate', 'must be a percentage from 0 to 100'],
  ['a negative limit', (f) => (f.limits[2].amount = -1), '/limits/2/amount', 'must be at least 0, got a number -1'],
  [
    'a negative policy amount',
    (f) => (f.policy.excessPerClaim = -250),
    '/policy/excessPerClaim',
    'must be at least 0, got a number -250',
  ],
  [
    'a negative limit event',
    (f) => (f.rules[2].event.params.max = -1),
    '/rules/2/event/params/max',
    'must be at least 0',
  ],
  ['a zero exchange rate', (f) => (f.fxRates.USD = 0), '/fxRates/USD', 'must be greater than 0, got a number 0'],
  [
    'a lower-case currency in fxRates',
    (f) => (f.fxRates.usd = 0.92),
    '/fxRates/usd',
    '"usd" is not a currency code; expected 3 capital letters',
  ],
  [
    'a policy-currency rate other than 1',
    (f) => (f.fxRates.EUR = 1.1),
    '/fxRates/EUR',
    'EUR is the policy currency: its rate is 1',
  ],
  [
    'an amount with 3 decimals',
    (f) => (f.limits[0].amount = 10.005),
    '/limits/0/amount',
    'an amount has at most 2 decimals, got a number 10.005',
  ],
  [
    'a policy amount with 3 decimals',
    (f) => (f.policy.minimumClaim = 999.999),
    '/policy/minimumClaim',
    'at most 2 decimals',
  ],
  [
    'a limit event with 3 decimals',
    (f) => (f.rules[2].event.params.max = 0.001),
    '/rules/2/event/params/max',
    'at most 2 decimals',
  ],
  ['an amount too large for cents', (f) => (f.policy.maxLiability = 1e17), '/policy/maxLiability', 'amount too large'],
  [
    'a percentage too precise to hold',
    (f) => (f.policy.indemnityPercent.discretionary = 33.333333333333336),
    '/policy/indemnityPercent/discretionary',
    'too many significant digits',
  ],
  [
    'a date in another layout',
    (f) => (f.policy.period.start = '01/01/2027'),
    '/policy/period/start',
    'expected a date as YYYY-MM-DD, got a string "01/01/2027"',
  ],
  [
    'an impossible date',
    (f) => (f.policy.period.end = '2027-02-30'),
    '/policy/period/end',
    '"2027-02-30" is not a real calendar date',
  ],
  [
    '29 February of a common year',
    (f) => (f.limits[2].validFrom = '2027-02-29'),
    '/limits/2/validFrom',
    '"2027-02-29" is not a real calendar date',
  ],
  [
    'month 13 in a test',
    (f) => (f.tests[0].asOf = '2027-13-01'),
    '/tests/0/asOf',
    '"2027-13-01" is not a real calendar date',
  ],
  [
    'a period that ends before it starts',
    (f) => (f.policy.period.end = '2026-12-31'),
    '/policy/period/end',
    'the period ends (2026-12-31) before it starts (2027-01-01)',
  ],
  [
    'a limit that ends before it starts',
    (f) => (f.limits[1].validTo = '2027-06-30'),
    '/limits/1/validTo',
    'the limit ends (2027-06-30) before it starts (2027-07-01)',
  ],
  [
    'overlapping limits of one buyer',
    (f) => (f.limits[1].validFrom = '2027-06-30'),
    '/limits/1',
    'a second limit for buyer "012345678" in force at the same time as limits/0',
  ],
  [
    'two open-ended limits of one buyer',
    (f) => f.limits.push({ buyer: 'FR40303265045', amount: 1, validFrom: '2030-01-01', validTo: null }),
    '/limits/3',
    'a second limit for buyer "FR40303265045" in force at the same time as limits/2',
  ],
  [
    'duplicate rule names',
    (f) => (f.rules[3].name = 'construction-80'),
    '/rules/3/name',
    'duplicate rule name "construction-80"; rules/1 has the same name',
  ],
  ['an empty rule name', (f) => (f.rules[3].name = ''), '/rules/3/name', 'must not be empty'],
  [
    'a limit rule on an invoice fact',
    (f) => (f.rules[2].conditions.all[0] = { fact: 'daysOverdue', operator: 'greaterThan', value: 90 }),
    '/rules/2/conditions/all/0/fact',
    'a "limit" rule may only use buyer facts (buyerId, buyerName, country, sector, buyerType, namedLimit, buyerExposure, buyerMaxDaysOverdue); "daysOverdue" is an invoice fact',
  ],
  [
    'an indemnity rule comparing with an invoice fact',
    (f) =>
      (f.rules[1].conditions.any[0] = {
        fact: 'buyerExposure',
        operator: 'greaterThan',
        value: { fact: 'openAmount' },
      }),
    '/rules/1/conditions/any/0/value/fact',
    'a "indemnity" rule may only use buyer facts',
  ],
  [
    'a path in a condition',
    (f) => (f.rules[0].conditions.all[0].path = '$.code'),
    '/rules/0/conditions/all/0/path',
    'unknown field "path" (json-rules-engine paths are not supported: every fact is a plain value); allowed fields are fact, operator, value',
  ],
  [
    'params in a condition',
    (f) => (f.rules[0].conditions.all[0].params = { id: 1 }),
    '/rules/0/conditions/all/0/params',
    'unknown field "params"',
  ],
  [
    'a path in a fact reference',
    (f) => (f.rules[4].conditions.all[1].value.path = '$.x'),
    '/rules/4/conditions/all/1/value/path',
    'unknown field "path"',
  ],
  [
    'a condition on no boolean operator',
    (f) => (f.rules[0].conditions = { fact: 'country', operator: 'equal', value: 'RU' }),
    '/rules/0/conditions',
    'the conditions of a rule must be {"all": […]}, {"any": […]} or {"not": {…}}',
  ],
  [
    'a numeric operator on a text',
    (f) => (f.rules[3].conditions.all[0].value = '60'),
    '/rules/3/conditions/all/0/value',
    'operator "greaterThan" compares numbers; expected a number, got a string "60"',
  ],
  [
    'a numeric operator on a date fact',
    (f) => (f.rules[3].conditions.all[0].fact = 'dueDate'),
    '/rules/3/conditions/all/0/fact',
    'operator "greaterThan" compares numbers; fact "dueDate" is a date',
  ],
  [
    'in with a single value',
    (f) => (f.rules[0].conditions.all[0].value = 'RU'),
    '/rules/0/conditions/all/0/value',
    'operator "in" needs an array of values, e.g. ["RU", "BY"], got a string "RU"',
  ],
  [
    'contains, which never matches a fact here',
    (f) => (f.rules[1].conditions.any[0].operator = 'contains'),
    '/rules/1/conditions/any/0/operator',
    'operator "contains" only works on list facts',
  ],
  [
    'a SIREN written as a number',
    (f) => (f.rules[1].conditions.any[0] = { fact: 'buyerId', operator: 'equal', value: 12345678 }),
    '/rules/1/conditions/any/0/value',
    'a number 12345678 never equals fact "buyerId", which is a text',
  ],
  [
    'equal with a list',
    (f) => (f.rules[1].conditions.any[0].value = ['BTP']),
    '/rules/1/conditions/any/0/value',
    'use "in"',
  ],
  ['a rule priority of 0', (f) => (f.rules[0].priority = 0), '/rules/0/priority', 'must be at least 1, got a number 0'],
  [
    'an unknown fact in a test',
    (f) => (f.tests[0].facts.pays = 'RU'),
    '/tests/0/facts/pays',
    'unknown fact "pays"; known facts are',
  ],
  [
    'a test expecting nothing',
    (f) => (f.tests[1].expect = {}),
    '/tests/1/expect',
    'must name at least one expected outcome',
  ],
  [
    'a failing embedded test',
    (f) => (f.tests[0].facts.country = 'FR'),
    '/tests/0',
    'test "a Russian buyer is never covered" failed: expected excluded "sanctioned-country", got not excluded',
  ],
];

describe('a bad rule file is rejected with the place and the reason', () => {
  it.each(cases)('%s', (_kind, breakIt, pointer, message, errorCount = 1) => {
    const file = goodFile();
    breakIt(file);
    const errors = errorsOf(loadRuleFile(text(file), { fileName: 'bad.json' }));
    expect(errors).toHaveLength(errorCount);
    expect(errors).toContainEqual({ file: 'bad.json', pointer, message: expect.stringContaining(message) });
  });

  it('says both what is missing and what is extra when event params belong to another type', () => {
    const file = goodFile();
    file.rules[1].event.params = { max: 80 };
    expect(errorsOf(loadRuleFile(text(file)))).toEqual([
      { pointer: '/rules/1/event/params', message: 'missing required field "percent"' },
      { pointer: '/rules/1/event/params/max', message: 'unknown field "max"; allowed fields are percent' },
    ]);
  });

  it('covers at least 24 distinct kinds of mistake', () => {
    expect(new Set(cases.map((c) => c[0])).size).toBeGreaterThanOrEqual(24);
  });

  it('reports every error of a file at once, each once', () => {
    const file = goodFile();
    file.policy.currency = 'euro';
    file.limits[0].amount = -3;
    file.rules[0].conditions.all[0].fact = 'pays';
    file.rules[0].conditions.all.push({ fact: 'pays', operator: 'in', value: ['X'] });
    const errors = errorsOf(loadRuleFile(text(file)));
    expect(errors.map((e) => e.pointer)).toEqual([
      '/policy/currency',
      '/limits/0/amount',
      '/rules/0/conditions/all/0/fact',
      '/rules/0/conditions/all/1/fact',
    ]);
  });

  it('reports a failing test with what was expected and what came out', () => {
    const file = goodFile();
    file.tests[1].expect = { excluded: 'x', limit: 1, limitKind: 'discretionary', indemnityPercent: 50, flags: ['a'] };
    const [error] = errorsOf(loadRuleFile(text(file)));
    expect(error.pointer).toBe('/tests/1');
    expect(error.message).toBe(
      'test "a named French buyer keeps its limit" failed: expected excluded "x", got not excluded; ' +
        'expected limit 1, got 50000.25 (named); expected limitKind "discretionary", got "named"; ' +
        'expected indemnityPercent 50, got 92.5; expected flags ["a"], got []',
    );
  });
});

describe('hostile input', () => {
  it('rejects __proto__, constructor and prototype keys wherever they are', () => {
    const raw = text(goodFile())
      .replace('"policy": {', '"policy": { "__proto__": { "isAdmin": true },')
      .replace('"name": "construction-80",', '"name": "construction-80", "constructor": 1,')
      .replace('"USD": 0.92', '"USD": 0.92, "prototype": 2');
    const errors = errorsOf(loadRuleFile(raw));
    expect(errors.map((e) => [e.pointer, e.message])).toEqual([
      ['/policy/__proto__', expect.stringContaining('forbidden field name "__proto__"')],
      ['/fxRates/prototype', expect.stringContaining('forbidden field name "prototype"')],
      ['/rules/1/constructor', expect.stringContaining('forbidden field name "constructor"')],
    ]);
  });

  it('rejects a forbidden key handed over as parsed JSON', () => {
    const file = goodFile();
    Object.defineProperty(file.policy, '__proto__', { value: {}, enumerable: true });
    expect(errorsOf(loadRuleFileJson(file))[0].pointer).toBe('/policy/__proto__');
  });

  it('rejects nesting deeper than 32 levels, naming the first container too deep', () => {
    const file = goodFile();
    file.x = 0;
    // The root is level 1 and /x level 2, so the container at level 33 is /x followed by 31 × /0.
    const raw = text(file).replace('"x": 0', '"x": ' + '['.repeat(40) + ']'.repeat(40));
    expect(errorsOf(loadRuleFile(raw))).toEqual([
      { pointer: '/x' + '/0'.repeat(31), message: 'nested deeper than 32 levels' },
    ]);
  });

  it('survives 10,000 levels of nesting, as text and as a value', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(errorsOf(loadRuleFile(deep))).toEqual([
      { pointer: '/0'.repeat(32), message: 'nested deeper than 32 levels' },
    ]);
    let value: unknown[] = [];
    const root = value;
    for (let i = 0; i < 10_000; i++) {
      const next: unknown[] = [];
      value.push(next);
      value = next;
    }
    expect(errorsOf(loadRuleFileJson(root))).toEqual([
      { pointer: '/0'.repeat(32), message: 'nested deeper than 32 levels' },
    ]);
  });

  it('rejects a cycle in parsed JSON but not a shared object', () => {
    const cyclic = goodFile();
    cyclic.policy.self = cyclic.policy;
    expect(errorsOf(loadRuleFileJson(cyclic))[0]).toEqual({
      pointer: '/policy/self',
      message: 'contains itself (a cycle); a rule file is a JSON tree',
    });
    const shared = goodFile();
    shared.rules[2].event = { type: 'limit', params: { max: 12500.5 } };
    shared.rules.push({ ...shared.rules[2], name: 'same-event' });
    expect(loadRuleFileJson(shared).ok).toBe(true);
  });

  it('rejects values JSON cannot hold', () => {
    const file = goodFile();
    file.policy.name = undefined;
    file.limits[0].validFrom = new Date(0);
    file.policy.minimumClaim = Number.NaN;
    expect(errorsOf(loadRuleFileJson(file)).map((e) => e.pointer)).toEqual([
      '/policy/name',
      '/policy/minimumClaim',
      '/limits/0/validFrom',
    ]);
  });

  it('rejects a number that overflows', () => {
    const raw = text(goodFile()).replace('"maxLiability": 1500000', '"maxLiability": 1e400');
    expect(errorsOf(loadRuleFile(raw))).toEqual([
      { pointer: '/policy/maxLiability', message: 'number out of range (Infinity); JSON numbers must be finite' },
    ]);
  });

  it('rejects a text over 5 MB before parsing it', () => {
    const limit = 5 * 1024 * 1024;
    const padded = (pad: string) => {
      const file = goodFile();
      file.policy.name = pad;
      return text(file);
    };
    const base = padded('').length; // all ASCII: one byte per character
    expect(loadRuleFile(padded('x'.repeat(limit - base))).ok).toBe(true);
    expect(errorsOf(loadRuleFile(padded('x'.repeat(limit - base + 1))))).toEqual([
      { pointer: '', message: expect.stringContaining('larger than 5 MB') },
    ]);
    // 2 bytes of UTF-8 per "é": fewer characters than the limit, more bytes.
    const accents = 'é'.repeat(Math.ceil((limit - base) / 2) + 1);
    expect(accents.length).toBeLessThan(limit);
    expect(errorsOf(loadRuleFile(padded(accents)))[0].message).toContain('larger than 5 MB');
  });

  it('rejects more than 10,000 rules before validating any', () => {
    const file = goodFile();
    const rule = file.rules[0];
    file.rules = Array.from({ length: 10_001 }, () => rule);
    expect(errorsOf(loadRuleFileJson(file))).toEqual([
      { pointer: '/rules', message: '10001 rules; a rule file may have at most 10000' },
    ]);
  });

  it('loads 10,000 rules', () => {
    const file = goodFile();
    const more = Array.from({ length: 10_000 - file.rules.length }, (_, i) => ({
      ...file.rules[3],
      name: `rule-${i}`,
    }));
    file.rules.push(...more);
    const result = loadRuleFile(text(file));
    // The good file has one invoice rule (overdue-60); every added rule is a copy of it.
    expect(result.ok && result.policy.rules.invoiceRuleNames.length).toBe(1 + more.length);
  });

  it('caps the number of errors listed', () => {
    const file = goodFile();
    file.limits = Array.from({ length: 150 }, () => ({ buyer: 'B', amount: -1, validFrom: null, validTo: null }));
    const errors = errorsOf(loadRuleFileJson(file));
    expect(errors).toHaveLength(101);
    expect(errors[100]).toEqual({
      pointer: '',
      message: expect.stringMatching(/^and \d+ more error\(s\) not listed$/),
    });
  });

  it('never throws, whatever it is given', () => {
    const odd: unknown[] = [
      undefined,
      null,
      42,
      'text',
      [],
      {},
      () => 1,
      Symbol('s'),
      10n,
      new Map(),
      Object.create(null),
    ];
    for (const value of odd) {
      expect(() => loadRuleFileJson(value)).not.toThrow();
      expect(loadRuleFileJson(value).ok).toBe(false);
    }
    expect(loadRuleFile(42 as unknown as string)).toEqual({
      ok: false,
      errors: [{ pointer: '', message: 'expected the text of a rule file' }],
    });
  });
});

describe('text that is not JSON', () => {
  const syntax: [string, string, string][] = [
    ['{"a":}', 'line 1, column 6', 'expected a value, found "}"'],
    ['{\n  "format": "credit-cover/rules@1",\n}', 'line 3, column 1', 'trailing comma before "}"'],
    ['{\r\n  "a": [1, 2,]\r\n}', 'line 2, column 14', 'trailing comma before "]"'],
    ["{'a': 1}", 'line 1, column 2', 'JSON strings need double quotes'],
    ['{\n  // a comment\n}', 'line 2, column 3', 'comments are not allowed in JSON'],
    ['{"a": tru}', 'line 1, column 7', 'expected a value, found "t"'],
    ['{"a": 012}', 'line 1, column 8', 'invalid number'],
    ['{"a": "x\ty"}', 'line 1, column 9', 'the control character U+0009 inside a string'],
    ['{"a": "\\x"}', 'line 1, column 8', 'invalid escape \\x'],
    ['{"a": "open', 'line 1, column 7', 'unterminated string'],
    ['{"a": 1} {}', 'line 1, column 10', 'unexpected "{" after the end of the JSON document'],
    ['{"a" 1}', 'line 1, column 6', 'expected ":" after field name "a"'],
    ['[1 2]', 'line 1, column 4', 'expected "," or "]", found "2"'],
    ['', 'line 1, column 1', 'unexpected end of the file'],
  ];
  it.each(syntax)('%j fails at %s', (raw, place, what) => {
    const errors = errorsOf(loadRuleFile(raw));
    expect(errors).toEqual([{ pointer: '', message: expect.stringContaining(`invalid JSON at ${place}: `) }]);
    expect(errors[0].message).toContain(what);
  });

  it('rejects a duplicate field, naming where it is', () => {
    const raw = text(goodFile()).replace('"carenceDays": 30,', '"carenceDays": 30, "carenceDays": 0,');
    const errors = errorsOf(loadRuleFile(raw));
    expect(errors).toEqual([
      // Line 20 of the 2-space layout; the repeated key follows the 4 spaces and the 19 characters of the first one.
      {
        pointer: '/policy/carenceDays',
        message: 'duplicate field "carenceDays" (line 20, column 24); each field may appear once',
      },
    ]);
  });

  it('treats escaped and plain spellings of a field name as the same field', () => {
    expect(errorsOf(loadRuleFile('{"ab": 1, "\\u0061b": 2}'))[0].pointer).toBe('/ab');
  });

  it('rejects a byte-order mark, and still reports the other errors', () => {
    const withBom = '\ufeff' + text(goodFile());
    expect(errorsOf(loadRuleFile(withBom))).toEqual([
      { pointer: '', message: 'starts with a byte-order mark (BOM); save the file as UTF-8 without BOM' },
    ]);
    const both = errorsOf(loadRuleFile('\ufeff' + text({ ...goodFile(), format: 'x' })));
    expect(both.map((e) => e.pointer)).toEqual(['', '/format']);
  });
});

describe('formatRuleFileError', () => {
  it('names the file and the place without the leading slash', () => {
    expect(
      formatRuleFileError({
        file: 'policy.json',
        pointer: '/rules/3/conditions/all/0/fact',
        message: 'unknown fact "pays"',
      }),
    ).toBe('policy.json: rules/3/conditions/all/0/fact: unknown fact "pays"');
  });
  it('says (file) for the whole document and leaves out a missing file name', () => {
    expect(formatRuleFileError({ file: 'a.json', pointer: '', message: 'm' })).toBe('a.json: (file): m');
    expect(formatRuleFileError({ pointer: '/policy', message: 'm' })).toBe('policy: m');
  });
  it('keeps the escapes of a pointer', () => {
    const [error] = errorsOf(loadRuleFileJson({ ...goodFile(), 'a/b~c': 1 }));
    expect(error.pointer).toBe('/a~1b~0c');
    expect(formatRuleFileError(error)).toBe(
      'a~1b~0c: unknown field "a/b~c"; allowed fields are $schema, format, policy, cost, limits, fxRates, rules, tests',
    );
  });
});
