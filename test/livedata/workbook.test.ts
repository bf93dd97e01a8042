import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuotesFile } from '../../src/main/livedata/quotesFile';
import { snapshotToJson } from '../../src/main/livedata/snapshot';
import { readWorkbookBuffer } from '../../src/main/livedata/xlsx/readXlsx';
import { rtd, workbookBuffer, type WorkbookSpec } from '../support/workbooks';

async function inspect(spec: WorkbookSpec) {
  return snapshotToJson(await readWorkbookBuffer(await workbookBuffer(spec)));
}

describe('reading a TOS workbook', () => {
  it('understands every spelling of the RTD call', async () => {
    const out = await inspect({
      Sheet1: [
        [{ formula: 'RTD("tos.rtd",,"LAST","/ES")', result: 6857.25 }],
        [{ formula: 'RTD("TOS.RTD", ,"BID","/ES")', result: 6857 }],
        [{ formula: 'RTD("Tos.Rtd","","ASK","/ES")', result: 6857.5 }],
        [{ formula: 'rtd( "tos.rtd" , "" , "BID_SIZE" , "/ES" )', result: 12 }],
        [{ formula: 'IFERROR(RTD("tos.rtd",,"ASK_SIZE","/ES"),0)', result: 3 }],
        [{ formula: 'RTD("other.rtd",,"LAST","/ES")', result: 1 }],
      ],
    });
    // Without volatileDependencies, a wrapped RTD call's cell shows the formula's value, not the topic's (rule 5).
    expect(out.quotes).toEqual([{ symbol: '/ES', last: '6857.25', bid: '6857', ask: '6857.5', bidSize: '12' }]);
    expect(out.warnings).toEqual(['Sheet1!A5: RTD inside a formula: value not used']);
  });

  it('resolves $ references and concatenations from the same sheet, and exchange suffixes drop', async () => {
    const out = await inspect({
      Quotes: [
        [null, 'LAST', 'BID'],
        ['/ES:XCME', { formula: 'RTD("tos.rtd",,B$1,$A2)', result: 6857.25 }, { formula: 'RTD("tos.rtd",,C$1,$A$2)', result: 6857 }],
        ['AAPL260116C200', { formula: 'RTD("tos.rtd",,"LAST","."&$A3)', result: 4.95 }],
        ['SPY', { formula: 'RTD("tos.rtd",,"MARK",Quotes!A4)', result: 600.01 }],
      ],
    });
    expect(out.quotes).toEqual([
      { symbol: '.AAPL260116C200', last: '4.95' },
      { symbol: '/ES', last: '6857.25', bid: '6857' },
      { symbol: 'SPY', mark: '600.01' },
    ]);
  });

  it('reads filled-down shared formulas', async () => {
    const out = await inspect({
      Sheet1: [
        ['Symbol', 'Last'],
        ['AAPL', { formula: 'RTD("tos.rtd",,"LAST",A2)', result: 230.5, shareType: 'shared', ref: 'B2:B4' }],
        ['MSFT', { sharedFormula: 'B2', result: 430.25 }],
        ['NVDA', { sharedFormula: 'B2', result: 140.01 }],
      ],
    });
    expect(out.quotes.map((q) => [q.symbol, q.last])).toEqual([
      ['AAPL', '230.5'],
      ['MSFT', '430.25'],
      ['NVDA', '140.01'],
    ]);
  });

  it('keeps a cached 0 (exceljs drops it from cell.value): a real 0 in changes, missing in prices', async () => {
    const out = await inspect({
      Sheet1: [[rtd('NET_CHANGE', '/NQ', 0), rtd('LAST', '/NQ', 0), rtd('BID', '/NQ', 25479.5), rtd('VOLUME', '/NQ', 0)]],
    });
    expect(out.quotes).toEqual([{ symbol: '/NQ', bid: '25479.5', volume: '0', netChange: '0' }]);
  });

  it('reads N/A, #N/A, text numbers and 32nds in RTD results', async () => {
    const out = await inspect({
      Sheet1: [
        [rtd('LAST', '/ZB', "117'14+"), rtd('BID', '/ZB', "117'14"), rtd('ASK', '/ZB', "117'15"), rtd('VOLUME', '/ZB', 'N/A')],
        [rtd('LAST', 'BRK/B', '$1,234.50'), rtd('PERCENT_CHANGE', 'BRK/B', '-1.25%'), rtd('BID', 'BRK/B', { error: '#N/A' })],
      ],
    });
    expect(out.quotes).toEqual([
      { symbol: '/ZB', last: '117.453125', bid: '117.4375', ask: '117.46875' },
      { symbol: 'BRK/B', last: '1234.5', percentChange: '-1.25' },
    ]);
  });

  it('reads a table by its header captions, stopping at the first empty symbol', async () => {
    const out = await inspect({
      Watchlist: [
        ['My watchlist'],
        ['Symbol', 'Last', 'Net Chng', '% Change', 'Bid', 'Ask', 'Bid Size', 'Ask Size', 'Description'],
        ['aapl', 230.5, -1.25, '-0.54%', 230.49, 230.51, 300, 200, 'Apple Inc'],
        ['/esz25:xcme', '6,857.25', 0, '0.00%', 6857, 6857.25, 5, 2, 'E-mini'],
        [null, 1, 2, 3],
        ['IGNORED', 1, 2, 3, 4, 5],
      ],
    });
    expect(out.quotes).toEqual([
      { symbol: '/ESZ25', last: '6857.25', bid: '6857', ask: '6857.25', bidSize: '5', askSize: '2', netChange: '0', percentChange: '0', description: 'E-mini' },
      { symbol: 'AAPL', last: '230.5', bid: '230.49', ask: '230.51', bidSize: '300', askSize: '200', netChange: '-1.25', percentChange: '-0.54', description: 'Apple Inc' },
    ]);
  });

  it('gives a row to the symbol its RTD cells name, the Symbol cell being a label; the RTD cell wins', async () => {
    const out = await inspect({
      LiveData: [
        ['Symbol', 'Description', 'Last', 'Bid'],
        ['ES', 'E-mini S&P 500', rtd('LAST', '/ES:XCME', 6857.25), 6000],
      ],
    });
    expect(out.quotes).toEqual([{ symbol: '/ES', last: '6857.25', bid: '6000', description: 'E-mini S&P 500' }]);
    const both = await inspect({
      LiveData: [
        ['Symbol', 'Last', 'Bid'],
        ['/ES', 1, 2],
        [rtd('LAST', '/ES', 6857.25)],
      ],
    });
    expect(both.quotes).toEqual([{ symbol: '/ES', last: '6857.25', bid: '2' }]);
  });

  it('warns about RTD cells it cannot understand, with their address, and goes on', async () => {
    const out = await inspect({
      Sheet1: [
        [null, null, 'x'],
        [rtd('LAST', 'AAPL', 230)],
        [null, null, null],
        [null, null, null],
        [null, null, null],
        [null, null, null],
        [null, null, { formula: 'RTD("tos.rtd",,"LAST",$D7)', result: 'N/A' }],
        [{ formula: 'RTD("tos.rtd",,"LAST",TRIM(D8))', result: 1 }],
        [{ formula: 'RTD("tos.rtd",,"DELTA","AAPL")', result: 0.5 }],
      ],
    });
    expect(out.quotes).toEqual([{ symbol: 'AAPL', last: '230' }]);
    expect(out.warnings).toEqual([
      'Sheet1!C7: symbol argument refers to an empty cell',
      'Sheet1!A8: cannot read the RTD argument TRIM(D8) (only text, cell references and & are understood)',
    ]);
  });
});

describe('the sample files we ship in resources/', () => {
  it.each([['sample-tos-quotes.xlsx'], ['sample-tos-quotes.csv']])('%s reads with no warnings', async (name) => {
    const out = snapshotToJson(await readQuotesFile(resolve(__dirname, '../../resources', name)));
    expect(out.warnings).toEqual([]);
    expect(out.quotes.map((q) => q.symbol)).toEqual(['.SPY251219C600', '/CL', '/ES', '/NQ', '/ZB', 'AAPL', 'MSFT', 'NVDA', 'SPY']);
    expect(out.quotes.find((q) => q.symbol === '/ZB')?.last).toBe('117.453125');
  });

  it('reads the same sheet saved again with other labels, an error label and moved rows as a first read would', async () => {
    // The reader remembers each plain RTD cell by place from one read to the next: every change must show.
    const sheet = (a: unknown, b: unknown, price: number) => ({
      Quotes: [
        ['Symbol', 'Last'],
        [a, { formula: 'RTD("tos.rtd",,"LAST",$A2)', result: price }],
        [b, { formula: 'RTD("tos.rtd",,"LAST",$A3)', result: price + 1 }],
      ],
    }) as WorkbookSpec;
    const first = await inspect(sheet('AAPL', 'MSFT', 200));
    expect(first.quotes).toEqual([
      { symbol: 'AAPL', last: '200' },
      { symbol: 'MSFT', last: '201' },
    ]);
    const swapped = await inspect(sheet('MSFT', 'AAPL', 300));
    expect(swapped.quotes).toEqual([
      { symbol: 'AAPL', last: '301' },
      { symbol: 'MSFT', last: '300' },
    ]);
    const errorLabel = await inspect(sheet({ error: '#N/A' }, 'AAPL', 400));
    expect(errorLabel.quotes).toEqual([{ symbol: 'AAPL', last: '401' }]);
    expect(errorLabel.warnings).toEqual(['Quotes!B2: symbol argument refers to an empty cell']);
    const moved = await inspect({
      Quotes: [
        ['Symbol', 'Last'],
        ['NVDA', { formula: 'RTD("tos.rtd",,"BID",$A2)', result: 500 }],
        [null, null],
        ['AAPL', { formula: 'RTD("tos.rtd",,"LAST",$A4)', result: 501 }],
      ],
    });
    expect(moved.quotes).toEqual([
      { symbol: 'AAPL', last: '501' },
      { symbol: 'NVDA', bid: '500' },
    ]);
    expect(await inspect(sheet('AAPL', 'MSFT', 200))).toEqual(first);
  });
});
