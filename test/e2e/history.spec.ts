// The History screen (issue 12) against prices the spec writes to a CSV quote file: orders placed, edited, canceled
// and filled from the trading screen show on today's history with their trails (what the edit changed, the fill with
// its exec id, the cancel), fills with exec id, date and time in New York time; then an earlier trading day, written
// to the ledger before the services restarted, shows its order, its fill and the reset where it happened.
import { join } from 'node:path';
import { PaperDesk } from '../../src/main/desk/desk';
import { Dec } from '../../src/main/engine/decimal';
import { expectQuotes, MARKET, placeOrder, workingRows } from './desk';
import { expect, test } from './fixtures';
import { SCREENS_DIR } from './paths';

test.use({ quotes: { kind: 'csv', lines: MARKET } });

/** A Tuesday long past: its trading day is 2026-01-06 (17:00 New York on Monday to 17:00 on Tuesday). */
const EARLIER = Date.parse('2026-01-06T15:00:00Z'); // 10:00 New York

test('orders and fills of today with their trails, then an earlier day with its reset', async ({ page, restart, dataDir, terminal, feed }) => {
  test.skip(!terminal, 'writes the earlier day into the ledger beside the browser host');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectQuotes(page, { AAPL: '199.99', MSFT: '410.50' });

  // An earlier day in the same ledger: a fill at 10:00 New York and a reset an hour later, on a clock of its own.
  let clock = EARLIER;
  const earlier = await PaperDesk.open({ path: join(dataDir, 'ledger.db'), clock: { now: () => clock } });
  earlier.applyQuote({ symbol: 'IBM', bid: new Dec('150.00'), ask: new Dec('150.10'), last: new Dec('150.05'), time: EARLIER });
  expect(earlier.placeOrder({ account: 'main', symbol: 'IBM', side: 'BUY', qty: '3', orderType: 'MKT', tif: 'DAY' })).toMatchObject({ ok: true, value: { status: 'FILLED' } });
  clock = EARLIER + 3_600_000;
  expect(earlier.resetAccount('main').ok).toBe(true);
  earlier.close();
  ({ page } = await restart());
  await expectQuotes(page, { AAPL: '199.99', MSFT: '410.50' });

  // Today: a limit edited then filled, a limit canceled, a market order filled.
  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '100', type: 'LMT', limit: '195.00', tif: 'GTC' });
  const working = workingRows(page).filter({ hasText: 'AAPL' });
  await working.getByTestId('working-qty').fill('50');
  await working.getByTestId('working-limit').fill('196.50');
  await working.getByTestId('working-limit').press('Enter');
  await expect(working.getByTestId('working-limit')).toHaveValue('196.50');
  await placeOrder(page, { symbol: 'MSFT', side: 'SELL', qty: '5', type: 'LMT', limit: '420.00', tif: 'GTC' });
  await workingRows(page).filter({ hasText: 'MSFT' }).getByTestId('working-cancel').click();
  await expect(workingRows(page).filter({ hasText: 'MSFT' })).toHaveCount(0);
  await feed!.update({ AAPL: { last: '196.40', bid: '196.30', ask: '196.45', mark: '196.40' } });
  await expect(workingRows(page)).toHaveCount(0);
  await placeOrder(page, { symbol: 'MSFT', side: 'BUY', qty: '2', type: 'MKT' });

  await page.keyboard.press('Alt+3');
  const history = page.getByTestId('history');
  await expect(history).toBeVisible();
  await expect(page.getByTestId('history-today')).toHaveAttribute('aria-pressed', 'true');
  const orders = history.locator('[data-testid^="history-order-"]');
  await expect(orders).toHaveCount(3);
  // Newest first: the MKT, the canceled MSFT limit, the edited AAPL limit.
  await expect(orders.getByTestId('history-status')).toHaveText(['FILLED', 'CANCELED', 'FILLED']);
  await expect(orders.nth(0).getByTestId('history-placed')).toHaveText(/^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d$/);

  // A click opens the edited order's trail: what the edit changed, and the fill with its exec id.
  await orders.nth(2).click();
  await expect(orders.nth(2)).toHaveAttribute('aria-expanded', 'true');
  const aaplId = (await orders.nth(2).getAttribute('data-testid'))!.replace('history-order-', '');
  const trail = history.getByTestId(`order-trail-${aaplId}`).getByTestId('trail-event');
  await expect(trail).toHaveCount(3);
  await expect(trail.nth(0)).toContainText('ACCEPTED accepted');
  await expect(trail.nth(1)).toContainText('REPLACED limit 195.00 → 196.50, qty 100 → 50');
  await expect(trail.nth(2)).toContainText(/FILLED filled 50 @ 196\.50 \(exec \d+\)/);
  await expect(trail.nth(0)).toContainText(/\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d/);

  // Keyboard: the list takes the arrows (the cursor is on the clicked order), Enter opens the canceled order's trail.
  await history.getByTestId('history-list').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const msftId = (await orders.nth(1).getAttribute('data-testid'))!.replace('history-order-', '');
  await expect(history.getByTestId(`order-trail-${msftId}`).getByTestId('trail-event')).toHaveText([/ACCEPTED accepted/, /CANCELED canceled$/]);

  // Fills: exec id, date and time (New York).
  await page.getByTestId('history-tab-fills').click();
  const fills = history.locator('[data-testid^="history-fill-"]');
  await expect(fills).toHaveCount(2);
  await expect(fills.nth(0).getByTestId('history-exec-id')).toHaveText(/^\d+$/);
  await expect(fills.nth(0).getByTestId('history-date')).toHaveText(/^\d\d\/\d\d\/\d\d$/);
  await expect(fills.nth(0).getByTestId('history-time')).toHaveText(/^\d\d:\d\d:\d\d$/);
  await page.screenshot({ path: join(SCREENS_DIR, 'history-today.png') });

  // The earlier day: its fill at 10:00 New York with exec id 1, and the reset an hour later, where it happened.
  await page.getByTestId('history-from').fill('2026-01-06');
  await page.getByTestId('history-to').fill('2026-01-06');
  await page.getByTestId('history-to').press('Enter');
  await expect(page.getByTestId('history-range')).toContainText('2026-01-06');
  await expect(fills).toHaveCount(1);
  await expect(fills.first().getByTestId('history-exec-id')).toHaveText('1');
  await expect(fills.first().getByTestId('history-date')).toHaveText('01/06/26');
  await expect(fills.first().getByTestId('history-time')).toHaveText('10:00:00');
  await expect(history.getByTestId('history-reset')).toHaveText(/reset to 100,000\.00 .* 01\/06\/26 11:00:00 ET/);
  await page.getByTestId('history-tab-orders').click();
  await expect(orders).toHaveCount(1);
  await expect(orders.first()).toContainText('IBM');
  await expect(orders.first().getByTestId('history-placed')).toHaveText('01/06/26 10:00:00');
  // The reset sits above the order it came after (newest first).
  const rows = history.locator('tbody tr:not(.spacer-row)');
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'history-reset');
  await expect(rows.nth(1)).toHaveAttribute('data-testid', /^history-order-/);
  await page.screenshot({ path: join(SCREENS_DIR, 'history-earlier-day.png') });

  // Back to today with one click; at 1024 x 700 (a window beside TOS) the range bar, the rows and a trail are in view.
  await page.getByTestId('history-today').click();
  await expect(orders).toHaveCount(3);
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.getByTestId('history-tab-fills')).toBeInViewport();
  await expect(orders.nth(2).getByTestId('history-status')).toBeInViewport();
  await orders.nth(2).click();
  await expect(history.getByTestId(`order-trail-${aaplId}`).getByTestId('trail-event').nth(1)).toBeInViewport();
  await page.screenshot({ path: join(SCREENS_DIR, 'history-1024.png') });
});
