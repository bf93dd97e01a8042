// The prices a trader sees are the prices they get: the buying-power check and the preview price a MKT or STP order
// at the slipped price, so the preview equals the fill; an order that only closes is always accepted (ENGINE.md 7).
import { afterEach, describe, expect, it } from 'vitest';
import { previewView } from '../../src/main/desk/views';
import { openTestDesk, quote, type TestDesk } from '../support/desk';

let handle: TestDesk | undefined;
afterEach(() => {
  handle?.close();
  handle = undefined;
});

const buy = (qty: string, extra: Record<string, string> = {}) =>
  ({ account: 'main', symbol: 'AAPL', side: 'BUY', qty, orderType: 'MKT', tif: 'DAY', ...extra }) as const;

describe('slippage in the preview and the buying-power check', () => {
  it('the preview of a MKT order is priced at the slipped fill price, and the fill matches it', async () => {
    handle = await openTestDesk();
    const { desk } = handle;
    desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
    expect(desk.updateSettings({ slippageTicks: '3' }).ok).toBe(true);
    const preview = desk.previewOrder(buy('10'));
    if (!preview.ok) throw new Error(preview.error.message);
    const view = previewView(preview.value);
    expect(view).toMatchObject({ account: 'main', side: 'BUY', qty: '10', orderType: 'MKT', tif: 'DAY', price: '200.03', cashEffect: '-2000.3' });
    expect(view.requirement).toBe('500.075');
    const placed = desk.placeOrder(buy('10'));
    expect(placed).toMatchObject({ ok: true, value: { status: 'FILLED' } });
    if (placed.ok) expect(placed.value.avgFillPrice?.toFixed()).toBe(view.price);
  });

  it('refuses a MKT order whose slipped price needs more than is available, though the bare ask would fit', async () => {
    handle = await openTestDesk();
    const { desk } = handle;
    desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.99', ask: '200.00', last: '200.00' }));
    // 2,000 x 200.00 x 25% = 100,000: exactly the available funds. One tick of slippage makes it 100,005.
    expect(previewView((desk.previewOrder(buy('2000')) as { ok: true; value: never }).value).warnings).toEqual([]);
    expect(desk.updateSettings({ slippageTicks: '1' }).ok).toBe(true);
    const preview = desk.previewOrder(buy('2000'));
    if (!preview.ok) throw new Error(preview.error.message);
    expect(previewView(preview.value).warnings).toEqual(['insufficient buying power: needs 100,005.00, available 100,000.00']);
    expect(desk.placeOrder(buy('2000'))).toMatchObject({
      ok: true,
      value: { status: 'REJECTED', rejectReason: 'insufficient buying power: needs 100,005.00, available 100,000.00' },
    });
  });

  it('prices a STP order at its stop plus slippage', async () => {
    handle = await openTestDesk();
    const { desk } = handle;
    desk.applyQuote(quote({ symbol: '/ES', bid: '6000.00', ask: '6000.25', last: '6000.25' }));
    expect(desk.updateSettings({ slippageTicks: '2' }).ok).toBe(true);
    const preview = desk.previewOrder({ account: 'main', symbol: '/ES', side: 'BUY', qty: '1', orderType: 'STP', stop: '6100', tif: 'DAY' });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(previewView(preview.value)).toMatchObject({ price: '6100.5', commission: '2.25', fees: '0', requirement: '20000' });
  });
});

describe('ENGINE.md 7: an order that only closes or reduces is always accepted', () => {
  it('even when available funds are negative, and the preview says why it is still accepted', async () => {
    handle = await openTestDesk();
    const { desk } = handle;
    desk.applyQuote(quote({ symbol: '/ES', bid: '6000.00', ask: '6000.25', last: '6000.25' }));
    expect(desk.placeOrder({ account: 'main', symbol: '/ES', side: 'BUY', qty: '2', orderType: 'MKT', tif: 'DAY' })).toMatchObject({ ok: true, value: { status: 'FILLED' } });
    // The exchange raises the margin: the account is now far below its requirement.
    expect(desk.updateSettings({ contracts: { ES: { initialMargin: '90000' } } }).ok).toBe(true);
    const account = desk.describeAccount(desk.state.account('main')!);
    expect(Number(account.availableFunds)).toBeLessThan(0);
    const sell = { account: 'main', symbol: '/ES', side: 'SELL', qty: '1', orderType: 'MKT', tif: 'DAY' } as const;
    const preview = desk.previewOrder(sell);
    if (!preview.ok) throw new Error(preview.error.message);
    const view = previewView(preview.value);
    expect(view.requirement).toBe('0');
    expect(view.warning).toBeNull();
    expect(view.warnings[0]).toMatch(/^available funds are below 0 \(-[\d,]+\.\d\d\): this order only closes or reduces a position$/);
    expect(desk.placeOrder(sell)).toMatchObject({ ok: true, value: { status: 'FILLED' } });
    // An order that would open more is refused.
    expect(desk.placeOrder({ ...sell, qty: '3' })).toMatchObject({ ok: true, value: { status: 'REJECTED' } });
    expect(desk.placeOrder(sell)).toMatchObject({ ok: true, value: { status: 'FILLED' } });
    expect(desk.position('main', '/ES')?.qty.isZero()).toBe(true);
  });
});
