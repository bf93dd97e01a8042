import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, readCsvText } from '../../src/main/livedata/csv';
import { snapshotToJson } from '../../src/main/livedata/snapshot';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const MAX_ECHO = 24;

/** The longest stretch of `message` that also occurs in `input` is at most MAX_ECHO characters. */
function echoesInput(message: string, input: string): string | null {
  for (let at = 0; at + MAX_ECHO < message.length; at++) {
    const window = message.slice(at, at + MAX_ECHO + 1);
    if (input.includes(window)) return window;
  }
  return null;
}

// Fields that a real or a broken quotes file holds, and long unique text an error could leak.
const field = fc.oneof(
  fc.constantFrom('AAPL', '/ES:XCME', '6857.25', '0', '-5', '1e100000000', '1e308', '($41.20)', '<empty>', 'N/A', '640 x 280', "117'14+", '***END OF FILE***', ''),
  fc.constantFrom('"', '""', '"AAPL"', '"a,b"', '"open', 'x"y', '\u0000', '\uFFFD', '\r', '\n', ' '),
  fc.string({ unit: fc.constantFrom('"', ',', '\r', '\n', 'a', '1', '.', 'e', ' ', '$', '(', ')', 'x'), maxLength: 12 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 25, maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const header = fc.oneof(
  fc.constantFrom('Symbol,Last,Bid,Ask', 'Symbol,Description', 'Symbol,Size,Description', 'Last,Bid', '"Symbol","Last"', 'Symbol'),
  fc.constantFrom('Stock quote and option quote for SPY on 12/1/25 08:32:23', 'Account Statement for X', 'Symbol: F'),
  fc.array(field, { maxLength: 5 }).map((fields) => fields.join(',')),
);
const row = fc.array(field, { minLength: 1, maxLength: 5 }).map((fields) => fields.join(','));
const csvLike = fc
  .tuple(fc.constantFrom('', '\uFEFF'), header, fc.array(row, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.constantFrom('', '\n', '\r\n'))
  .map(([bom, head, rows, delimiter, end]) => `${bom}${[head, ...rows].join(delimiter)}${end}`);

// Well-formed quotes files whose cells hold anything printable: these are read, and exercise the warnings.
const cell = fc.oneof(
  fc.constantFrom('AAPL', '/CL:XNYM', '.SPY251219C600', '6857.25', '-5', '0', '1e100000000', '-1e308', '($41.20)', '<empty>', '640 x 280', "117'14+"),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('9', '0', '.', 'e', '-', '+', '(', ')', '$', ',', 'x', ' '), minLength: 20, maxLength: 80 }),
);
const escape = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const quotesFile = fc
  .array(fc.tuple(cell, cell, cell, cell, cell, cell), { minLength: 1, maxLength: 8 })
  .map((rows) => `Symbol,Last,Bid,Ask,Size,Description\r\n${rows.map((cells) => `${cells.map(escape).join(',')}\r\n`).join('')}`);

describe('any text given as a CSV', () => {
  it('is read or refused with a CsvFormatError in plain words that quote none of it', () => {
    fc.assert(
      fc.property(fc.oneof(csvLike, quotesFile, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 })), (input) => {
        let snapshot;
        try {
          snapshot = readCsvText(input);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvFormatError);
          const { message } = error as Error;
          expect(message).toMatch(PRINTABLE_ASCII);
          expect(echoesInput(message, input)).toBeNull();
          return;
        }
        // A read: warnings are short printable lines, the inspect form has no non-string value.
        for (const warning of snapshot.warnings) {
          expect(warning).toMatch(PRINTABLE_ASCII);
          expect(warning.length).toBeLessThanOrEqual(120);
        }
        for (const quote of snapshotToJson(snapshot).quotes) {
          for (const value of Object.values(quote)) expect(typeof value).toBe('string');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is never read when it does not end with a line break, unless its last line is a trailer', () => {
    fc.assert(
      fc.property(csvLike, (input) => {
        const text = input.replace(/[\r\n]+$/, '');
        fc.pre(text.length > 0 && !/(^|[\r\n])\s*\*\*\*[^\r\n]*$/.test(text));
        expect(() => readCsvText(text)).toThrow(CsvFormatError);
      }),
      { numRuns: 1000 },
    );
  });
});
