import { describe, expect, it } from 'vitest';
import { CsvFormatError, readCsvText } from '../../src/main/livedata/csv';
import { snapshotToJson } from '../../src/main/livedata/snapshot';

describe('reading a quotes CSV', () => {
  it('reads a header of captions, a BOM, quoted fields with commas, and the value rules', () => {
    const text =
      '\uFEFFSymbol,Last,Bid,Ask,Volume,Net Change,% Change,Description\r\n' +
      '"/ES:XCME","6,857.25",6857,6857.25,"1,234,567",-2.25,-0.03%,"E-mini S&P 500, Dec"\r\n' +
      "/ZB,117'14+,117'14,117'15,N/A,0,0%,30-Year Bond\r\n" +
      'AAPL,0,--,#N/A,0,0,0,\r\n';
    const out = snapshotToJson(readCsvText(text));
    expect(out).toEqual({
      source: 'csv',
      quotes: [
        { symbol: '/ES', last: '6857.25', bid: '6857', ask: '6857.25', volume: '1234567', netChange: '-2.25', percentChange: '-0.03', description: 'E-mini S&P 500, Dec' },
        { symbol: '/ZB', last: '117.453125', bid: '117.4375', ask: '117.46875', netChange: '0', percentChange: '0', description: '30-Year Bond' },
        { symbol: 'AAPL', volume: '0', netChange: '0', percentChange: '0' },
      ],
      warnings: [],
    });
  });

  it('keeps N/A as a known-missing field (null), not an absent one', () => {
    const snapshot = readCsvText('Symbol,Last,Bid\nAAPL,N/A,230\n');
    expect(snapshot.quotes.get('AAPL')).toHaveProperty('last', null);
  });

  it('refuses a file without a Symbol column, a half-written row, and a row with the wrong number of fields', () => {
    expect(() => readCsvText('Last,Bid\n1,2\n')).toThrow(CsvFormatError);
    expect(() => readCsvText('Symbol,Last,Bid\nAAPL,230,229.9\nMSFT,43')).toThrow('the CSV ends in the middle of a row (is it being written?)');
    expect(() => readCsvText('Symbol,Last,Bid\nAAPL,230,229.9\nMSFT,43\n')).toThrow(
      'not a readable CSV: row 3 has 2 fields where the header has 3',
    );
    expect(() => readCsvText('')).toThrow(/empty/);
  });

  it('warns when a symbol appears twice, and the later row wins', () => {
    const snapshot = readCsvText('Symbol,Last,Bid\nAAPL,230,229.9\nMSFT,480,479\naapl,231,N/A\n');
    expect(snapshotToJson(snapshot).quotes).toEqual([
      { symbol: 'AAPL', last: '231' },
      { symbol: 'MSFT', last: '480', bid: '479' },
    ]);
    expect(snapshot.quotes.get('AAPL')).toHaveProperty('bid', null);
    expect(snapshot.warnings).toEqual(['row 4: AAPL appears again; the later row wins']);
  });
});
