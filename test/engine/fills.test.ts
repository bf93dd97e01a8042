import { describe, expect, it } from 'vitest';
import { AAPL, account, order, run } from '../support/scenario';

const ES = { type: 'quote', symbol: '/ESZ25', bid: '6000.00', ask: '6000.25', last: '6000.25' };

describe('market orders (ENGINE.md 4)', () => {
  it('buys at the ask and sells at the bid, at once', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'MKT' },
      { type: 'place', ref: 's', symbol: 'AAPL', side: 'SELL', qty: 10, orderType: 'MKT' },
    ]);
    expect(order(out, 'b')).toMatchObject({ status: 'FILLED', avgFillPrice: '200', filledQty: '10' });
    expect(order(out, 's')).toMatchObject({ status: 'FILLED', avgFillPrice: '199.98' });
    expect(out.fills[0]!.reason).toBe('MKT BUY: filled at ask 200.00');
    expect(out.fills[0]!.quote).toMatchObject({ bid: '199.98', ask: '200', last: '199.99' });
  });

  it('falls back to last when the side has no quote', async () => {
    const out = await run([
      { type: 'quote', symbol: 'AAPL', last: '150.10' },
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'MKT' },
    ]);
    expect(order(out, 'b').avgFillPrice).toBe('150.1');
  });

  it('slips market fills by the slippage ticks, never limit fills', async () => {
    const out = await run([
      { type: 'settings', slippageTicks: 2 },
      ES,
      { type: 'place', ref: 'b', symbol: '/ESZ25', side: 'BUY', qty: 1, orderType: 'MKT' },
      { type: 'place', ref: 's', symbol: '/ESZ25', side: 'SELL', qty: 1, orderType: 'MKT' },
      { type: 'place', ref: 'l', symbol: '/ESZ25', side: 'BUY', qty: 1, orderType: 'LMT', limit: '6001.00' },
    ]);
    expect(order(out, 'b').avgFillPrice).toBe('6000.75');
    expect(order(out, 's').avgFillPrice).toBe('5999.5');
    expect(order(out, 'l').avgFillPrice).toBe('6000.25');
  });

  it('rejects a MKT order on a symbol with no price', async () => {
    const out = await run([{ type: 'place', ref: 'b', symbol: 'MSFT', side: 'BUY', qty: 1, orderType: 'MKT' }]);
    expect(order(out, 'b').status).toBe('REJECTED');
    expect(order(out, 'b').rejectReason).toMatch(/no price for MSFT/);
    expect(out.fills).toHaveLength(0);
  });
});

describe('limit orders', () => {
  it('a marketable limit fills at the market when placed; a resting one at its limit', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'm', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '200.50' },
      { type: 'place', ref: 'r', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '199.50' },
      { type: 'quote', symbol: 'AAPL', bid: '199.20', ask: '199.30', last: '199.25' },
    ]);
    expect(order(out, 'm').avgFillPrice).toBe('200');
    expect(order(out, 'r').avgFillPrice).toBe('199.5');
    expect(out.fills[1]!.reason).toBe('resting LMT BUY: ask 199.30 <= limit 199.50, touch');
  });

  it('touch fills a resting limit when the price reaches it; cross needs it to go through', async () => {
    const touch = await run([
      AAPL,
      { type: 'place', ref: 's', symbol: 'AAPL', side: 'SELL', qty: 1, orderType: 'LMT', limit: '201.00' },
      { type: 'quote', symbol: 'AAPL', bid: '201.00', ask: '201.02' },
    ]);
    expect(order(touch, 's')).toMatchObject({ status: 'FILLED', avgFillPrice: '201' });
    const cross = await run([
      { type: 'settings', limitFill: 'cross' },
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '199.50' },
      { type: 'quote', symbol: 'AAPL', bid: '199.40', ask: '199.50' },
    ]);
    expect(order(cross, 'b').status).toBe('WORKING');
    const crossed = await run([
      { type: 'settings', limitFill: 'cross' },
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '199.50' },
      { type: 'quote', symbol: 'AAPL', bid: '199.40', ask: '199.49' },
    ]);
    expect(order(crossed, 'b')).toMatchObject({ status: 'FILLED', avgFillPrice: '199.5' });
    expect(crossed.fills[0]!.reason).toBe('resting LMT BUY: ask 199.49 < limit 199.50, cross');
  });

  it('touch on a sell limit: the bid reaching the limit fills it', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 5, orderType: 'MKT' },
      { type: 'place', ref: 's', symbol: 'AAPL', side: 'SELL', qty: 5, orderType: 'LMT', limit: '201.00', tif: 'GTC' },
      { type: 'quote', symbol: 'AAPL', bid: '201.00', ask: '201.02' },
    ]);
    expect(order(out, 's')).toMatchObject({ status: 'FILLED', avgFillPrice: '201' });
  });

  it('a marketable limit fills on arrival in cross mode too', async () => {
    const out = await run([
      { type: 'settings', limitFill: 'cross' },
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '200.00' },
    ]);
    expect(order(out, 'b')).toMatchObject({ status: 'FILLED', avgFillPrice: '200' });
  });

  it('a limit on a symbol with no quote rests', async () => {
    const out = await run([{ type: 'place', ref: 'b', symbol: 'NVDA', side: 'BUY', qty: 1, orderType: 'LMT', limit: '100' }]);
    expect(order(out, 'b').status).toBe('WORKING');
  });
});

describe('stop orders', () => {
  it('a buy stop triggers when last reaches it, then fills as market on the same quote', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'st', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'STP', stop: '201.00' },
      { type: 'quote', symbol: 'AAPL', bid: '200.90', ask: '200.95', last: '200.99' },
      { type: 'quote', symbol: 'AAPL', bid: '201.00', ask: '201.03', last: '201.01' },
    ]);
    expect(order(out, 'st')).toMatchObject({ status: 'FILLED', avgFillPrice: '201.03', triggered: true });
    expect(out.fills[0]!.reason).toBe('STP BUY: stop triggered (last 201.01 >= stop 201.00), filled at ask 201.03');
  });

  it('a sell stop triggers when last falls to it', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'MKT' },
      { type: 'place', ref: 'st', symbol: 'AAPL', side: 'SELL', qty: 1, orderType: 'STP', stop: '199.00' },
      { type: 'quote', symbol: 'AAPL', bid: '198.90', ask: '198.95', last: '199.00' },
    ]);
    expect(order(out, 'st')).toMatchObject({ status: 'FILLED', avgFillPrice: '198.9' });
  });

  it('triggers on the mark when there is no last', async () => {
    const out = await run([
      { type: 'quote', symbol: 'AAPL', bid: '199.98', ask: '200.00' },
      { type: 'place', ref: 'st', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'STP', stop: '201.00' },
      { type: 'quote', symbol: 'AAPL', bid: '201.00', ask: '201.02' },
    ]);
    expect(order(out, 'st')).toMatchObject({ status: 'FILLED', avgFillPrice: '201.02' });
  });

  it('a triggered stop with no price yet stays WORKING until one comes', async () => {
    const out = await run([
      { type: 'quote', symbol: 'AAPL', mark: '200.00' },
      { type: 'place', ref: 'st', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'STP', stop: '199.00' },
    ]);
    expect(order(out, 'st')).toMatchObject({ status: 'WORKING', triggered: true });
    const later = await run([
      { type: 'quote', symbol: 'AAPL', mark: '200.00' },
      { type: 'place', ref: 'st', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'STP', stop: '199.00' },
      { type: 'quote', symbol: 'AAPL', mark: null, ask: '200.10' },
    ]);
    expect(order(later, 'st')).toMatchObject({ status: 'FILLED', avgFillPrice: '200.1' });
  });

  it('a stop-limit triggers, then arrives as a limit: at the market if marketable, else rests and fills at its limit', async () => {
    const marketable = await run([
      AAPL,
      { type: 'place', ref: 'sl', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'STP_LMT', stop: '201.00', limit: '201.50' },
      { type: 'quote', symbol: 'AAPL', bid: '201.00', ask: '201.05', last: '201.02' },
    ]);
    expect(order(marketable, 'sl')).toMatchObject({ status: 'FILLED', avgFillPrice: '201.05' });

    const resting = await run([
      AAPL,
      { type: 'place', ref: 'sl', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'STP_LMT', stop: '201.00', limit: '201.00' },
      { type: 'quote', symbol: 'AAPL', bid: '201.00', ask: '201.10', last: '201.05' },
      { type: 'quote', symbol: 'AAPL', bid: '200.90', ask: '201.00', last: '200.95' },
    ]);
    expect(order(resting, 'sl')).toMatchObject({ status: 'FILLED', avgFillPrice: '201', triggered: true });
  });

  it('re-evaluates working orders of the symbol oldest first', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'first', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '199.00' },
      { type: 'place', ref: 'second', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '199.50' },
      { type: 'quote', symbol: 'AAPL', bid: '198.80', ask: '198.90' },
    ]);
    expect(out.fills.map((f) => f.ref)).toEqual(['first', 'second']);
  });

  it('a quote leaves working orders of other symbols alone', async () => {
    const out = await run([
      AAPL,
      { type: 'place', ref: 'b', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '190.00' },
      { type: 'quote', symbol: 'MSFT', bid: '100', ask: '101' },
    ]);
    expect(order(out, 'b').status).toBe('WORKING');
  });
});

describe('commissions and fees', () => {
  it('charge per unit by asset type, out of cash; realized P&L stays gross', async () => {
    const out = await run([
      { type: 'settings', fees: { FUT: '1.00' } },
      ES,
      { type: 'place', ref: 'b', symbol: '/ESZ25', side: 'BUY', qty: 2, orderType: 'MKT' },
      { type: 'quote', symbol: '/ESZ25', bid: '6010.00', ask: '6010.25', last: '6010.00' },
      { type: 'place', ref: 's', symbol: '/ESZ25', side: 'SELL', qty: 2, orderType: 'MKT' },
    ]);
    expect(out.fills[0]).toMatchObject({ commission: '4.5', fees: '2' });
    // 2 x (6010.00 - 6000.25) x 50 = 975 realized; 2 x (4.50 + 2.00) costs
    expect(account(out)).toMatchObject({ realizedPlDay: '975', cash: '100962' });
  });
});

describe('why a working order has not filled yet', () => {
  it('says what the market must do, in the fill model words', async () => {
    const { openTestDesk, quote } = await import('../support/desk');
    const { whyNotFilled } = await import('../../src/main/engine/engine');
    const t = await openTestDesk();
    try {
      t.desk.applyQuote(quote({ symbol: 'AAPL', bid: '150.00', ask: '150.05', last: '150.02' }));
      const lmt = t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '149.50' });
      const stp = t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'STP', stop: '151.00' });
      const none = t.desk.placeOrder({ symbol: 'MSFT', side: 'SELL', qty: 1, orderType: 'LMT', limit: '500.00' });
      if (!lmt.ok || !stp.ok || !none.ok) throw new Error('not placed');
      expect(whyNotFilled(t.desk.state, lmt.value)).toBe('needs ask <= 149.50; ask is 150.05');
      expect(whyNotFilled(t.desk.state, stp.value)).toBe('needs last >= 151.00 to trigger; last is 150.02');
      expect(whyNotFilled(t.desk.state, none.value)).toBe('needs bid >= 500.00; no bid or last yet');
    } finally {
      t.close();
    }
  });
});
