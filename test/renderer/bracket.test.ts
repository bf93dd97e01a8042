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

describe('the pending-order editor', () => {
  it('lays out each group together: a parent and its children, OCO members one after the other', async () => {
    const { layoutRows } = await import('../../src/renderer/src/panels/WorkingOrders');
    const rows = layoutRows([
      { id: 9, parentId: null, ocoGroup: 'g2' },
      { id: 3, parentId: null, ocoGroup: null },
      { id: 5, parentId: 4, ocoGroup: 'g1' },
      { id: 4, parentId: null, ocoGroup: null },
      { id: 6, parentId: 4, ocoGroup: 'g1' },
      { id: 7, parentId: null, ocoGroup: null },
      { id: 8, parentId: null, ocoGroup: 'g2' },
      // A child whose parent filled: it stands with its partner at its own place.
      { id: 11, parentId: 10, ocoGroup: 'g3' },
      { id: 12, parentId: 10, ocoGroup: 'g3' },
    ]);
    expect(rows).toEqual([
      { id: 3, child: false, group: null },
      { id: 4, child: false, group: [4, 5, 6] },
      { id: 5, child: true, group: null },
      { id: 6, child: true, group: null },
      { id: 7, child: false, group: null },
      { id: 8, child: false, group: [8, 9] },
      { id: 9, child: false, group: null },
      { id: 11, child: false, group: [11, 12] },
      { id: 12, child: false, group: null },
    ]);
  });
});
