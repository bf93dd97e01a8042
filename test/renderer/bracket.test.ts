// The ticket's bracket helpers: where the ticks are remembered (per futures root, once for stocks) and the "≈" price
// a number of ticks gives (display only), in exact decimals and in 32nds.
import { describe, expect, it } from 'vitest';
import { ticksAway } from '../../src/renderer/src/components/priceStep';
import { bracketKey } from '../../src/renderer/src/state/ticket';

describe('bracket ticks', () => {
  it('are remembered per futures root, and once for every stock and option', () => {
    expect(bracketKey('/ESZ25')).toBe('/ES');
    expect(bracketKey('/es')).toBe('/ES');
    expect(bracketKey('/ESH6')).toBe('/ES');
    expect(bracketKey('/ZNZ25')).toBe('/ZN');
    expect(bracketKey('/MESM26')).toBe('/MES');
    expect(bracketKey('AAPL')).toBe('STOCKS');
    expect(bracketKey('.SPY251219C600')).toBe('STOCKS');
  });

  it('give a price that many ticks away, exactly, or nothing when a term cannot be read', () => {
    expect(ticksAway('6700.00', '8', '0.25')).toBe('6702');
    expect(ticksAway('6700.00', '-8', '0.25')).toBe('6698');
    expect(ticksAway('0.1', '2', '0.1')).toBe('0.3');
    // 32nds: 110'16 plus 3 half-32nds.
    expect(ticksAway("110'16", '3', '0.015625')).toBe('110.546875');
    expect(ticksAway('200.00', '', '0.01')).toBeNull();
    expect(ticksAway('200.00', '1.5', '0.01')).toBeNull();
    expect(ticksAway(null, '4', '0.01')).toBeNull();
    expect(ticksAway('0.02', '-4', '0.01')).toBeNull();
  });
});
