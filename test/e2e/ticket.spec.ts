// The ticket's safety (issue 10, item 4): Enter in Symbol loads the symbol and moves to Qty, never sends, with the
// confirmation on or off; Treasury prices typed in 32nds in the ticket and in the pending-order editor reach the
// engine as their exact decimals and come back in 32nds in every text, the engine's "why not filled" included.
import { AAPL, expectQuotes, fillTicket, MSFT, orderRows, workingRows } from './desk';
import { expect, test } from './fixtures';
import type { QuoteLine } from './quoteFiles';

const ZN: QuoteLine = { symbol: '/ZNZ25', description: '10-Year T-Note', last: '110.515625', bid: '110.5', ask: '110.53125', mark: '110.515625', bidSize: 900, askSize: 1100, volume: 1500000, netChange: '-0.265625' };

test.use({ quotes: { kind: 'csv', lines: [AAPL, MSFT, ZN] } });

test.beforeEach(async ({ page }) => {
  await expectQuotes(page, { AAPL: '199.99', MSFT: '410.50', '/ZNZ25': "110'165" });
});

test('Enter in Symbol loads the symbol and moves to Qty; it never sends, confirmations off or on', async ({ page, terminal }) => {
  const off = await page.evaluate(() => window.thor!.updateSettings({ confirmOrders: false }));
  expect(off).toMatchObject({ ok: true, data: { confirmOrders: false } });
  await page.reload();
  await expectQuotes(page, { AAPL: '199.99' });

  // One order sent straight from the ticket (no confirmation): the ticket still holds it afterwards.
  await fillTicket(page, { symbol: 'AAPL', side: 'BUY', qty: '10', type: 'LMT', limit: '190.00', tif: 'GTC' });
  await expect(page.getByTestId('ticket-send')).toHaveText('Send BUY');
  await page.getByTestId('ticket-send').click();
  await expect(workingRows(page)).toHaveCount(1);

  // A new symbol, then Enter: the ticket shows MSFT, the cursor is in Qty, nothing was sent.
  const symbolBox = page.getByTestId('ticket-symbol');
  await symbolBox.fill('msft');
  await symbolBox.press('Enter');
  await expect(symbolBox).toHaveValue('MSFT');
  await expect(page.getByTestId('ticket-qty')).toBeFocused();
  await expect(page.getByTestId('ticket-quote')).toContainText('410.45');
  // The limit typed for AAPL did not ride along to MSFT.
  await expect(page.getByTestId('ticket-limit')).toHaveValue('');
  await expect(workingRows(page)).toHaveCount(1);
  await expect(orderRows(page)).toHaveCount(1);
  if (terminal) expect(terminal.desk.ledger.orders({ accountId: 'main' })).toHaveLength(1);

  // With confirmations on, Enter in Symbol does not open the confirmation either.
  const on = await page.evaluate(() => window.thor!.updateSettings({ confirmOrders: true }));
  expect(on).toMatchObject({ ok: true });
  await page.reload();
  await expectQuotes(page, { AAPL: '199.99' });
  await page.getByTestId('ticket-symbol').fill('AAPL');
  await page.getByTestId('ticket-symbol').press('Enter');
  await expect(page.getByTestId('ticket-qty')).toBeFocused();
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  // Enter in Qty goes on to the confirmation, as before.
  await page.getByTestId('ticket-qty').press('Enter');
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
});

test('32nds in the ticket and the pending-order editor', async ({ page, terminal }) => {
  await fillTicket(page, { symbol: '/ZNZ25', side: 'BUY', qty: '1', type: 'LMT', limit: "110'16", tif: 'GTC' });
  // The confirmation reads the order in 32nds.
  await page.getByTestId('ticket-send').click();
  await expect(page.getByTestId('confirm-text')).toHaveText("BUY 1 /ZNZ25 LMT 110'160 GTC");
  await page.getByTestId('confirm-send').click();
  await expect(workingRows(page)).toHaveCount(1);
  const working = workingRows(page).first();
  await expect(working.getByTestId('working-limit')).toHaveValue("110'160");
  await expect(working.getByTestId('working-why')).toHaveText("needs ask <= 110'160; ask is 110'170");
  if (terminal) expect(terminal.desk.ledger.orders({ accountId: 'main' })[0]?.limit?.toFixed()).toBe('110.5');

  // The editor takes a half 32nd written with + and the third digit alike.
  await working.getByTestId('working-limit').fill("110'08+");
  await working.getByTestId('working-limit').press('Enter');
  await expect(working.getByTestId('working-why')).toHaveText("needs ask <= 110'085; ask is 110'170");
  await expect(working.getByTestId('working-limit')).toHaveValue("110'085");
  if (terminal) expect(terminal.desk.ledger.orders({ accountId: 'main' })[0]?.limit?.toFixed()).toBe('110.265625');

  await working.getByTestId('working-limit').fill("110'125");
  await working.getByTestId('working-save').click();
  await expect(working.getByTestId('working-limit')).toHaveValue("110'125");
  if (terminal) expect(terminal.desk.ledger.orders({ accountId: 'main' })[0]?.limit?.toFixed()).toBe('110.390625');

  // ArrowUp steps by the tick, in 32nds.
  await working.getByTestId('working-limit').press('ArrowUp');
  await expect(working.getByTestId('working-limit')).toHaveValue("110'130");
});
