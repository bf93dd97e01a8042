import { describe, expect, it } from 'vitest';
import { excelNumber, fieldValue, parseText, parseThirtySeconds } from '../../src/main/livedata/values';

const text = (d: { toFixed(): string } | null) => (d === null ? null : d.toFixed());

describe('LiveData value rules', () => {
  it('rounds Excel doubles to 15 significant digits', () => {
    expect(text(excelNumber(-7.0000000000000007e-2))).toBe('-0.07');
    expect(text(excelNumber(0.1 + 0.2))).toBe('0.3');
    expect(text(excelNumber(6857.25))).toBe('6857.25');
    expect(excelNumber(Number.NaN)).toBeNull();
  });

  it.each([
    ["117'14", '117.4375'],
    ["110'195", '110.609375'],
    ["110'197", '110.6171875'],
    ["110'192", '110.6015625'],
    ["117'14+", '117.453125'],
    ["-0'01", '-0.03125'],
    ["110'145", '110.453125'],
  ])('reads Treasury 32nds %s as %s', (raw, value) => {
    expect(text(parseThirtySeconds(raw))).toBe(value);
    expect(text(parseText(raw))).toBe(value);
  });

  it.each([
    ['N/A'],
    ['n/a'],
    ['--'],
    [''],
    ['   '],
    ['#N/A'],
    ['{error}'],
    ['#VALUE!'],
  ])('treats %j as missing', (raw) => {
    expect(parseText(raw)).toBeNull();
    expect(fieldValue('last', raw)).toBeNull();
  });

  it('strips , $ % and spaces from text numbers', () => {
    expect(text(parseText(' 1,234.50 '))).toBe('1234.5');
    expect(text(parseText('$6,857.25'))).toBe('6857.25');
    expect(text(parseText('-1.25%'))).toBe('-1.25');
    expect(parseText('abc')).toBeNull();
  });

  it('treats 0 as missing in price fields and as a real 0 in sizes, volume and changes', () => {
    for (const field of ['last', 'bid', 'ask', 'mark', 'open', 'high', 'low', 'close'] as const) {
      expect(fieldValue(field, 0)).toBeNull();
      expect(fieldValue(field, '0.00')).toBeNull();
    }
    for (const field of ['bidSize', 'askSize', 'volume', 'netChange', 'percentChange'] as const) {
      expect(text(fieldValue(field, 0))).toBe('0');
    }
  });

  it('treats Excel error values, booleans and dates as missing', () => {
    expect(fieldValue('last', { error: '#N/A' })).toBeNull();
    expect(fieldValue('last', true)).toBeNull();
    expect(fieldValue('last', new Date())).toBeNull();
  });
});
