// The Journal screen against prices the spec writes to a CSV quote file: a tagged round trip appears with its
// statistics, an open trade's MFE moves with the quotes, a tag and a note are added in the detail, the tag filter
// narrows the table, and after a reset the RESET trade is listed but left out of the statistics. Screenshots of the
// journal go to test-results/screens/.
import { join } from 'node:path';
import { expectQuotes, MARKET, placeOrder } from './desk';
import { expect, test } from './fixtures';
import { SCREENS_DIR } from './paths';

test.use({ quotes: { kind: 'csv', lines: MARKET } });

test('trade, see the trade and its stats live, tag it, note it, filter by tag, reset', async ({ page, feed }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectQuotes(page, { AAPL: '199.99' });

  // A round trip with a tag from the ticket.
  await page.getByTestId('ticket-tags').fill('opening drive');
  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '10', type: 'MKT' });
  await feed!.update({ AAPL: { bid: '201.00', ask: '201.02', last: '201.01', mark: '201.01' } });
  await expectQuotes(page, { AAPL: '201.01' });
  await placeOrder(page, { symbol: 'AAPL', side: 'SELL', qty: '10', type: 'MKT' });

  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('journal')).toBeVisible();
  const rows = page.locator('[data-testid^="trade-row-"]');
  await expect(rows).toHaveCount(1);
  // Bought 10 at the ask 200.00, sold at the bid 201.00.
  await expect(rows.first().getByTestId('trade-net')).toHaveText('+10.00');
  await expect(rows.first().getByTestId('trade-tags')).toHaveText('opening drive');
  await expect(page.getByTestId('stat-net')).toHaveText('+10.00');
  await expect(page.getByTestId('stat-winrate')).toHaveText(/100\.0%\s*1 of 1/);
  await expect(page.getByTestId('group-row-opening drive')).toContainText('+10.00');
  // The charts are made after the figures painted, then drawn with main's points.
  for (const chart of ['chart-equity', 'chart-cumulative']) {
    await expect(page.getByTestId(chart)).toHaveAttribute('data-drawn', 'yes');
    await expect(page.getByTestId(chart).locator('canvas').first()).toBeVisible();
  }
  await expect(page.getByTestId('chart-cumulative')).toHaveAttribute('data-points', '1');

  // An open trade, live: its MFE follows the quotes while the journal is shown.
  await page.keyboard.press('Alt+1');
  await page.getByTestId('ticket-tags').fill('');
  await placeOrder(page, { symbol: 'MSFT', side: 'BUY', qty: '5', type: 'MKT' });
  await page.keyboard.press('Alt+2');
  await expect(rows).toHaveCount(2);
  const open = page.locator('[data-testid^="trade-row-"][data-status="OPEN"]');
  await expect(open).toHaveCount(1);
  await feed!.update({ MSFT: { bid: '412.00', ask: '412.02', last: '412.01', mark: '412.01' } });
  await expect(open.getByTestId('trade-mfe')).not.toHaveText('+0.00');
  // Still one closed trade in the statistics.
  await expect(page.getByTestId('stat-winrate')).toHaveText(/1 of 1/);

  // Tag the closed trade and write a note in its detail.
  await rows.filter({ hasText: 'AAPL' }).click();
  const detail = page.getByTestId('trade-detail');
  await expect(detail.getByTestId('detail-fill')).toHaveCount(2);
  await expect(detail.getByTestId('detail-fill').first()).toContainText(/MKT/);
  await detail.getByTestId('detail-tag-input').fill('A+');
  await detail.getByTestId('detail-tag-input').press('Enter');
  await expect(detail.getByTestId('detail-tags')).toContainText('A+');
  await detail.getByTestId('detail-note').fill('waited for the pullback');
  await detail.getByTestId('detail-note').press('Control+Enter');
  await expect(detail.getByTestId('detail-save-note')).toBeDisabled();
  await expect(rows.filter({ hasText: 'AAPL' }).getByTestId('trade-tags')).toHaveText('opening drive, A+');

  // Filter by tag: only the tagged trade.
  await page.getByTestId('filter-tag').selectOption('A+');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('journal-count')).toHaveText('1 trades');
  await page.screenshot({ path: join(SCREENS_DIR, 'journal-tagged.png') });
  await page.getByTestId('filter-tag').selectOption('*');
  await expect(rows).toHaveCount(2);
  await page.screenshot({ path: join(SCREENS_DIR, 'journal.png') });

  // Reset the account: the open MSFT trade ends as RESET, listed but not counted.
  await page.getByTestId('open-settings').click();
  await page.getByTestId('account-reset').click();
  await page.getByTestId('confirm-send').click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+2');
  await expect(page.locator('[data-testid^="trade-row-"][data-status="RESET"]')).toHaveCount(1);
  await expect(page.getByTestId('stat-winrate')).toHaveText(/1 of 1/);
  await expect(page.getByTestId('stat-net')).toHaveText('+10.00');
  await page.screenshot({ path: join(SCREENS_DIR, 'journal-after-reset.png') });
});
