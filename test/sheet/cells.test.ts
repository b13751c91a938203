import type { Cell } from '../../src/sheet';
import { readBoolean, readCurrency, readText } from '../../src/sheet/cells';
import { displayNumber, isDateFormat } from '../../src/sheet/formats';

describe('yes/no cells', () => {
  test.each([
    ['Oui', true],
    ['Non', false],
    ['OUI', true],
    ['non', false],
    ['Yes', true],
    ['No', false],
    ['Y', true],
    ['N', false],
    ['X', true],
    ['x', true],
    ['1', true],
    ['0', false],
    ['TRUE', true],
    ['FALSE', false],
    ['vrai', true],
    ['Faux', false],
    [' oui ', true],
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    [null, null],
    ['', null],
  ] as [Cell, boolean | null][])('%j → %s', (cell, expected) => {
    expect(readBoolean(cell)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['peut-être', '"peut-être" is not yes or no'],
    [2, '2 is not yes or no'],
    [{ error: '#N/A' }, '#N/A is an error value'],
  ] as [Cell, string][])('%j is an error', (cell, reason) => {
    expect(readBoolean(cell)).toEqual({ ok: false, reason });
  });
});

describe('text columns keep the text as shown', () => {
  test.each([
    ['  Dupont SA  ', null, 'Dupont SA'],
    ['012345678', null, '012345678'],
    ['0000611365', null, '0000611365'],
    [12345678, '000000000', '012345678'],
    [12345678, '000 000 000', '012 345 678'],
    [40303265045, '"FR"00000000000', 'FR40303265045'],
    [391, null, '391'],
    [391, 'General', '391'],
    [391, '@', '391'],
    [1234567, '#,##0', '1234567'],
    [12.5, '0.00', '12.5'],
    [1234567890, '000000000', '1234567890'],
    [7, '#', '7'],
    [0, '#', null],
    [0, '000', '000'],
    [false, null, 'FALSE'],
    [new Date(Date.UTC(2027, 5, 30)), 'dd/mm/yyyy', '2027-06-30'],
    ['   ', null, null],
    [null, null, null],
  ] as [Cell, string | null, string | null][])('%j with format %s → %j', (cell, format, expected) => {
    expect(readText(cell, format)).toEqual({ ok: true, value: expected });
  });

  test('an error value is an error', () => {
    expect(readText({ error: '#REF!' }, null)).toEqual({ ok: false, reason: '#REF! is an error value' });
  });
});

describe('number formats', () => {
  test.each([
    ['dd/mm/yyyy', true],
    ['m/d/yy', true],
    ['yyyy-mm-dd hh:mm', true],
    ['[$-40C]d mmmm yyyy', true],
    ['General', false],
    ['0.00', false],
    ['#,##0.00 "€"', false],
    ['000000000', false],
    ['"Day "0', false],
    [null, false],
  ] as [string | null, boolean][])('%s is a date format: %s', (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });

  test('a negative integer keeps its sign', () => {
    expect(displayNumber(-42, '0000')).toBe('-0042');
  });
});

describe('currency cells', () => {
  test.each([
    ['EUR', 'EUR'],
    ['eur', 'EUR'],
    [' usd ', 'USD'],
    ['€', 'EUR'],
    ['$', 'USD'],
    ['£', 'GBP'],
    ['Euros', 'EUR'],
    ['', null],
    [null, null],
  ] as [Cell, string | null][])('%j → %s', (cell, expected) => {
    expect(readCurrency(cell)).toEqual({ ok: true, value: expected });
  });

  test.each(['dollars US', 'E', 12] as Cell[])('%j is not a currency code', (cell) => {
    expect(readCurrency(cell).ok).toBe(false);
  });
});
