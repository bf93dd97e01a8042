// The zip reader on real TOS workbooks from outside, on volatileDependencies, defined names, wrapped and extra
// arguments, and on broken and hostile zips.
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuotesFileLimitError } from '../../src/main/livedata/readLimits';
import { snapshotToJson } from '../../src/main/livedata/snapshot';
import { readWorkbookBuffer } from '../../src/main/livedata/xlsx/readXlsx';
import { withVolatileDependencies } from '../support/excelParts';
import { rtd, workbookBuffer, type WorkbookSpec } from '../support/workbooks';

const SAMPLES = resolve(__dirname, '../../../shared/research/samples');
const sample = (name: string) => readFileSync(resolve(SAMPLES, name));

async function read(buffer: Buffer) {
  return snapshotToJson(await readWorkbookBuffer(buffer));
}

async function withoutPart(buffer: Buffer, part: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  zip.remove(part);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function withDefinedNames(buffer: Buffer, names: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  const withNames = xml.includes('<definedNames>')
    ? xml.replace('<definedNames>', `<definedNames>${names}`)
    : xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
  zip.file('xl/workbook.xml', withNames);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('real TOS workbooks from public repositories', () => {
  const stevejaQuotes = [
    { symbol: 'AAPL', last: '192.23' },
    { symbol: 'C', last: '64.78' },
    { symbol: 'FIT', last: '5.76' },
    { symbol: 'MSFT', last: '106.94' },
    { symbol: 'SGOL', last: '115.97' },
    { symbol: 'SNAP', last: '6.71' },
    { symbol: 'TSLA', last: '338.73' },
  ];

  it('reads the steveja42 workbook, whose RTD symbols are a whole-column defined name, from volatileDependencies', async () => {
    const out = await read(sample('steveja42_StockAnalyzerWB_StockAnalyzerWB.xlsx'));
    expect(out).toEqual({ source: 'workbook', quotes: stevejaQuotes, warnings: [] });
  });

  it('reads the same workbook without volatileDependencies through the defined name, one cell per row', async () => {
    const out = await read(await withoutPart(sample('steveja42_StockAnalyzerWB_StockAnalyzerWB.xlsx'), 'xl/volatileDependencies.xml'));
    expect(out.quotes).toEqual(stevejaQuotes);
    // Rows B12:B16 are filled down past the last symbol: their name points at empty cells.
    expect(out.warnings).toEqual(
      [12, 13, 14, 15, 16].map((row) => `Sheet1!B${row}: symbol argument refers to an empty cell`),
    );
  });

  it('reads the older steveja42 workbook: a cached FALSE is no value', async () => {
    const out = await read(sample('steveja42_StockAnalyzerWB_StockAnalyzerWB-1d9201d.xlsx'));
    expect(out.quotes).toEqual([{ symbol: 'AAPL', last: '109.9' }, { symbol: 'C' }, { symbol: 'MSFT' }]);
    expect(out.warnings).toEqual([]);
  });

  it('reads the original system workbook the same with and without volatileDependencies', async () => {
    const file = sample('Cocodog2014_thor_RTD_TOS.xlsm');
    const withVolatile = await read(file);
    const fromFormulas = await read(await withoutPart(file, 'xl/volatileDependencies.xml'));
    expect(withVolatile.quotes.map((q) => q.symbol)).toEqual(['$DXY', '/CL', '/ES', '/GC', '/HG', '/NQ', '/RTY', '/SI', '/VX', '/YM', '/ZB', 'CGC']);
    expect(withVolatile.quotes.find((q) => q.symbol === '/ES')).toEqual({
      symbol: '/ES',
      last: '6857.25',
      bid: '6857.25',
      ask: '6857.75',
      bidSize: '5',
      askSize: '2',
      close: '6859.5',
      netChange: '-2.25',
      description: 'E-mini S&P 500',
    });
    expect(fromFormulas).toEqual(withVolatile);
    expect(withVolatile.warnings).toEqual([]);
  });

  it.each([['Mauthope_charttrade_rtd.xlsx'], ['chaelim_ExcelRTD_TD_rtd_demo.xlsx']])('gives no quotes from %s, whose RTD server is not TOS', async (name) => {
    expect(await read(sample(name))).toEqual({ source: 'workbook', quotes: [], warnings: [] });
  });
});

describe('volatileDependencies', () => {
  const sheet: WorkbookSpec = {
    LiveData: [
      ['Symbol', 'Last', 'Bid'],
      ['ES', { formula: 'RTD("tos.rtd",,"LAST",Sym)', result: 1 }, { formula: 'RTD("tos.rtd",,"BID","/ES:XCME")*1', result: 2 }],
    ],
  };

  it('is the source of RTD values: arguments Excel evaluated, the topic value even where the cell wraps it', async () => {
    const buffer = await withVolatileDependencies(await workbookBuffer(sheet), [
      { field: 'LAST', symbol: '/ES:XCME', value: 6857.25, cells: [{ sheetId: 1, ref: 'B2' }] },
      { field: 'BID', symbol: '/ES:XCME', value: 6857, cells: [{ sheetId: 1, ref: 'C2' }] },
    ]);
    const out = await read(buffer);
    expect(out.quotes).toEqual([{ symbol: '/ES', last: '6857.25', bid: '6857' }]);
    expect(out.warnings).toEqual([]);
  });

  it('reads text, errors and booleans: N/A, #N/A and FALSE are no value; other servers are silent', async () => {
    const buffer = await withVolatileDependencies(await workbookBuffer({ S: [['x']] }), [
      { field: 'LAST', symbol: 'AAPL', value: '230.50', cells: [{ sheetId: 1, ref: 'A1' }] },
      { field: 'BID', symbol: 'AAPL', value: 'N/A', cells: [] },
      { field: 'ASK', symbol: 'AAPL', value: { error: '#N/A' }, cells: [] },
      { field: 'MARK', symbol: 'AAPL', value: false, cells: [] },
      { field: 'DESCRIPTION', symbol: 'AAPL', value: 'Apple Inc', cells: [] },
      { server: 'td.rtd', field: 'AAPL', symbol: 'bid-price', value: 1, cells: [] },
      { server: 'TOS.RTD', field: 'LAST', symbol: '/zb', value: "117'14+", cells: [] },
    ]);
    const out = await read(buffer);
    expect(out.quotes).toEqual([
      { symbol: '/ZB', last: '117.453125' },
      { symbol: 'AAPL', last: '230.5', description: 'Apple Inc' },
    ]);
  });

  it('drops a topic begun inside another in a broken part, strings and all', async () => {
    const registered = await withVolatileDependencies(await workbookBuffer({ S: [['x']] }), []);
    const zip = await JSZip.loadAsync(registered);
    zip.file(
      'xl/volatileDependencies.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><volTypes xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<volType type="realTimeData"><main first="tos.rtd"><tp t="n"><v>1</v><stp/><stp>LAST</stp><stp>MSFT</stp>' +
        '<tp t="n"><v>2</v><stp/><stp>LAST</stp><stp>AAPL</stp><tr r="B2" s="1"/></tp></main></volType></volTypes>',
    );
    const out = await read(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(out.quotes).toEqual([{ symbol: 'AAPL', last: '2' }]);
    expect(out.warnings).toEqual([]);
  });

  it('warns about extra arguments after the symbol, naming the cell', async () => {
    const buffer = await withVolatileDependencies(await workbookBuffer({ S: [['x']] }), [
      { field: 'LAST', symbol: 'VFF', extra: ['MARK'], value: 1.25, cells: [{ sheetId: 1, ref: 'C3' }] },
    ]);
    const out = await read(buffer);
    expect(out.quotes).toEqual([{ symbol: 'VFF', last: '1.25' }]);
    expect(out.warnings).toEqual(['S!C3: extra RTD arguments after the symbol are ignored']);
  });
});

describe('formulas without volatileDependencies', () => {
  it('warns about RTD inside a larger formula and uses nothing from it; extra arguments warn, the value is used', async () => {
    const out = await read(
      await workbookBuffer({
        Sheet1: [
          [{ formula: 'RTD("tos.rtd",,"LAST","/ES")/2', result: 3428.625 }],
          [{ formula: 'IF(A1>0,RTD("tos.rtd",,"BID","/ES"),0)', result: 6857 }],
          [{ formula: 'RTD("tos.rtd",,"LAST","VFF","MARK")', result: 4.5 }],
          [{ formula: 'RTD("td.rtd",,"LAST","/ES")/2', result: 1 }],
        ],
      }),
    );
    expect(out.quotes).toEqual([{ symbol: 'VFF', last: '4.5' }]);
    expect(out.warnings).toEqual([
      'Sheet1!A1: RTD inside a formula: value not used',
      'Sheet1!A2: RTD inside a formula: value not used',
      'Sheet1!A3: extra RTD arguments after the symbol are ignored',
    ]);
  });

  it('resolves defined names: a single cell, a text constant, a local name before a workbook name', async () => {
    const buffer = await withDefinedNames(
      await workbookBuffer({
        One: [['AAPL', { formula: 'RTD("tos.rtd",,"LAST",Pick)', result: 230 }, { formula: 'RTD("tos.rtd",,"BID",Ticker)', result: 229 }]],
        Two: [['MSFT', { formula: 'RTD("tos.rtd",,"LAST",Pick)', result: 430 }, { formula: 'RTD("tos.rtd",,Fld,Ticker)', result: 231 }]],
      }),
      '<definedName name="Pick">One!$A$1</definedName><definedName name="Pick" localSheetId="1">Two!$A$1</definedName>' +
        '<definedName name="Ticker">"NVDA"</definedName><definedName name="Fld">"ASK"</definedName>',
    );
    const out = await read(buffer);
    expect(out.quotes).toEqual([
      { symbol: 'AAPL', last: '230' },
      { symbol: 'MSFT', last: '430' },
      { symbol: 'NVDA', bid: '229', ask: '231' },
    ]);
    expect(out.warnings).toEqual([]);
  });

  it('says which name it cannot use', async () => {
    const buffer = await withDefinedNames(
      await workbookBuffer({ S: [['AAPL', { formula: 'RTD("tos.rtd",,"LAST",Block)', result: 1 }, { formula: 'RTD("tos.rtd",,"LAST",Nope)', result: 1 }]] }),
      '<definedName name="Block">S!$A$1:$C$9</definedName>',
    );
    const out = await read(buffer);
    expect(out.quotes).toEqual([]);
    expect(out.warnings).toEqual([
      'S!B1: symbol argument names Block, which is not one cell in this row',
      'S!C1: symbol argument names Nope, which the workbook does not define',
    ]);
  });

  it('fills shared formulas down from a master in the middle of the sheet, across columns', async () => {
    const out = await read(
      await workbookBuffer({
        S: [
          ['Symbol', 'LAST', 'BID'],
          ['AAPL', { formula: 'RTD("tos.rtd",,B$1,$A2)', result: 230, shareType: 'shared', ref: 'B2:C3' }, { sharedFormula: 'B2', result: 229 }],
          ['MSFT', { sharedFormula: 'B2', result: 430 }, { sharedFormula: 'B2', result: 429 }],
        ] as WorkbookSpec[string],
      }),
    );
    expect(out.quotes).toEqual([
      { symbol: 'AAPL', last: '230', bid: '229' },
      { symbol: 'MSFT', last: '430', bid: '429' },
    ]);
  });
});

describe('broken and hostile workbooks', () => {
  it('refuses a file that is not a zip, and a truncated one, in words', async () => {
    await expect(readWorkbookBuffer(Buffer.from('this is not a workbook at all'))).rejects.toThrow(/not a complete workbook file/);
    const good = await workbookBuffer({ S: [[rtd('LAST', 'AAPL', 1)]] });
    await expect(readWorkbookBuffer(good.subarray(0, good.length - 40))).rejects.toThrow(/not a complete workbook file|corrupt/);
  });

  it('refuses a zip that is not a workbook', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    await expect(readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toThrow(/no workbook part/);
  });

  async function bomb(): Promise<Buffer> {
    const zip = await JSZip.loadAsync(await workbookBuffer({ S: [[rtd('LAST', 'AAPL', 1)]] }));
    // 40 MB of spaces inside the sheet: it packs to about 40 KB.
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('<sheetData>', `<sheetData>${' '.repeat(40 * 1024 * 1024)}`));
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  }
  const budgets = { maxFileBytes: 50 * 1024 * 1024, maxUnpackedBytes: 16 * 1024 * 1024, maxReadMs: 2_000 };

  it('ends a zip bomb at the unpacked budget without unpacking it', async () => {
    const file = await bomb();
    expect(file.length).toBeLessThan(1024 * 1024);
    const error = await readWorkbookBuffer(file, budgets).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotesFileLimitError);
    expect((error as QuotesFileLimitError).limit).toBe('unpacked');
    expect((error as Error).message).toBe('the workbook unpacks to more than 16 MB (the limit for a quotes file)');
  });

  it('refuses a zip bomb that lies about its size, having unpacked no more than it declared', async () => {
    const file = await bomb();
    // Patch the sheet's declared uncompressed size (central directory and local header) to 1,000 bytes.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = file.indexOf(name); at >= 0; at = file.indexOf(name, at + 1)) {
      const central = file.readUInt32LE(at - 46) === 0x02014b50;
      const local = file.readUInt32LE(at - 30) === 0x04034b50;
      if (central) file.writeUInt32LE(1000, at - 46 + 24);
      if (local) file.writeUInt32LE(1000, at - 30 + 22);
    }
    await expect(readWorkbookBuffer(file, budgets)).rejects.toThrow('xl/worksheets/sheet1.xml unpacks to more than the zip says (corrupt or hostile file)');
  });

  it('ends a read at its time budget', async () => {
    const good = await workbookBuffer({ S: [[rtd('LAST', 'AAPL', 1)]] });
    const error = await readWorkbookBuffer(good, { maxFileBytes: 1e9, maxUnpackedBytes: 1e9, maxReadMs: 0 }, performance.now() - 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotesFileLimitError);
    expect((error as QuotesFileLimitError).limit).toBe('time');
  });

  it('reads a workbook of 100,000 defined names without expanding them', async () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `<definedName name="Sym_${i}">S!$A:$A</definedName>`).join('');
    const buffer = await withDefinedNames(await workbookBuffer({ S: [['AAPL', { formula: 'RTD("tos.rtd",,"LAST",Sym_99999)', result: 230 }]] }), names);
    const out = await read(buffer);
    expect(out.quotes).toEqual([{ symbol: 'AAPL', last: '230' }]);
  });
});
