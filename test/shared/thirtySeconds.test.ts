import { describe, expect, it } from 'vitest';
import { priceForField, stepPrice } from '../../src/renderer/src/components/priceStep';
import { parseThirtySeconds as mainParse } from '../../src/main/livedata/values';
import { parseThirtySeconds, typedPrice } from '../../src/shared/thirtySeconds';

const ZN = { kind: 'thirtySeconds' } as const;
const ZN_TICK = '0.015625';

describe('32nds typed in the window', () => {
  it.each([
    ["110'16", '110.5'],
    ["110'16+", '110.515625'],
    ["110'165", '110.515625'],
    ["110'162", '110.5078125'],
    ["110'167", '110.5234375'],
    ["117'00", '117'],
    ["-0'08", '-0.25'],
    ["0'00", '0'],
  ])('reads %s as %s, as main reads a cell', (text, value) => {
    expect(parseThirtySeconds(text)).toBe(value);
    expect(mainParse(text)?.toFixed()).toBe(value);
    expect(typedPrice(` ${text} `)).toBe(value);
  });

  it.each([["110'32"], ["110'1"], ["110'163"], ["110.5'16"], ["'16"], ["1234567890123456'00"], ['110.5']])('refuses %s as 32nds', (text) => {
    expect(parseThirtySeconds(text)).toBeNull();
    expect(mainParse(text)).toBeNull();
  });

  it('passes decimals through cleaned, and leaves unreadable 32nds for main to refuse', () => {
    expect(typedPrice(' 6,712.25 ')).toBe('6712.25');
    expect(typedPrice("110'40")).toBe("110'40");
  });

  it('reads a long hostile text in linear time', () => {
    const text = `${'1'.repeat(100_000)}'16`;
    expect(parseThirtySeconds(text)).toBeNull();
    expect(parseThirtySeconds(`1'${'1'.repeat(100_000)}`)).toBeNull();
  });

  it('stages and steps Treasury prices in 32nds', () => {
    expect(priceForField('110.5', ZN, ZN_TICK)).toBe("110'160");
    expect(priceForField('117.4375', ZN, '0.03125')).toBe("117'14");
    expect(stepPrice("110'16", ZN_TICK, 1, ZN)).toBe("110'165");
    expect(stepPrice("110'16+", ZN_TICK, -1, ZN)).toBe("110'160");
    expect(stepPrice('110.5', ZN_TICK, 10, ZN)).toBe("110'210");
    expect(stepPrice('150.10', '0.01', 1, { kind: 'decimal', decimals: 2 })).toBe('150.11');
  });
});
