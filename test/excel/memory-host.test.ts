/**
 * The in-memory host behaves like Office.js where the adapter depends on it: if it did not, the
 * adapter's tests would prove nothing.
 */
import { MemoryHostError, MemoryWorkbook, PAYLOAD_LIMIT_BYTES } from '../../src/excel/memory-host';

describe('the in-memory host', () => {
  it('refuses to give a property that was not loaded and synced, as Office.js does', async () => {
    const host = new MemoryWorkbook().addSheet('S').setCells('S', 'A1', [['x']]);
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1');
      expect(() => range.values).toThrow(/not available/);
      range.load('values');
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([['x']]);
      expect(() => range.numberFormat).toThrow(/not available/);
    });
  });

  it('reads text written through values as Excel reads typing, unless the cell is formatted as text', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    const inputs = ['=1+1', '+33 1 23', '-1+2', '@SUM(A1)', '-42', '0012', 'TRUE', '2027-01-05', '\tx', 'plain'];
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      sheet.getRange('A1:J1').values = [inputs];
      const text = sheet.getRange('A2:J2');
      text.numberFormat = [inputs.map(() => '@')];
      text.values = [inputs];
    });
    expect(host.values('S', 'A1:J1')[0]).toEqual([
      { error: '#CALC!' },
      { error: '#CALC!' },
      { error: '#CALC!' },
      { error: '#CALC!' },
      -42,
      12,
      true,
      46392,
      '\tx',
      'plain',
    ]);
    expect([...host.formulas('S').keys()]).toEqual(['A1', 'B1', 'C1', 'D1']);
    expect(host.values('S', 'A2:J2')[0]).toEqual(inputs);
    expect(host.cell('S', 'H1').format).toBe('yyyy-mm-dd');
  });

  it('leaves a cell as it is for null in values, and empties it for ""', async () => {
    const host = new MemoryWorkbook().addSheet('S').setCells('S', 'A1', [['a', 'b']]);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:B1').values = [[null, '']];
    });
    expect(host.values('S', 'A1:B1')).toEqual([['a', null]]);
  });

  it('applies a single value to every cell of a range', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('B2:C3');
      (range as unknown as { numberFormat: string }).numberFormat = '@';
    });
    expect(host.formats('S', 'B2:C3')).toEqual([
      ['@', '@'],
      ['@', '@'],
    ]);
  });

  it('counts syncs and bytes, and refuses a request over 5 MB before running any of it', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    const big = 'x'.repeat(PAYLOAD_LIMIT_BYTES);
    await expect(
      host.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('S');
        sheet.getRange('A1').values = [['first']];
        sheet.getRange('A2').values = [[big]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(host.values('S', 'A1')).toEqual([[null]]);
    expect(host.syncs).toHaveLength(1);
    expect(host.syncs[0].requestBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
  });

  it('fails an injected sync after some commands, keeping those that ran (batches are not transactions)', async () => {
    const host = new MemoryWorkbook().addSheet('S').failOnSync(1, { afterCommands: 3 });
    await expect(
      host.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('S'); // command 1
        sheet.getRange('A1').values = [['one']]; // 2, 3
        sheet.getRange('A2').values = [['two']]; // 4, 5
        await context.sync();
      }),
    ).rejects.toBeInstanceOf(MemoryHostError);
    expect(host.values('S', 'A1:A2')).toEqual([['one'], [null]]);
  });

  it('gives null objects for what does not exist, and refuses to act on them', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    await host.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      const used = context.workbook.worksheets.getItem('S').getUsedRangeOrNullObject(true);
      used.load('address');
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
      missing.getRange('A1').values = [['x']];
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidObjectPath' });
    });
  });

  it('keeps conditional formats, adding each new one at the top, and takes cleared cells out of them', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('S');
      const a = sheet.getRange('A1:A10').conditionalFormats.add('Custom');
      a.custom.rule.formula = '=A1>1';
      const b = sheet.getRange('A1:C10').conditionalFormats.add('Custom');
      b.custom.rule.formula = '=B1>1';
      b.custom.format.fill.color = '#FF0000';
      sheet.getRange('B1:C10').clear('All');
    });
    expect(host.conditionalFormats('S').map((cf) => [cf.priority, cf.address, cf.formula, cf.fill])).toEqual([
      [0, 'A1:A10', '=B1>1', '#FF0000'],
      [1, 'A1:A10', '=A1>1', null],
    ]);
  });

  it('keeps a defined name on its cells and turns it into #REF! when its sheet goes', async () => {
    const host = new MemoryWorkbook().addSheet('Ledger').addSheet('Other');
    await host.run(async (context) => {
      const other = context.workbook.worksheets.getItem('Other');
      context.workbook.names.add('Here', other.getRange('B2:C3'));
    });
    expect(host.definedName('Here')).toEqual({ formula: '=Other!$B$2:$C$3', visible: true });
    await host.run(async (context) => context.workbook.worksheets.getItem('Other').delete());
    expect(host.definedName('Here')?.formula).toBe('=#REF!$B$2:$C$3');
  });
});
