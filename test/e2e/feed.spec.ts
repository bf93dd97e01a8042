// Prices from a TOS RTD workbook the spec rewrites on disk (temp file renamed over it, as Excel saves): the
// watchlist follows each rewrite, and so do the position's mark, its P/L Open and the banner. Treasury futures show
// in 32nds, as TOS shows them.
import { AAPL, banner, expectQuotes, fillRows, MSFT, orderRows, placeOrder, positionRow, sendWithKeyboard } from './desk';
import { expect, test } from './fixtures';
import type { QuoteLine } from './quoteFiles';

/** ZN ticks in half 32nds (a third digit always shown), ZB in whole 32nds. */
const ZN: QuoteLine = { symbol: '/ZNZ25', description: '10-Year T-Note', last: '110.515625', bid: '110.5', ask: '110.53125', mark: '110.515625', bidSize: 900, askSize: 1100, volume: 1500000, netChange: '-0.265625' };
const ZB: QuoteLine = { symbol: '/ZBZ25', description: '30-Year T-Bond', last: '117.4375', bid: '117.40625', ask: '117.4375', mark: '117.4375', bidSize: 120, askSize: 80, volume: 310000, netChange: '0.5' };

test.use({ quotes: { kind: 'xlsx', lines: [AAPL, MSFT, ZN, ZB] } });

test('a workbook rewritten on disk changes the watchlist and the position P/L', async ({ page, feed }) => {
  await expectQuotes(page, { AAPL: '199.99', MSFT: '410.50' });
  await expect(page.getByTestId('source-status')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('source-status')).toContainText('Workbook');

  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '10', type: 'MKT' });
  const position = positionRow(page, 'AAPL');
  await expect(position.getByTestId('position-qty')).toHaveText('10');
  await expect(position.getByTestId('position-pl-open')).toHaveText('-0.10');

  // Up: 10 x (205.00 - 200.00).
  await feed!.update({ AAPL: { last: '205.00', bid: '204.99', ask: '205.01', mark: '205.00', netChange: '6.26' } });
  const last = page.getByTestId('quote-row-AAPL').getByTestId('quote-last');
  await expect(last).toHaveText('205.00');
  await expect(last).toHaveClass(/flash-up/);
  await expect(page.getByTestId('quote-row-AAPL').getByTestId('quote-bid')).toHaveText('204.99');
  await expect(position.getByTestId('position-pl-open')).toHaveText('+50.00');
  await expect(position.getByTestId('position-pl-open')).toHaveClass(/\bup\b/);
  await expect(banner(page, 'plopen')).toHaveText('+50.00');
  await expect(banner(page, 'netliq')).toHaveText('100,050.00');
  // MSFT did not change.
  await expectQuotes(page, { MSFT: '410.50' });

  // Down: 10 x (198.50 - 200.00).
  await feed!.update({ AAPL: { last: '198.50', bid: '198.49', ask: '198.51', mark: '198.50' } });
  await expect(last).toHaveText('198.50');
  await expect(last).toHaveClass(/flash-down/);
  await expect(position.getByTestId('position-pl-open')).toHaveText('-15.00');
  await expect(position.getByTestId('position-pl-open')).toHaveClass(/\bdown\b/);
  await expect(banner(page, 'netliq')).toHaveText('99,985.00');

  // A row added to the workbook joins the watchlist, after the others.
  await feed!.write([...feed!.quotes, { symbol: 'NVDA', last: '120.25', bid: '120.24', ask: '120.26' }]);
  await expectQuotes(page, { NVDA: '120.25' });
  await expect(page.locator('[data-testid^="quote-row-"]').last()).toHaveAttribute('data-testid', 'quote-row-NVDA');
});

test('Treasury futures show in 32nds in the watchlist', async ({ page }) => {
  const zn = page.getByTestId('quote-row-/ZNZ25');
  await expect(zn.getByTestId('quote-last')).toHaveText("110'165");
  await expect(zn.getByTestId('quote-bid')).toHaveText("110'160");
  await expect(zn.getByTestId('quote-ask')).toHaveText("110'170");
  await expect(zn).toContainText("-0'085");
  const zb = page.getByTestId('quote-row-/ZBZ25');
  await expect(zb.getByTestId('quote-last')).toHaveText("117'14");
  await expect(zb.getByTestId('quote-bid')).toHaveText("117'13");
  await expect(zb).toContainText("+0'16");
  // Stocks stay in decimals beside them.
  await expectQuotes(page, { AAPL: '199.99' });

  // A click on the ZN bid stages the limit in 32nds, as TOS's ticket shows it (the window sends its decimal).
  await zn.getByTestId('quote-bid').click();
  await expect(page.getByTestId('ticket-limit')).toHaveValue("110'160");
  await expect(page.locator('.price-hint')).toHaveCount(0);
  // A decimal typed instead shows its 32nds beside the field.
  await page.getByTestId('ticket-limit').fill('110.5');
  await expect(page.locator('.price-hint')).toHaveText("110'160");
  await expect(page.getByTestId('ticket-quote')).toContainText("110'160");

  // Sold at the bid: every table shows the price the same way, its third digit included.
  await page.getByTestId('ticket-type').selectOption('MKT');
  await page.getByTestId('ticket-qty').fill('2');
  await sendWithKeyboard(page);
  const position = positionRow(page, '/ZNZ25');
  await expect(position.getByTestId('position-qty')).toHaveText('-2');
  await expect(position).toContainText("110'160");
  await expect(page.getByTestId('toast').filter({ hasText: "Filled SELL 2 /ZNZ25 @ 110'160" })).toBeVisible();
  await expect(orderRows(page).first()).toContainText("2 @ 110'160");
  await page.getByTestId('tab-fills').click();
  await expect(fillRows(page).first()).toContainText("110'160");
});
