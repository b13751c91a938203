/**
 * Several native charts in one pass (xlsx-chart.ts): one drawing per sheet holding that sheet's
 * charts; a single chart is written exactly as before.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { addColumnChart, addColumnCharts, type ColumnChartSpec } from '../../src/cli/xlsx-chart';

async function book(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const name of ['One', "Two's"]) {
    const ws = wb.addWorksheet(name);
    ws.addRow(['Category', 'Series']);
    ws.addRow(['a', 1]);
    ws.addRow(['b', 2]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const spec = (sheetName: string, title: string, fromRow: number): ColumnChartSpec => ({
  sheetName,
  title,
  categoryColumn: 1,
  headerRow: 1,
  categories: ['a', 'b'],
  series: [{ name: 'Series', values: [1, 2], colour: '4472C4' }],
  valueFormat: '0',
  anchor: { fromCol: 3, fromRow, toCol: 10, toRow: fromRow + 15 },
});

const text = async (zip: JSZip, part: string): Promise<string> => (zip.file(part) as JSZip.JSZipObject).async('string');

describe('addColumnCharts', () => {
  test('two charts on one sheet, one on another: three chart parts, one drawing per sheet', async () => {
    const out = await addColumnCharts(await book(), [
      spec('One', 'First', 0),
      spec("Two's", 'Third', 0),
      spec('One', 'Second', 17),
    ]);
    const zip = await JSZip.loadAsync(out);
    expect(
      Object.keys(zip.files)
        .filter((n) => n.startsWith('xl/charts/'))
        .sort(),
    ).toEqual(['xl/charts/chart1.xml', 'xl/charts/chart2.xml', 'xl/charts/chart3.xml']);
    const d1 = await text(zip, 'xl/drawings/drawing1.xml');
    expect(d1.match(/<xdr:twoCellAnchor/g)).toHaveLength(2);
    expect(d1).toContain('<xdr:cNvPr id="2" name="First"/>');
    expect(d1).toContain('<xdr:cNvPr id="3" name="Second"/>');
    expect(d1).toContain('r:id="rId2"');
    expect(await text(zip, 'xl/drawings/_rels/drawing1.xml.rels')).toContain(
      'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart2.xml"',
    );
    expect((await text(zip, 'xl/drawings/drawing2.xml')).match(/<xdr:twoCellAnchor/g)).toHaveLength(1);
    // The sheet name with a quote is doubled in the formulas.
    expect(await text(zip, 'xl/charts/chart3.xml')).toContain('&apos;Two&apos;&apos;s&apos;!$A$2:$A$3');
    const types = await text(zip, '[Content_Types].xml');
    expect(types.match(/drawingml\.chart\+xml/g)).toHaveLength(3);
    expect(types.match(/drawing\+xml/g)).toHaveLength(2);
    // ExcelJS still opens it.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['One', "Two's"]);
  });

  test('one chart: the same bytes as addColumnChart', async () => {
    const input = await book();
    const one = spec('One', 'Only', 0);
    expect(Buffer.compare(await addColumnCharts(input, [one]), await addColumnChart(input, one))).toBe(0);
  });
});
