import {
  absoluteRangeName,
  parseAddress,
  qualifiedAddress,
  rangeName,
  splitAreas,
  subtract,
  subtractAll,
  tryParseAddress,
} from '../../src/excel/address';

const r = (firstRow: number, lastRow: number, firstColumn: number, lastColumn: number) => ({
  firstRow,
  lastRow,
  firstColumn,
  lastColumn,
});

describe('addresses', () => {
  it.each([
    ['A1', null, r(1, 1, 1, 1)],
    ['$J$1:$Q$1001', null, r(1, 1001, 10, 17)],
    ['Ledger!B3:K120', 'Ledger', r(3, 120, 2, 11)],
    ["'Balance âgée'!A1", 'Balance âgée', r(1, 1, 1, 1)],
    ["='l''année 2027'!$A$1:$B$2", "l'année 2027", r(1, 2, 1, 2)],
    ['5:5', null, r(5, 5, 1, 16_384)],
    ['A:C', null, r(1, 1_048_576, 1, 3)],
    ['XFD1048576', null, r(1_048_576, 1_048_576, 16_384, 16_384)],
  ])('reads %s', (text, sheet, range) => {
    expect(parseAddress(text)).toEqual({ sheet, range });
  });

  it.each(['', '#REF!$A$1', '=#REF!$A$1', 'A1:B', 'A0', 'XFE1', 'A1048577', 'hello world', 'A1:B2:C3'])(
    'refuses %j',
    (text) => {
      expect(tryParseAddress(text)).toBeNull();
    },
  );

  it('writes addresses as Office.js shows them', () => {
    expect(rangeName(r(1, 1, 1, 1))).toBe('A1');
    expect(rangeName(r(2, 21, 10, 17))).toBe('J2:Q21');
    expect(absoluteRangeName(r(1, 1, 1, 1))).toBe('$A$1');
    expect(absoluteRangeName(r(1, 21, 10, 17))).toBe('$J$1:$Q$21');
    expect(qualifiedAddress('Ledger', r(5, 5, 12, 12))).toBe('Ledger!L5');
    expect(qualifiedAddress('Balance âgée', r(5, 5, 12, 12))).toBe("'Balance âgée'!L5");
    expect(qualifiedAddress('credit-cover', r(1, 1, 1, 1))).toBe("'credit-cover'!A1");
    expect(qualifiedAddress('A1', r(1, 1, 1, 1))).toBe("'A1'!A1");
  });

  it('splits areas, keeping commas inside quoted sheet names', () => {
    expect(splitAreas("A1:B2, 'a,b'!C3,5:5")).toEqual(['A1:B2', "'a,b'!C3", '5:5']);
  });

  it('subtracts rectangles', () => {
    expect(subtract(r(1, 10, 1, 8), r(1, 1, 1, 1))).toEqual([r(2, 10, 1, 8), r(1, 1, 2, 8)]);
    expect(subtract(r(1, 10, 1, 8), r(20, 30, 1, 8))).toEqual([r(1, 10, 1, 8)]);
    expect(subtractAll(r(1, 30, 10, 17), [r(1, 21, 10, 17)])).toEqual([r(22, 30, 10, 17)]);
    expect(subtractAll(r(1, 21, 10, 17), [r(1, 21, 10, 17)])).toEqual([]);
  });
});
