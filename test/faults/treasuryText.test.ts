// Every text of the engine that shows a Treasury price uses 32nds, as TOS shows them: why-not-filled, fill reasons,
// and the tick-grid refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { whyNotFilled } from '../../src/main/engine/engine';
import { openTestDesk, quote, type TestDesk } from '../support/desk';

let handle: TestDesk | undefined;
afterEach(() => {
  handle?.close();
  handle = undefined;
});

describe('Treasury prices in the engine texts', () => {
  it('why-not-filled, the fill reason and the tick grid message are in 32nds', async () => {
    handle = await openTestDesk();
    const { desk } = handle;
    desk.applyQuote(quote({ symbol: '/ZB', bid: '112.5', ask: '112.53125', last: '112.5' }));
    const resting = desk.placeOrder({ account: 'main', symbol: '/ZB', side: 'BUY', qty: '1', orderType: 'LMT', limit: '112.25', tif: 'DAY' });
    if (!resting.ok) throw new Error(resting.error.message);
    expect(whyNotFilled(desk.state, resting.value)).toBe("needs ask <= 112'08; ask is 112'17");
    const filled = desk.placeOrder({ account: 'main', symbol: '/ZB', side: 'BUY', qty: '1', orderType: 'MKT', tif: 'DAY' });
    expect(desk.fillHistory().at(-1)?.reason).toMatch(/filled at ask 112'17$/);
    expect(filled.ok).toBe(true);
    const offGrid = desk.placeOrder({ account: 'main', symbol: '/ZB', side: 'BUY', qty: '1', orderType: 'LMT', limit: '112.51', tif: 'DAY' });
    expect(offGrid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!offGrid.ok) expect(offGrid.error.message).toMatch(/is off the tick grid of \/ZB: it must be a multiple of 1\/32 of a point$/);
  });
});
