import { describe, expect, it } from 'vitest';
import { CsvFormatError, readCsvText } from '../../src/main/livedata/csv';
import { snapshotToJson } from '../../src/main/livedata/snapshot';

const json = (text: string) => snapshotToJson(readCsvText(text));

/** The message readCsvText refuses a text with (it must refuse it with a CsvFormatError). */
function refusal(text: string): string {
  try {
    readCsvText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CsvFormatError);
    return (error as Error).message;
  }
  throw new Error('the CSV was read');
}

const MACRO = 'not a quotes file: export your RTD sheet with the macro in resources/';

describe('the tokens real TOS files write', () => {
  it('reads <empty> as missing, ($41.20) as -41.20, and a Size of 640 x 280 as bid and ask sizes', () => {
    const snapshot = readCsvText(
      'Symbol,Last,Net Chng,Size,Volume\r\n' +
        'AAPL,<empty>,($41.20),640 x 280,<EMPTY>\r\n' +
        'MSFT,480.1,(0.35),640x280,"1,200"\r\n' +
        'NVDA,180,+1.25,12 X 3,0\r\n' +
        'TSLA,400,0,<empty>,5\r\n',
    );
    expect(snapshotToJson(snapshot).quotes).toEqual([
      { symbol: 'AAPL', bidSize: '640', askSize: '280', netChange: '-41.2' },
      { symbol: 'MSFT', last: '480.1', bidSize: '640', askSize: '280', volume: '1200', netChange: '-0.35' },
      { symbol: 'NVDA', last: '180', bidSize: '12', askSize: '3', volume: '0', netChange: '1.25' },
      { symbol: 'TSLA', last: '400', volume: '5', netChange: '0' },
    ]);
    expect(snapshot.quotes.get('AAPL')).toMatchObject({ last: null, volume: null });
    expect(snapshot.quotes.get('TSLA')).toMatchObject({ bidSize: null, askSize: null });
    expect(snapshot.warnings).toEqual([]);
  });

  it('lets Bid Size and Ask Size columns win over a Size column', () => {
    expect(json('Symbol,Size,Bid Size,Ask Size,Last\nAAPL,1 x 2,30,40,230\n').quotes).toEqual([
      { symbol: 'AAPL', last: '230', bidSize: '30', askSize: '40' },
    ]);
    expect(json('Symbol,Bid Size,Size,Last\nAAPL,30,1 x 2,230\n').quotes).toEqual([{ symbol: 'AAPL', last: '230', bidSize: '30', askSize: '2' }]);
  });

  it('skips blank lines anywhere and stops at a ***END OF FILE*** trailer', () => {
    const text =
      '\uFEFFSymbol,Last,Bid\r\n\r\n' +
      'AAPL,230,229.9\r\n' +
      ',,\r\n' +
      '   \r\n' +
      'MSFT,480,479.9\r\n\r\n' +
      '***END OF FILE***\r\n' +
      'anything after the trailer,is,not read,at all\r\n';
    expect(json(text)).toEqual({
      source: 'csv',
      quotes: [
        { symbol: 'AAPL', last: '230', bid: '229.9' },
        { symbol: 'MSFT', last: '480', bid: '479.9' },
      ],
      warnings: [],
    });
    // A trailer with empty fields after it, and one without a final line break, end the data too.
    expect(json('Symbol,Last,Bid\nAAPL,230,229.9\n***END OF FILE***,,\n').quotes).toHaveLength(1);
    expect(json('Symbol,Last,Bid\nAAPL,230,229.9\n***END OF FILE***').quotes).toHaveLength(1);
  });

  it('reads a BOM, quoted captions and CRLF, LF or CR line ends, mixed', () => {
    expect(json('\uFEFF"Symbol","Last"\r\nAAPL,230\nMSFT,480\rNVDA,"180"\r\n').quotes).toEqual([
      { symbol: 'AAPL', last: '230' },
      { symbol: 'MSFT', last: '480' },
      { symbol: 'NVDA', last: '180' },
    ]);
  });

  it('takes the first row with a Symbol caption as the header: a sheet title above it is not a quote', () => {
    expect(json('My TOS quotes,,\n,,\nSymbol,Last,Bid\nAAPL,230,229.9\n').quotes).toEqual([{ symbol: 'AAPL', last: '230', bid: '229.9' }]);
  });
});

describe('values that are not prices, in a CSV', () => {
  it('makes every negative stock price missing, and keeps a negative futures price', () => {
    const snapshot = readCsvText('Symbol,Last,Bid,Ask\nAAPL,-5,-6,-4\n/CL:XNYM,-37.63,-40,-35\n');
    expect(snapshotToJson(snapshot).quotes).toEqual([
      { symbol: '/CL', last: '-37.63', bid: '-40', ask: '-35' },
      { symbol: 'AAPL' },
    ]);
    expect(snapshot.quotes.get('AAPL')).toEqual({ last: null, bid: null, ask: null });
    expect(snapshot.warnings).toEqual(['AAPL: last -5 is not a price', 'AAPL: bid -6 is not a price', 'AAPL: ask -4 is not a price']);
  });

  it('warns about a crossed quote and keeps both sides', () => {
    const snapshot = readCsvText('Symbol,Last,Bid,Ask\nAAPL,10.3,10.5,10.25\n');
    expect(snapshotToJson(snapshot).quotes).toEqual([{ symbol: 'AAPL', last: '10.3', bid: '10.5', ask: '10.25' }]);
    expect(snapshot.warnings).toEqual(['AAPL: bid 10.5 is above ask 10.25 (crossed quote: marked from last)']);
  });

  it('reads a 70-byte row with a huge exponent at once: that value missing with a warning, the rest used', () => {
    // Completing is the assertion: this value once took 75 s and all the memory.
    const snapshot = readCsvText('Symbol,Last,Bid,Ask\nAAPL,1e100000000,1,2\n');
    expect(snapshotToJson(snapshot).quotes).toEqual([{ symbol: 'AAPL', bid: '1', ask: '2' }]);
    expect(snapshot.quotes.get('AAPL')).toHaveProperty('last', null);
    expect(snapshot.warnings).toEqual(['row 2 Last: value out of range (1e100000000)']);
  });

  it('names the file line of a value out of range, counting blank lines and quoted line breaks', () => {
    const snapshot = readCsvText('Symbol,Description,Last,Bid\n\nAAPL,"Apple\nInc",1e308,229.9\nMSFT,Microsoft,480,-1e400\n');
    expect(snapshot.warnings).toEqual(['row 3 Last: value out of range (1e308)', 'row 5 Bid: value out of range (-1e400)']);
    expect(snapshotToJson(snapshot).quotes).toEqual([
      { symbol: 'AAPL', bid: '229.9', description: 'Apple\nInc' },
      { symbol: 'MSFT', last: '480', description: 'Microsoft' },
    ]);
  });

  it('shows at most 24 characters of a huge cell in a warning', () => {
    const snapshot = readCsvText(`Symbol,Last\nAAPL,${'9'.repeat(60_000)}\n`);
    expect(snapshot.warnings).toEqual([`row 2 Last: value out of range (${'9'.repeat(21)}...)`]);
  });
});

describe('a torn file (being written)', () => {
  it('refuses a file cut inside its last field, which once filled a BUY LMT 6000 on an ask of 6', () => {
    const whole = 'Symbol,Last,Bid,Ask\r\n/ES:XCME,6857.25,6857,6857.25\r\n';
    expect(json(whole).quotes).toEqual([{ symbol: '/ES', last: '6857.25', bid: '6857', ask: '6857.25' }]);
    // Every cut after the header line's end and before the last CR: inside the row, as the example `6857.25,6`.
    for (let cut = whole.indexOf('\n') + 2; cut <= whole.length - 2; cut++) {
      expect(refusal(whole.slice(0, cut))).toBe('the CSV ends in the middle of a row (is it being written?)');
    }
    expect(refusal('Symbol,Last,Bid,Ask\r\n/ES:XCME,6857.25,6857,6')).toBe('the CSV ends in the middle of a row (is it being written?)');
  });

  it('accepts a file cut between CR and LF: its last row is whole', () => {
    expect(json('Symbol,Last\r\nAAPL,230\r').quotes).toEqual([{ symbol: 'AAPL', last: '230' }]);
  });

  it('still refuses a row with the wrong number of fields', () => {
    expect(refusal('Symbol,Last,Bid\nAAPL,230\n')).toBe('not a readable CSV: row 2 has 2 fields where the header has 3');
    expect(refusal('Symbol,Last,Bid\nAAPL,230,229.9,1\n')).toBe('not a readable CSV: row 2 has 4 fields where the header has 3');
  });
});

describe('files that are not quotes files', () => {
  it('names thinkorswim’s own exports by their title line', () => {
    expect(refusal('Stock quote and option quote for SPY on 12/1/25 08:32:23\n\nUNDERLYING\nLast,Net Chng,Bid\n683.39,+1.55,683.38\n')).toBe(
      `this is a thinkorswim option-chain export, ${MACRO}`,
    );
    expect(refusal('Account Statement for D-12345678 (margin) since 4/26/22 through 4/26/22\n\nCash Balance\nDATE,TIME\n')).toBe(
      `this is a thinkorswim account statement, ${MACRO}`,
    );
    expect(refusal('Symbol: F\nWork Time: 12/1/25 08:32:23\n\nSymbol,Last\n')).toBe(`this is a thinkorswim strategy report, ${MACRO}`);
  });

  it('finds the title under paperMoney’s disclaimer and a BOM, and in a torn file', () => {
    const statement =
      '\uFEFFThis document was exported from the paperMoney\u00ae platform which provides a simulated trading environment.\r\n\r\n' +
      'Account Statement for D-######## (margin) since 4/26/22 through 4/26/22\r\n\r\nCash Balance\r\nDATE,TIME,TYPE';
    expect(refusal(statement)).toBe(`this is a thinkorswim account statement, ${MACRO}`);
  });

  it('refuses a file without a Symbol column, or with only Symbol and Description', () => {
    expect(refusal('Date, /ES, /NQ, SPY\n1/30/2020 7:55:50 PM, 3291.25, 9226, 327.68\n')).toBe('not a quotes file: no Symbol column');
    expect(refusal('Symbol,Description\nAAPL,Apple Inc\n')).toBe('not a quotes file: no price or size column (Last, Bid, Ask, Mark, Volume...)');
    expect(refusal('Symbol,Notes\nAAPL,buy the dip\n')).toMatch(/^not a quotes file: no price or size column/);
  });

  it('accepts a Symbol column with only a size column: sizes are quotes too', () => {
    expect(json('Symbol,Size\nAAPL,1 x 2\n').quotes).toEqual([{ symbol: 'AAPL', bidSize: '1', askSize: '2' }]);
  });

  it('refuses an empty or blank file', () => {
    expect(refusal('')).toBe('the CSV is empty');
    expect(refusal('\uFEFF\r\n  \r\n')).toBe('the CSV is empty');
  });
});

describe('binary files and CSV syntax errors', () => {
  it('refuses a PNG renamed .csv, a workbook renamed .csv and a UTF-16 file without quoting their bytes', () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from('IHDR Symbol,Last\n'),
    ]).toString('utf8');
    expect(refusal(png)).toBe('not a text CSV file');
    expect(refusal('Symbol,Last\nAAPL,23\u00000\n')).toBe('not a text CSV file');
    expect(refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]).toString('utf8'))).toBe(
      'not a text CSV file: it looks like a workbook (.xlsx) with a .csv name',
    );
    expect(refusal(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Symbol,Last\r\nAAPL,230\r\n', 'utf16le')]).toString('utf8'))).toBe(
      'not a text CSV file: it is UTF-16 (Unicode text); save it as CSV UTF-8',
    );
  });

  it('says what is wrong with the CSV and where, never what the file holds', () => {
    const secret = 'Confidential account 12345678 balance';
    const unclosed = refusal(`Symbol,Last,Description\nAAPL,230,Apple\nMSFT,480,"${secret}\n\n`);
    // csv-parse finds the quote unclosed where the file ends (its line 4), not where it opened.
    expect(unclosed).toBe('not a readable CSV: a quoted field is not closed on line 4');
    expect(unclosed).not.toContain('Confidential');
    const torn = refusal(`Symbol,Last,Description\nAAPL,230,"Apple"\nMSFT,480,"${secret}`);
    expect(torn).not.toContain('Confidential');
  });

  it('reads quotes inside an unquoted field as text, as Excel does, and doubled quotes inside a quoted one', () => {
    expect(json('Symbol,Last,Description\nAAPL,230,"Apple ""A"" shares"\nXYZ,5,12" pipe\n').quotes).toEqual([
      { symbol: 'AAPL', last: '230', description: 'Apple "A" shares' },
      { symbol: 'XYZ', last: '5', description: '12" pipe' },
    ]);
  });
});

describe('large files', () => {
  it('reads a 100,000-row CSV in one pass (a quadratic read would not finish)', () => {
    const rows = ['Symbol,Last,Bid,Ask,Size,Volume,Description'];
    for (let i = 0; i < 100_000; i++) rows.push(`S${i},${100 + (i % 50)}.25,${100 + (i % 50)},${101 + (i % 50)}.5,${i % 9} x 3,"${i},000",Name ${i}`);
    const snapshot = readCsvText(`${rows.join('\r\n')}\r\n`);
    expect(snapshot.quotes.size).toBe(100_000);
    expect(snapshotToJson({ ...snapshot, quotes: new Map([['S99999', snapshot.quotes.get('S99999')!]]) }).quotes).toEqual([
      { symbol: 'S99999', last: '149.25', bid: '149', ask: '150.5', bidSize: '0', askSize: '3', volume: '99999000', description: 'Name 99999' },
    ]);
  });

  it('reads a 10 MB field and a 10 MB line without a header quickly enough to finish', () => {
    expect(json(`Symbol,Last,Description\nAAPL,230,"${'x'.repeat(10_000_000)}"\n`).quotes[0]!.description).toHaveLength(10_000_000);
    expect(refusal(`${'a,'.repeat(5_000_000)}\n`)).toBe('not a quotes file: no Symbol column');
  });
});
