// Issue 13 through the window (ENGINE.md 11-13), on an /ES future whose prices the spec writes to a CSV quote file:
// a TRG w/ bracket entry whose children activate at prices from the fill, then the take-profit fills and the stop is
// canceled; a trailing stop whose stop rises on screen with the market, then triggers; a manual flatten that cancels
// a bracket's legs, and a reverse; an OCO entry with one leg filling; a bracket's HELD children under their parent,
// edited in ticks and canceled as a group. Every step waits on what the page shows.
import type { Page } from '@playwright/test';
import { AAPL, expectQuotes, fillTicket, orderRows, placeOrder, positionRow, sendWithKeyboard, workingRows } from './desk';
import { expect, test } from './fixtures';
import type { QuoteLine } from './quoteFiles';

const ES: QuoteLine = { symbol: '/ESZ25', description: 'E-mini S&P 500 Dec 25', last: '6712.25', bid: '6712.00', ask: '6712.25', mark: '6712.25', bidSize: 14, askSize: 22, volume: 1_204_000, netChange: '18.50' };

test.use({ quotes: { kind: 'csv', lines: [AAPL, ES] } });

test.beforeEach(async ({ page }) => {
  await expectQuotes(page, { AAPL: '199.99', '/ESZ25': '6,712.25' });
});

/** The /ES quote moved to one price: last and mark at `price`, bid a tick under the ask at `price`. */
const esAt = (price: string, bid: string) => ({ '/ESZ25': { last: price, mark: price, ask: price, bid } });

/** The day's order rows of a type ("MKT", "LMT", "STP", "TRAIL STP"), newest first. */
const ordersOfType = (page: Page, type: string) => orderRows(page).filter({ has: page.locator('td', { hasText: new RegExp(`^${type}$`) }) });

/** BUY 1 /ESZ25 MKT with a bracket of 8 ticks up and 4 down, sent from the keyboard; returns the confirmation text. */
async function buyWithBracket(page: Page): Promise<string> {
  await fillTicket(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'MKT' });
  await page.getByTestId('ticket-qty').press('Alt+b');
  await expect(page.getByTestId('ticket-mode-bracket')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('ticket-tp-ticks').fill('8');
  await page.getByTestId('ticket-sl-ticks').fill('4');
  return sendWithKeyboard(page);
}

test('a bracket entry fills, its children activate at prices from the fill, the take-profit fills and the stop is canceled', async ({ page, feed, terminal }) => {
  await fillTicket(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'MKT' });
  await page.getByTestId('ticket-mode-bracket').click();
  await page.getByTestId('ticket-tp-ticks').fill('8');
  await page.getByTestId('ticket-sl-ticks').fill('4');
  // Shown before sending, from the ask a market buy would pay: 6,712.25 + 8 x 0.25 and - 4 x 0.25.
  await expect(page.getByTestId('ticket-tp-price')).toHaveText('6,714.25');
  await expect(page.getByTestId('ticket-sl-price')).toHaveText('6,711.25');
  expect(await sendWithKeyboard(page)).toBe('BUY 1 /ESZ25 MKT DAY TRG w/ bracket: SELL LMT +8 ticks ≈ 6,714.25 / SELL STP -4 ticks ≈ 6,711.25');

  await expect(positionRow(page, '/ESZ25').getByTestId('position-qty')).toHaveText('1');
  // The two children are working now, priced from the fill at 6,712.25, linked as one OCO group.
  await expect(workingRows(page)).toHaveCount(2);
  await expect(workingRows(page).getByTestId('working-oco')).toHaveText(['OCO', 'OCO']);
  await expect(workingRows(page).getByTestId('working-held')).toHaveCount(0);
  await expect(workingRows(page).nth(0).getByTestId('working-limit')).toHaveValue('6714.25');
  await expect(workingRows(page).nth(1).getByTestId('working-stop')).toHaveValue('6711.25');
  await expect(workingRows(page).nth(0).getByTestId('working-cancel-group')).toBeVisible();

  // The market lifts to the take-profit: it fills at its limit and the stop-loss goes with it.
  await feed!.update(esAt('6714.50', '6714.25'));
  await expect(workingRows(page)).toHaveCount(0);
  await expect(positionRow(page, '/ESZ25').getByTestId('position-qty')).toHaveText('0');
  await expect(ordersOfType(page, 'LMT').getByTestId('order-status')).toHaveText('FILLED');
  await expect(ordersOfType(page, 'LMT')).toContainText('1 @ 6,714.25');
  await expect(ordersOfType(page, 'STP').getByTestId('order-status')).toHaveText('CANCELED');
  await expect(ordersOfType(page, 'STP').getByTestId('order-status-reason')).toHaveText(/^OCO: order \d+ filled$/);
  if (terminal) expect(terminal.desk.ledger.fills({ accountId: 'main' }).map((f) => f.price.toFixed())).toEqual(['6712.25', '6714.25']);

  // The ticks are remembered for the /ES root; a stock starts from its own (the defaults here).
  await page.getByTestId('ticket-mode-single').click();
  await page.getByTestId('ticket-mode-bracket').click();
  await expect(page.getByTestId('ticket-tp-ticks')).toHaveValue('8');
  await expect(page.getByTestId('ticket-sl-ticks')).toHaveValue('4');
  await page.getByTestId('ticket-symbol').fill('AAPL');
  await expect(page.getByTestId('ticket-sl-ticks')).toHaveValue('8');
});

test("a trailing stop's stop rises with the market on screen, then triggers", async ({ page, feed }) => {
  await placeOrder(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'MKT' });
  await expect(positionRow(page, '/ESZ25').getByTestId('position-qty')).toHaveText('1');

  await page.getByTestId('ticket-side-sell').click();
  await page.getByTestId('ticket-type').selectOption('TRAIL_STP');
  await page.getByTestId('ticket-trail-offset').fill('1.00');
  await expect(page.getByTestId('ticket-trail-unit')).toHaveValue('PRICE');
  await expect(page.getByTestId('ticket-trail-ref')).toHaveValue('MARK');
  expect(await sendWithKeyboard(page)).toBe('SELL 1 /ESZ25 TRAIL STP 1.00 MARK DAY');

  const row = workingRows(page).first();
  await expect(row.getByTestId('working-trail-stop')).toHaveText('STP 6,711.25');
  await expect(row.getByTestId('working-trail-mark')).toHaveText('hi 6,712.25');
  await expect(row.getByTestId('working-trail-offset')).toHaveValue('1');

  // Up 2.75: the watermark and the stop follow.
  await feed!.update(esAt('6715.00', '6714.75'));
  await expect(row.getByTestId('working-trail-stop')).toHaveText('STP 6,714.00');
  await expect(row.getByTestId('working-trail-mark')).toHaveText('hi 6,715.00');
  // A dip that does not reach the stop leaves both where they are.
  await feed!.update(esAt('6714.25', '6714.00'));
  await expect(row.getByTestId('working-why')).toHaveText(/last is 6714\.25$/);
  await expect(row.getByTestId('working-trail-stop')).toHaveText('STP 6,714.00');
  // Edited inline to trail by 8 ticks: re-anchored at the mark now (ENGINE.md 11), 2.00 under it.
  await row.getByTestId('working-trail-offset').fill('8');
  await row.getByTestId('working-trail-unit').selectOption('TICKS');
  await row.getByTestId('working-trail-offset').press('Enter');
  await expect(row).not.toHaveClass(/editing/);
  await expect(row.getByTestId('working-trail-stop')).toHaveText('STP 6,712.25');
  await expect(row.getByTestId('working-trail-mark')).toHaveText('hi 6,714.25');
  // Through the stop: it triggers and sells at the bid.
  await feed!.update(esAt('6712.25', '6712.00'));
  await expect(workingRows(page)).toHaveCount(0);
  await expect(positionRow(page, '/ESZ25').getByTestId('position-qty')).toHaveText('0');
  await expect(ordersOfType(page, 'TRAIL STP').getByTestId('order-status')).toHaveText('FILLED');
  await expect(ordersOfType(page, 'TRAIL STP')).toContainText('1 @ 6,712.00');
});

test("a manual flatten cancels the bracket's legs; reverse turns the position", async ({ page, terminal }) => {
  await buyWithBracket(page);
  await expect(workingRows(page)).toHaveCount(2);

  await positionRow(page, '/ESZ25').getByTestId('position-flatten').click();
  await expect(page.getByTestId('confirm-text')).toHaveText('SELL 1 /ESZ25 MKT DAY (flatten; cancels its working and held orders)');
  await page.getByTestId('confirm-send').click();
  await expect(positionRow(page, '/ESZ25').getByTestId('position-qty')).toHaveText('0');
  await expect(workingRows(page)).toHaveCount(0);
  await expect(ordersOfType(page, 'LMT').getByTestId('order-status')).toHaveText('CANCELED');
  await expect(ordersOfType(page, 'STP').getByTestId('order-status')).toHaveText('CANCELED');
  await expect(ordersOfType(page, 'MKT').getByTestId('order-status')).toHaveText(['FILLED', 'FILLED']);
  if (terminal) expect([...terminal.desk.state.workingOrdersOf('main')]).toHaveLength(0);

  // Reverse: long 1 becomes short 1 with one market order of 2.
  await placeOrder(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'MKT' });
  await expect(positionRow(page, '/ESZ25').getByTestId('position-qty')).toHaveText('1');
  await positionRow(page, '/ESZ25').getByTestId('position-reverse').click();
  await expect(page.getByTestId('confirm-text')).toHaveText('SELL 2 /ESZ25 MKT DAY (reverse; cancels its working and held orders)');
  await page.getByTestId('confirm-send').click();
  await expect(positionRow(page, '/ESZ25').getByTestId('position-qty')).toHaveText('-1');
});

test('an OCO entry: one leg fills, the other is canceled', async ({ page, feed }) => {
  // A breakout either way: buy a stop above, sell a stop below.
  await fillTicket(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'STP', stop: '6715.00' });
  await page.getByTestId('ticket-mode-oco').click();
  await expect(page.getByTestId('ticket-oco-qty')).toHaveValue('1');
  await page.getByTestId('ticket-oco-side-sell').click();
  await page.getByTestId('ticket-oco-stop').fill('6709.00');
  expect(await sendWithKeyboard(page)).toBe('OCO: BUY 1 /ESZ25 STP 6,715.00 DAY / SELL 1 /ESZ25 STP 6,709.00 DAY');

  await expect(workingRows(page)).toHaveCount(2);
  await expect(workingRows(page).getByTestId('working-oco')).toHaveText(['OCO', 'OCO']);
  await expect(workingRows(page).getByTestId('working-trigger')).toHaveText(['ARMED', 'ARMED']);

  await feed!.update(esAt('6715.25', '6715.00'));
  await expect(workingRows(page)).toHaveCount(0);
  await expect(positionRow(page, '/ESZ25').getByTestId('position-qty')).toHaveText('1');
  const buy = ordersOfType(page, 'STP').filter({ hasText: 'BUY' });
  const sell = ordersOfType(page, 'STP').filter({ hasText: 'SELL' });
  await expect(buy.getByTestId('order-status')).toHaveText('FILLED');
  await expect(buy).toContainText('1 @ 6,715.25');
  await expect(sell.getByTestId('order-status')).toHaveText('CANCELED');
  await expect(sell.getByTestId('order-status-reason')).toHaveText(/^OCO: order \d+ filled$/);
});

test("a resting bracket's HELD children sit under their parent, edit in ticks, and cancel as a group", async ({ page, terminal }) => {
  await fillTicket(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'LMT', limit: '6700.00', tif: 'GTC' });
  await page.getByTestId('ticket-mode-bracket').click();
  await page.getByTestId('ticket-tp-ticks').fill('8');
  await page.getByTestId('ticket-sl-ticks').fill('8');
  // From the limit, the price the entry would fill at.
  await expect(page.getByTestId('ticket-tp-price')).toHaveText('6,702.00');
  await expect(page.getByTestId('ticket-sl-price')).toHaveText('6,698.00');
  await sendWithKeyboard(page);

  await expect(workingRows(page)).toHaveCount(3);
  const [parent, takeProfit, stopLoss] = [workingRows(page).nth(0), workingRows(page).nth(1), workingRows(page).nth(2)];
  await expect(parent).toHaveAttribute('data-status', 'WORKING');
  await expect(parent.getByTestId('working-trg')).toHaveText('TRG');
  await expect(takeProfit).toHaveClass(/child-row/);
  await expect(takeProfit.getByTestId('working-held')).toHaveText('HELD');
  await expect(stopLoss.getByTestId('working-held')).toHaveText('HELD');
  await expect(takeProfit.getByTestId('working-why')).toHaveText(/^held until order \d+ fills/);
  await expect(takeProfit.getByTestId('working-limit-ticks')).toHaveValue('+8');
  await expect(stopLoss.getByTestId('working-stop-ticks')).toHaveValue('-8');

  // The take-profit moved to 12 ticks, from the keyboard.
  await takeProfit.getByTestId('working-limit-ticks').press('ArrowUp');
  await takeProfit.getByTestId('working-limit-ticks').press('ArrowUp');
  await takeProfit.getByTestId('working-limit-ticks').press('ArrowUp');
  await takeProfit.getByTestId('working-limit-ticks').press('ArrowUp');
  await expect(takeProfit).toHaveClass(/editing/);
  await takeProfit.getByTestId('working-limit-ticks').press('Enter');
  await expect(takeProfit).not.toHaveClass(/editing/);
  await expect(takeProfit.getByTestId('working-limit-ticks')).toHaveValue('+12');
  if (terminal) expect(terminal.desk.ledger.orders({ accountId: 'main' }).map((o) => o.limitTicks?.toFixed() ?? null)).toEqual([null, '12', null]);

  await parent.getByTestId('working-cancel-group').click();
  await expect(workingRows(page)).toHaveCount(0);
  await expect(orderRows(page).getByTestId('order-status')).toHaveText(['CANCELED', 'CANCELED', 'CANCELED']);
});

test('at 1024x700 a bracket, its HELD children and a trailing stop keep every control in view', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await placeOrder(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'MKT' });
  await page.getByTestId('ticket-side-sell').click();
  await page.getByTestId('ticket-type').selectOption('TRAIL_STP_LMT');
  await page.getByTestId('ticket-trail-offset').fill('4');
  await page.getByTestId('ticket-trail-unit').selectOption('TICKS');
  await page.getByTestId('ticket-limit-offset').fill('0.50');
  expect(await sendWithKeyboard(page)).toBe('SELL 1 /ESZ25 TRAIL STP LMT 4 ticks MARK LMT OFF 0.50 DAY');
  await fillTicket(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'LMT', limit: '6700.00', tif: 'GTC' });
  await page.getByTestId('ticket-mode-bracket').click();
  await expect(page.getByTestId('ticket-tp-price')).toBeVisible();
  await sendWithKeyboard(page);
  await expect(workingRows(page)).toHaveCount(4);
  await expect(workingRows(page).getByTestId('working-trail-stop')).toHaveText(['STP 6,711.25']);

  const wrap = page.locator('.working .table-wrap');
  await expect.poll(() => wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const panel = (await wrap.boundingBox())!;
  for (const control of await workingRows(page).getByRole('button').all()) {
    const box = (await control.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(panel.x);
    expect(box.x + box.width).toBeLessThanOrEqual(Math.min(panel.x + panel.width, 1024));
  }
  for (const id of ['ticket-send', 'ticket-tp-ticks', 'ticket-sl-ticks', 'ticket-sl-price', 'positions-cancel-all']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.x + box.width, id).toBeLessThanOrEqual(1024);
    expect(box.y + box.height, id).toBeLessThanOrEqual(700);
  }
  await inViewOf(page, positionRow(page, '/ESZ25').getByTestId('position-reverse'));
  await page.screenshot({ path: test.info().outputPath('brackets-1024x700.png') });
});

async function inViewOf(page: Page, locator: ReturnType<Page['getByTestId']>): Promise<void> {
  const box = (await locator.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
}
