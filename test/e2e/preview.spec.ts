// The ticket's estimate stays true (issue 10, item 3): it is asked again when the account, its working orders or the
// symbol's quote change (here: orders placed and canceled elsewhere, a reset), and the confirmation shows what TOS's
// does: the account, the estimated cost or proceeds, commission and fees, the requirement, the buying power after
// and the preview's warning, for exactly the order being confirmed.
import type { OrderPreview, OrderView } from '../../src/shared/views';
import { formatMoney } from '../../src/shared/format';
import { AAPL, expectQuotes, fillTicket, MSFT, workingRows } from './desk';
import { expect, test } from './fixtures';
import type { QuoteLine } from './quoteFiles';

const ZN: QuoteLine = { symbol: '/ZNZ25', description: '10-Year T-Note', last: '110.515625', bid: '110.5', ask: '110.53125', mark: '110.515625', bidSize: 900, askSize: 1100, volume: 1500000, netChange: '-0.265625' };

test.use({ quotes: { kind: 'csv', lines: [AAPL, MSFT, ZN] } });

test.beforeEach(async ({ page }) => {
  await expectQuotes(page, { AAPL: '199.99', MSFT: '410.50' });
});

test('the preview is asked again after orders elsewhere, cancel all and a reset', async ({ page, terminal }) => {
  test.skip(!terminal, 'places orders behind the window through the browser host');
  await fillTicket(page, { symbol: 'AAPL', side: 'BUY', qty: '400', type: 'LMT', limit: '190.00', tif: 'GTC' });
  await expect(page.getByTestId('preview-cost')).toHaveText('76,000.00');
  await expect(page.getByTestId('preview-warning')).toHaveCount(0);

  // Working orders placed behind the ticket (another window, the scenario of a busy morning) until buying power runs
  // out: the ticket's estimate follows without a keystroke.
  for (let i = 0; i < 20; i++) {
    const placed = await terminal!.handle('placeOrder', { account: 'main', symbol: 'MSFT', side: 'BUY', qty: '100', orderType: 'LMT', limit: '400', tif: 'GTC' });
    if (!placed.ok || (placed.data as OrderView).status === 'REJECTED') break;
  }
  await expect(page.getByTestId('preview-warning')).toContainText(/buying power/);
  await expect(page.getByTestId('preview-bp-after')).toHaveText(/^-/);

  await page.getByTestId('cancel-all').click();
  await expect(workingRows(page)).toHaveCount(0);
  await expect(page.getByTestId('preview-warning')).toHaveCount(0);
  await expect(page.getByTestId('preview-bp-after')).not.toHaveText(/^-/);

  // A reset to a small balance warns at once, and a reset back clears the warning.
  expect(await terminal!.handle('resetAccount', { account: 'main', startingBalance: '10000' })).toMatchObject({ ok: true });
  await expect(page.getByTestId('preview-warning')).toContainText(/buying power/);
  expect(await terminal!.handle('resetAccount', { account: 'main', startingBalance: '100000' })).toMatchObject({ ok: true });
  await expect(page.getByTestId('preview-warning')).toHaveCount(0);
});

test("the confirmation shows the account, the cost, commission and fees, the requirement and buying power after", async ({ page, terminal }) => {
  await fillTicket(page, { symbol: 'AAPL', side: 'BUY', qty: '10', type: 'MKT' });
  await page.getByTestId('ticket-send').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByTestId('confirm-text')).toHaveText('BUY 10 AAPL MKT DAY');
  await expect(dialog.getByTestId('confirm-account')).toHaveText('main');
  await expect(dialog.getByTestId('confirm-figures')).toContainText('Est. cost');
  await expect(dialog.getByTestId('confirm-cost')).toHaveText('2,000.00');
  await expect(dialog.getByTestId('confirm-commission')).toHaveText('0.00');
  if (terminal) {
    const preview = await terminal.handle('previewOrder', { account: 'main', symbol: 'AAPL', side: 'BUY', qty: '10', orderType: 'MKT', tif: 'DAY' });
    if (!preview.ok) throw new Error(preview.error.message);
    const figures = preview.data as OrderPreview;
    await expect(dialog.getByTestId('confirm-requirement')).toHaveText(formatMoney(figures.requirement));
    await expect(dialog.getByTestId('confirm-bp-after')).toHaveText(formatMoney(figures.buyingPowerAfter));
  }
  await expect(dialog.getByTestId('confirm-warning')).toHaveCount(0);
  await dialog.getByTestId('confirm-cancel').click();

  // A sale shows proceeds; a future its commission and its margin.
  await fillTicket(page, { symbol: '/ZNZ25', side: 'SELL', qty: '2', type: 'MKT' });
  await page.getByTestId('ticket-send').click();
  await expect(dialog.getByTestId('confirm-text')).toHaveText('SELL 2 /ZNZ25 MKT DAY');
  await expect(dialog.getByTestId('confirm-commission')).toHaveText('4.50');
  await expect(dialog.getByTestId('confirm-requirement')).toHaveText('5,000.00');
  await dialog.getByTestId('confirm-cancel').click();

  // Beyond buying power: the confirmation carries the preview's warning.
  await fillTicket(page, { symbol: 'AAPL', side: 'BUY', qty: '10000', type: 'MKT' });
  await page.getByTestId('ticket-send').click();
  await expect(dialog.getByTestId('confirm-warning')).toContainText(/insufficient buying power/);
  await expect(dialog.getByTestId('confirm-bp-after')).toHaveText(/^-/);
  await expect(dialog.getByTestId('confirm-bp-after')).toHaveClass(/down/);
});
