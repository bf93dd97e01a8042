// Slippage in the ticket's estimate and in the fill (issue 10): with 2 ticks of slippage, a market BUY of a stock is
// previewed at the ask plus 2 ticks, and fills at exactly the price the preview showed.
import { AAPL, expectQuotes, fillRows, fillTicket, MSFT } from './desk';
import { expect, test } from './fixtures';

test.use({ quotes: { kind: 'csv', lines: [AAPL, MSFT] } });

test('a market buy is previewed at the ask plus the slippage and fills at that price', async ({ page }) => {
  await expectQuotes(page, { AAPL: '199.99' });
  const set = await page.evaluate(() => window.thor!.updateSettings({ slippageTicks: '2' }));
  expect(set).toMatchObject({ ok: true, data: { slippageTicks: '2' } });

  // AAPL's ask is 200.00 and a stock's tick 0.01: 2 ticks above it.
  await fillTicket(page, { symbol: 'AAPL', side: 'BUY', qty: '1', type: 'MKT' });
  const preview = page.getByTestId('preview-price');
  await expect(preview).toHaveText('200.02');
  const previewed = (await preview.textContent()) ?? '';

  await page.getByTestId('ticket-send').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByTestId('confirm-text')).toHaveText('BUY 1 AAPL MKT DAY');
  await dialog.getByTestId('confirm-send').click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('tab-fills')).toHaveText(/Fills\s*1/);
  await page.getByTestId('tab-fills').click();
  await expect(fillRows(page)).toHaveCount(1);
  await expect(fillRows(page).first().getByTestId('fill-price')).toHaveText(previewed);
});
