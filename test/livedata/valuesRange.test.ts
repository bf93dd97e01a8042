import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import type { QuoteNumberField } from '../../src/main/engine/quotes';
import { excelNumber, fieldValue, parseText, printable } from '../../src/main/livedata/values';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** fieldValue with its warnings collected. */
function read(raw: unknown, field: QuoteNumberField = 'last'): { value: string | null; warnings: string[] } {
  const warnings: string[] = [];
  const value = fieldValue(field, raw, (problem) => warnings.push(problem));
  return { value: value === null ? null : value.toFixed(), warnings };
}

describe('values too large or too small to be quotes', () => {
  it.each([
    [1e308, 'value out of range (1e+308)'],
    [Number.POSITIVE_INFINITY, 'value out of range (Infinity)'],
    [Number.NEGATIVE_INFINITY, 'value out of range (-Infinity)'],
    [Number.NaN, 'value out of range (NaN)'],
    [1e15, 'value out of range (1000000000000000)'],
    [-2.5e20, 'value out of range (-250000000000000000000)'],
    [999999999999999.9, 'value out of range (999999999999999.9)'],
    [1e-13, 'value out of range (1e-13)'],
  ])('an Excel double %s is missing, with the warning %j', (raw, warning) => {
    expect(read(raw)).toEqual({ value: null, warnings: [warning] });
  });

  it('keeps doubles just inside the range, in every field', () => {
    expect(read(999999999999999)).toEqual({ value: '999999999999999', warnings: [] });
    expect(read(1e-12, 'netChange')).toEqual({ value: '0.000000000001', warnings: [] });
    expect(read(-7.0000000000000007e-2, 'netChange')).toEqual({ value: '-0.07', warnings: [] });
  });

  it.each([
    ['1e100000000', 'value out of range (1e100000000)'],
    ['1e308', 'value out of range (1e308)'],
    ['-1E+400', 'value out of range (-1E+400)'],
    ['1e-99999999999999999999', 'value out of range (1e-99999999999999999999)'],
    ['$1,000,000,000,000,000', 'value out of range ($1,000,000,000,000,000)'],
    ['(1e20)', 'value out of range ((1e20))'],
    ['1e15', 'value out of range (1e15)'],
    ['0.0000000000001', 'value out of range (0.0000000000001)'],
  ])('text %j is missing, with the warning %j', (raw, warning) => {
    expect(read(raw)).toEqual({ value: null, warnings: [warning] });
  });

  it('reads huge texts without building a huge Decimal, and shows at most 24 characters of them', () => {
    // These finish at once because nothing is built from their digits; before, 1e100000000 took 75 s and the heap.
    const sixtyThousandDigits = '7'.repeat(60_000);
    expect(read(sixtyThousandDigits)).toEqual({ value: null, warnings: ['value out of range (777777777777777777777...)'] });
    expect(read(`0.${'0'.repeat(60_000)}1`)).toEqual({ value: null, warnings: ['value out of range (0.0000000000000000000...)'] });
    // Many digits but a small value: rounded to 15 significant digits, using the digits that matter.
    expect(read(`1.${'0'.repeat(1_000_000)}1`)).toEqual({ value: '1', warnings: [] });
    expect(read(`2.00000000000000${'0'.repeat(100_000)}1`, 'volume')).toEqual({ value: '2', warnings: [] });
    expect(read(`0.1234567890123456${'0'.repeat(100_000)}1`, 'netChange')).toEqual({ value: '0.123456789012346', warnings: [] });
    // A zero with a huge exponent is still zero: missing in a price field, 0 in a size.
    expect(read('0e999999999999')).toEqual({ value: null, warnings: [] });
    expect(read('0e999999999999', 'volume')).toEqual({ value: '0', warnings: [] });
    // A huge Treasury price: not a price, and not built either.
    expect(read(`${'9'.repeat(1_000_000)}'14`)).toEqual({ value: null, warnings: [] });
  });

  it('shows binary junk and line breaks only as printable ASCII', () => {
    const { warnings } = read('1e9999\u0000\u00ff');
    expect(warnings).toEqual([]); // not a number at all: missing without a warning
    const junk = read('\u0000\u0001\uFFFD\u0089PNG');
    expect(junk).toEqual({ value: null, warnings: [] });
  });

  it('rounds text to 15 significant digits and keeps what Excel shows', () => {
    expect(read('6857.25')).toEqual({ value: '6857.25', warnings: [] });
    expect(read('123456789012345.6')).toEqual({ value: '123456789012346', warnings: [] });
    expect(read('0.1234567890123456789', 'netChange')).toEqual({ value: '0.123456789012346', warnings: [] });
    expect(read('1.5e3')).toEqual({ value: '1500', warnings: [] });
    expect(read('+1.55', 'netChange')).toEqual({ value: '1.55', warnings: [] });
    expect(read('.5')).toEqual({ value: '0.5', warnings: [] });
    // Half to even on the 16th digit, and a digit far beyond it still counts.
    expect(read('1.000000000000005')).toEqual({ value: '1', warnings: [] });
    expect(read('1.000000000000015')).toEqual({ value: '1.00000000000002', warnings: [] });
    expect(read(`1.000000000000005${'0'.repeat(50)}1`)).toEqual({ value: '1.00000000000001', warnings: [] });
  });
});

describe('the tokens TOS files write', () => {
  it.each([['<empty>'], ['<EMPTY>'], ['<Empty>'], [' <empty> ']])('%j is missing, without a warning', (raw) => {
    expect(read(raw)).toEqual({ value: null, warnings: [] });
    expect(read(raw, 'volume')).toEqual({ value: null, warnings: [] });
  });

  it.each([
    ['($41.20)', '-41.2'],
    ['(41.20)', '-41.2'],
    ['( $1,234.50 )', '-1234.5'],
    ["(0'01)", '-0.03125'],
    ['(0.5%)', '-0.5'],
  ])('reads the accounting negative %j as %s', (raw, value) => {
    expect(read(raw, 'netChange')).toEqual({ value, warnings: [] });
    expect(parseText(raw)?.toFixed()).toBe(value);
  });

  it.each([['()'], ['(-5)'], ['(+5)'], ['(5'], ['5)'], ['((5))']])('%j is not a number: missing without a warning', (raw) => {
    expect(read(raw, 'netChange')).toEqual({ value: null, warnings: [] });
  });

  it('treats TRUE, FALSE, Excel errors, empty cells and text as missing, without a warning', () => {
    for (const raw of [true, false, { error: '#N/A' }, { error: '#VALUE!' }, null, undefined, 'abc', 'Infinity', 'NaN', '1.2.3', '1e', 'e5', '0x10']) {
      expect(read(raw)).toEqual({ value: null, warnings: [] });
      expect(read(raw, 'volume')).toEqual({ value: null, warnings: [] });
    }
  });

  it('keeps excelNumber for its callers: 15 significant digits, null out of range', () => {
    expect(excelNumber(6857.25)?.toFixed()).toBe('6857.25');
    expect(excelNumber(1e308)).toBeNull();
    expect(excelNumber(-0)?.toFixed()).toBe('0');
  });
});

describe('printable', () => {
  it('keeps short ASCII as it is and cuts long text with an ellipsis', () => {
    expect(printable('1e+308')).toBe('1e+308');
    expect(printable('x'.repeat(24))).toBe('x'.repeat(24));
    expect(printable('x'.repeat(25))).toBe(`${'x'.repeat(21)}...`);
    expect(printable('abcdefghij', 8)).toBe('abcde...');
  });

  it('turns line breaks into spaces and anything else unprintable into ?', () => {
    expect(printable('a\r\nb\tc')).toBe('a  b c');
    expect(printable('\u0000\u0089\u00e9\uFFFD\u{1F600}')).toBe('??????');
  });

  it('is one short printable line for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 0, max: 40 }), (text, max) => {
        const shown = printable(text, max);
        expect(shown).toMatch(PRINTABLE_ASCII);
        expect(shown.length).toBeLessThanOrEqual(Math.max(max, 4));
      }),
    );
  });
});

describe('properties of fieldValue', () => {
  const FIELDS: QuoteNumberField[] = ['last', 'bid', 'volume', 'netChange', 'bidSize'];
  const numberLike = fc.oneof(
    fc.string({ unit: fc.constantFrom('0', '1', '9', '.', 'e', 'E', '-', '+', '$', ',', '%', '(', ')', "'", ' ', 'x'), maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.tuple(fc.integer({ min: -400, max: 400 }), fc.integer()).map(([exponent, mantissa]) => `${mantissa}e${exponent}`),
  );

  it('gives null or a decimal in range with at most 15 significant digits; warnings are short printable lines', () => {
    fc.assert(
      fc.property(numberLike, fc.constantFrom(...FIELDS), (raw, field) => {
        const warnings: string[] = [];
        const value = fieldValue(field, raw, (problem) => warnings.push(problem));
        if (value !== null) {
          expect(value.isFinite()).toBe(true);
          expect(value.precision()).toBeLessThanOrEqual(15);
          expect(value.isZero() || (value.abs().lessThan(1e15) && value.abs().greaterThanOrEqualTo('1e-12'))).toBe(true);
          expect(warnings).toEqual([]);
        }
        for (const warning of warnings) {
          expect(warning).toMatch(PRINTABLE_ASCII);
          expect(warning.length).toBeLessThanOrEqual('value out of range ()'.length + 24);
        }
      }),
    );
  });

  it('reads every double in range as Excel shows it', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e14, max: 1e14, noNaN: true }), (raw) => {
        const value = fieldValue('netChange', raw);
        if (raw === 0) expect(value?.toFixed()).toBe('0');
        else if (Math.abs(raw) < 1e-12) expect(value).toBeNull();
        else expect(value?.eq(new Dec(raw.toPrecision(15)))).toBe(true);
      }),
    );
  });

  it('reads a number the macro writes as text (15 significant digits) the same as the double', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e14, max: 1e14, noNaN: true }), (raw) => {
        fc.pre(raw === 0 || Math.abs(raw) >= 1e-12);
        const shown = Number(raw.toPrecision(15));
        const fromText = fieldValue('netChange', String(shown));
        const fromNumber = fieldValue('netChange', shown);
        expect(fromText?.toFixed()).toBe(fromNumber?.toFixed());
      }),
    );
  });

  it('rounds longer text exactly, half to even, at 15 significant digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.integer({ min: 0, max: 30 }), (digits, scale) => {
        const text = `${digits}e-${scale}`;
        const expected = new Dec(text).toSignificantDigits(15);
        fc.pre(expected.abs().lessThan(1e15) && expected.abs().greaterThanOrEqualTo('1e-12'));
        expect(fieldValue('volume', text)?.toFixed()).toBe(expected.toFixed());
      }),
    );
  });
});
