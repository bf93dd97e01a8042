// Orders through the ticket, against prices the spec writes to a CSV quote file: a market order fills at the ask
// and moves the position, the banner and the fills; a resting limit is edited, then fills when the file's prices
// come through it; cancel and cancel all; a rejected order says why; bad input sends nothing; a click on the bid or
// the ask stages a limit order at that price.
import { banner, expectQuotes, fillRows, fillTicket, MARKET, orderRows, placeOrder, positionRow, sendWithKeyboard, workingRows } from './desk';
import { expect, test } from './fixtures';

test.use({ quotes: { kind: 'csv', lines: MARKET } });

test.beforeEach(async ({ page }) => {
  await expectQuotes(page, { AAPL: '199.99', MSFT: '410.50' });
});

test('a MKT order from the keyboard fills at the ask: position, banner and fills change', async ({ page, terminal }) => {
  await expect(banner(page, 'cash')).toHaveText('100,000.00');
  await expect(banner(page, 'netliq')).toHaveText('100,000.00');
  await expect(page.getByTestId('tab-fills')).toHaveText(/Fills\s*0/);

  await fillTicket(page, { symbol: 'aapl', side: 'BUY', qty: '10', type: 'MKT' });
  await expect(page.getByTestId('ticket-send')).toHaveText('Review order');
  // The engine's estimate at the ask, before anything is sent.
  await expect(page.getByTestId('preview-cost')).toHaveText('2,000.00');
  expect(await sendWithKeyboard(page)).toBe('BUY 10 AAPL MKT DAY');

  const row = positionRow(page, 'AAPL');
  await expect(row.getByTestId('position-qty')).toHaveText('10');
  // Bought at the ask 200.00, marked at 199.99: -0.10.
  await expect(row.getByTestId('position-pl-open')).toHaveText('-0.10');
  await expect(banner(page, 'cash')).toHaveText('98,000.00');
  await expect(banner(page, 'netliq')).toHaveText('99,999.90');
  await expect(banner(page, 'plopen')).toHaveText('-0.10');
  await expect(page.getByTestId('toast').filter({ hasText: 'Filled BUY 10 AAPL @ 200.00' })).toBeVisible();

  await expect(page.getByTestId('tab-fills')).toHaveText(/Fills\s*1/);
  await page.getByTestId('tab-fills').click();
  await expect(fillRows(page)).toHaveCount(1);
  const fill = fillRows(page).first();
  await expect(fill).toContainText('AAPL');
  await expect(fill).toContainText('BUY');
  await expect(fill).toContainText('200.00');
  await expect(fill.getByTestId('fill-reason')).toHaveText(/ask 200\.00/);
  if (terminal) expect(terminal.desk.ledger.fills({ accountId: 'main' })).toHaveLength(1);
});

test('a resting LMT is edited in the pending-order editor, then fills when the file trades through it', async ({ page, feed }) => {
  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '100', type: 'LMT', limit: '195.00', tif: 'GTC' });
  await expect(workingRows(page)).toHaveCount(1);
  const working = workingRows(page).first();
  await expect(working.getByTestId('working-why')).toHaveText(/ask <= 195\.00/);

  // The editor: quantity and limit, saved with Enter.
  await working.getByTestId('working-qty').fill('50');
  await working.getByTestId('working-limit').fill('196.50');
  await expect(working).toHaveClass(/editing/);
  await working.getByTestId('working-limit').press('Enter');
  await expect(working).not.toHaveClass(/editing/);
  await expect(working.getByTestId('working-qty')).toHaveValue('50');
  await expect(working.getByTestId('working-limit')).toHaveValue('196.50');
  await expect(working.getByTestId('working-why')).toHaveText(/ask <= 196\.50/);
  await expect(positionRow(page, 'AAPL')).toHaveCount(0);

  // Prices come down through the limit: the order fills at its limit, the working row goes, a fill row comes.
  await feed!.update({ AAPL: { last: '196.40', bid: '196.30', ask: '196.45', mark: '196.40' } });
  await expectQuotes(page, { AAPL: '196.40' });
  await expect(workingRows(page)).toHaveCount(0);
  await expect(page.getByText('No working orders.')).toBeVisible();
  await expect(positionRow(page, 'AAPL').getByTestId('position-qty')).toHaveText('50');
  await page.getByTestId('tab-fills').click();
  await expect(fillRows(page)).toHaveCount(1);
  await expect(fillRows(page).first()).toContainText('50');
  await expect(fillRows(page).first().getByTestId('fill-reason')).toHaveText(/LMT BUY.*196\.50/);
  // 50 x 196.50 = 9,825.00 paid.
  await expect(banner(page, 'cash')).toHaveText('90,175.00');
});

test('cancel one working order, then cancel all', async ({ page, terminal }) => {
  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '10', type: 'LMT', limit: '190.00', tif: 'GTC' });
  await placeOrder(page, { symbol: 'MSFT', side: 'SELL', qty: '5', type: 'LMT', limit: '420.00', tif: 'GTC' });
  await placeOrder(page, { symbol: 'MSFT', side: 'BUY', qty: '7', type: 'LMT', limit: '400.00', tif: 'DAY' });
  await expect(workingRows(page)).toHaveCount(3);
  await expect(page.getByTestId('cancel-all')).toBeEnabled();

  const aapl = workingRows(page).filter({ hasText: 'AAPL' });
  await aapl.getByTestId('working-cancel').click();
  await expect(workingRows(page)).toHaveCount(2);
  await expect(workingRows(page).filter({ hasText: 'AAPL' })).toHaveCount(0);

  await page.getByTestId('cancel-all').click();
  await expect(workingRows(page)).toHaveCount(0);
  await expect(page.getByTestId('cancel-all')).toBeDisabled();
  await expect(orderRows(page).getByTestId('order-status')).toHaveText(['CANCELED', 'CANCELED', 'CANCELED']);
  if (terminal) expect([...terminal.desk.state.workingOrdersOf('main')]).toHaveLength(0);
  // Nothing filled.
  await expect(page.getByTestId('tab-fills')).toHaveText(/Fills\s*0/);
});

test('an order beyond buying power is rejected and says why', async ({ page }) => {
  await fillTicket(page, { symbol: 'AAPL', side: 'BUY', qty: '10000', type: 'MKT' });
  // The preview warns before sending.
  await expect(page.getByTestId('preview-warning')).toContainText(/buying power/i);
  await sendWithKeyboard(page);

  await expect(page.getByTestId('ticket-error')).toHaveText(/^Rejected: .*buying power/i);
  await expect(page.getByTestId('toast').filter({ hasText: /^Rejected BUY 10,000 AAPL: .*buying power/i })).toBeVisible();
  await expect(page.getByTestId('tab-orders')).toHaveText(/Orders today\s*1/);
  const order = orderRows(page).first();
  await expect(order.getByTestId('order-status')).toHaveText('REJECTED');
  await expect(order.getByTestId('order-reject-reason')).toHaveText(/buying power/i);
  await expect(positionRow(page, 'AAPL')).toHaveCount(0);
  await expect(banner(page, 'cash')).toHaveText('100,000.00');
});

test('bad input in the ticket shows why and sends nothing', async ({ page, terminal }) => {
  const sent = () => terminal?.desk.ledger.orders({ accountId: 'main' }).length;
  const tryToSend = async () => {
    await page.getByTestId('ticket-send').click();
    const dialog = page.getByTestId('confirm-dialog');
    // The confirmation may show the order in words; confirm it anyway: the desk must still refuse it.
    await dialog.getByTestId('confirm-send').click();
    await expect(dialog).toBeHidden();
  };

  await fillTicket(page, { symbol: 'AAPL', side: 'BUY', qty: '0', type: 'MKT' });
  await expect(page.getByTestId('ticket-error')).toHaveText(/qty must be a whole number from 1/);
  await tryToSend();
  await expect(page.getByTestId('ticket-error')).toHaveText(/qty must be a whole number from 1/);

  await fillTicket(page, { symbol: 'AAPL', qty: '10', type: 'LMT', limit: '' });
  await expect(page.getByTestId('ticket-error')).toHaveText(/a LMT order needs a limit price/);
  await tryToSend();
  await expect(page.getByTestId('ticket-error')).toHaveText(/a LMT order needs a limit price/);

  await fillTicket(page, { symbol: 'AAPL', qty: '10', type: 'LMT', limit: '199.995' });
  await expect(page.getByTestId('ticket-error')).toHaveText(/tick/);
  await tryToSend();
  await expect(page.getByTestId('ticket-error')).toHaveText(/tick/);

  await expect(page.getByTestId('tab-orders')).toHaveText(/Orders today\s*0/);
  await expect(page.getByText('No orders today.')).toBeVisible();
  await expect(workingRows(page)).toHaveCount(0);
  if (terminal) expect(sent()).toBe(0);
});

test('a click on the bid stages SELL LMT at the bid, on the ask BUY LMT at the ask', async ({ page }) => {
  await page.getByTestId('ticket-type').selectOption('MKT');
  await page.getByTestId('ticket-qty').fill('25');

  await page.getByTestId('quote-row-MSFT').getByTestId('quote-bid').click();
  await expect(page.getByTestId('ticket-symbol')).toHaveValue('MSFT');
  await expect(page.getByTestId('ticket-side-sell')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('ticket-type')).toHaveValue('LMT');
  await expect(page.getByTestId('ticket-limit')).toHaveValue('410.45');
  // The quantity the trader set stays.
  await expect(page.getByTestId('ticket-qty')).toHaveValue('25');
  await expect(page.getByTestId('quote-row-MSFT')).toHaveClass(/selected/);

  await page.getByTestId('quote-row-AAPL').getByTestId('quote-ask').click();
  await expect(page.getByTestId('ticket-symbol')).toHaveValue('AAPL');
  await expect(page.getByTestId('ticket-side-buy')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('ticket-type')).toHaveValue('LMT');
  await expect(page.getByTestId('ticket-limit')).toHaveValue('200.00');
  await expect(page.getByTestId('ticket-send')).toHaveText('Review order');
  await page.getByTestId('ticket-send').click();
  await expect(page.getByTestId('confirm-text')).toHaveText('BUY 25 AAPL LMT 200.00 DAY');
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('confirm-dialog')).toBeHidden();
});
