import { selectRows } from '../../src/excel';
import { rowRuns } from '../../src/excel/select';
import { MemoryWorkbook } from '../../src/excel/memory-host';
import { LEDGER, ledgerRows, putLedger } from './fixtures';

describe('selectRows', () => {
  it("selects a buyer's rows as one set of areas, neighbours merged, in one sync", async () => {
    const host = new MemoryWorkbook().addSheet('Other');
    putLedger(host, ledgerRows(20));
    const start = host.syncs.length;
    const report = await host.run((context) => selectRows(context, LEDGER, [9, 2, 3, 4, 9, 12]));
    expect(host.syncs.length - start).toBe(1);
    expect(report).toEqual({
      address: '2:4,9:9,12:12',
      areas: 3,
      rowsSelected: 5,
      rowsRequested: 5,
      truncated: false,
      syncs: 1,
    });
    expect(host.selection).toEqual({ sheet: LEDGER, address: 'A2:XFD4,A9:XFD9,A12:XFD12' });
    expect(host.activeSheet()).toBe(LEDGER);
  });

  it('selects only the given columns when asked', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(5));
    const report = await host.run((context) =>
      selectRows(context, LEDGER, [3, 5], { columns: { first: 1, last: 17 } }),
    );
    expect(report.address).toBe('A3:Q3,A5:Q5');
    expect(host.selection?.address).toBe('A3:Q3,A5:Q5');
  });

  it('selects the first rows, and says so, when Excel refuses that many areas', async () => {
    const host = new MemoryWorkbook({ maxAreas: 3 });
    putLedger(host, ledgerRows(40));
    const rows = [2, 4, 6, 8, 10, 12, 14, 16];
    const report = await host.run((context) => selectRows(context, LEDGER, rows));
    expect(report).toMatchObject({ areas: 2, rowsSelected: 2, rowsRequested: 8, truncated: true, syncs: 3 });
    expect(host.selection?.address).toBe('A2:XFD2,A4:XFD4');
  });

  it('does nothing for no rows, and lets other errors through', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    const report = await host.run((context) => selectRows(context, 'S', []));
    expect(report).toMatchObject({ areas: 0, syncs: 0 });
    expect(host.syncs).toHaveLength(0);
    await expect(host.run((context) => selectRows(context, 'Missing', [2]))).rejects.toMatchObject({
      code: 'ItemNotFound',
    });
  });

  it('merges neighbouring rows and drops what is not a row', () => {
    expect(rowRuns([5, 3, 4, 4, 0, -1, 1.5, 10, 1_048_577])).toEqual([
      { first: 3, last: 5 },
      { first: 10, last: 10 },
    ]);
  });
});
