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

describe('what the ticket sends', () => {
  it("a bracket: the take-profit in the trade's favour, the stop-loss against it, on the other side, one OCO group", async () => {
    const { ticketRequest } = await import('../../src/renderer/src/panels/OrderTicket');
    const { useTicket } = await import('../../src/renderer/src/state/ticket');
    const base = { ...useTicket.getState(), symbol: '/esz25', qty: '2', orderType: 'LMT' as const, limit: '6700.00', mode: 'BRACKET' as const, takeProfitTicks: '8', stopLossTicks: '+4' };
    expect(ticketRequest('main', { ...base, side: 'SELL' })).toMatchObject({
      symbol: '/ESZ25',
      side: 'SELL',
      limit: '6700.00',
      children: [
        { side: 'BUY', orderType: 'LMT', limitTicks: '-8' },
        { side: 'BUY', orderType: 'STP', stopTicks: '4' },
      ],
      childrenOco: true,
    });
    expect(ticketRequest('main', { ...base, side: 'BUY' }).children).toEqual([
      { side: 'SELL', orderType: 'LMT', limitTicks: '8' },
      { side: 'SELL', orderType: 'STP', stopTicks: '-4' },
    ]);
    // A single order carries no children, and a trailing one its terms but no stale price.
    const trailing = ticketRequest('main', { ...base, mode: 'SINGLE', side: 'SELL', orderType: 'TRAIL_STP', trailOffset: '4', trailUnit: 'TICKS', trailRef: 'BID' });
    expect(trailing).toEqual({ account: 'main', symbol: '/ESZ25', side: 'SELL', qty: '2', orderType: 'TRAIL_STP', limit: undefined, stop: undefined, tif: 'DAY', trailOffset: '4', trailUnit: 'TICKS', trailRef: 'BID' });
  });

  it('an OCO pair: both orders of the ticket, each with only the prices its type uses', async () => {
    const { ocoRequest } = await import('../../src/renderer/src/panels/OrderTicket');
    const { useTicket } = await import('../../src/renderer/src/state/ticket');
    const t = { ...useTicket.getState(), symbol: 'AAPL', side: 'BUY' as const, qty: '1,000', orderType: 'STP' as const, stop: '201.00', limit: '199.00', mode: 'OCO' as const };
    const { orders } = ocoRequest('main', { ...t, oco: { side: 'SELL', qty: '1000', orderType: 'STP', stop: '198.00', limit: '' } });
    expect(orders.map((o) => [o.side, o.qty, o.orderType, o.stop, o.limit])).toEqual([
      ['BUY', '1000', 'STP', '201.00', undefined],
      ['SELL', '1000', 'STP', '198.00', undefined],
    ]);
  });
});
