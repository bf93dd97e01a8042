// The tick path keeps quotes as canonical text (fieldText) and skips Decimals where it can: its fast paths must
// give exactly what the Decimal path gives, for any double Excel can hold and any decimal text a cell can show.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelNumber, fieldText, parseText } from '../../src/main/livedata/values';

const viaDecimal = (value: ReturnType<typeof parseText>) => (value === null ? null : value.isZero() ? '0' : value.toFixed());

describe('fieldText', () => {
  it('writes every double as the Decimal path does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer().map((n) => n / 100)), (x) => {
        expect(fieldText('volume', x)).toBe(x === 0 ? '0' : viaDecimal(excelNumber(x)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes every decimal text as the Decimal path does', () => {
    const decimalText = fc
      .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^\d{0,18}$/), fc.constantFrom('', '.'), fc.stringMatching(/^\d{0,18}$/))
      .map(([sign, whole, dot, fraction]) => `${sign}${whole}${dot}${fraction}`);
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(fieldText('volume', text)).toBe(viaDecimal(parseText(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops 0 from price fields and keeps it in sizes', () => {
    expect(fieldText('last', 0)).toBeNull();
    expect(fieldText('last', '0.00')).toBeNull();
    expect(fieldText('volume', '0.00')).toBe('0');
    expect(fieldText('last', '6857.25')).toBe('6857.25');
    expect(fieldText('last', 6857.25)).toBe('6857.25');
    expect(fieldText('netChange', -7.0000000000000007e-2)).toBe('-0.07');
  });
});

describe('crossed quotes compare decimal text exactly', () => {
  it('warns exactly when bid > ask, for any two canonical decimals', async () => {
    const { finishSnapshot } = await import('../../src/main/livedata/snapshot');
    const { Dec } = await import('../../src/main/engine/decimal');
    const decimal = fc.integer({ min: -10_000_000, max: 10_000_000 }).chain((n) => fc.integer({ min: 0, max: 6 }).map((scale) => new Dec(n).div(10 ** scale).toFixed()));
    fc.assert(
      fc.property(decimal, decimal, (bid, ask) => {
        const crossed = finishSnapshot('csv', new Map([['/ES', { bid, ask, mark: '1' }]]), []).warnings.length > 0;
        expect(crossed).toBe(new Dec(bid).greaterThan(ask));
      }),
      { numRuns: 2000 },
    );
  });
});
