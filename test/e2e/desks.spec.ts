// One desk per market: a position opened on the practice feed's prices stays on the practice desk. Choosing the
// trader's quote file shows the live desk (its own ledger: no practice position, nothing marked at the file's
// prices); choosing the practice feed again brings the practice desk back as it was; a restart keeps both. The
// banner always names the desk shown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { banner, expectQuotes, MARKET, placeOrder, positionRow } from './desk';
import { expect, test, type Page } from './fixtures';
import { quoteFileBytes } from './quoteFiles';

/** Settings > Data source: the practice feed, or a quote file by path; Apply, then back to the trading screen. */
async function chooseSource(page: Page, source: 'practice' | { file: string }): Promise<void> {
  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('settings');
  await expect(settings).toBeVisible();
  if (source === 'practice') await settings.getByTestId('settings-source-practice').check();
  else await settings.getByTestId('settings-source-path').fill(source.file);
  await settings.getByTestId('settings-source-apply').click();
  await expect(settings.getByTestId('settings-source-status')).toContainText(source === 'practice' ? 'practice' : 'csv');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
}

test('the practice and live desks keep apart across source switches and a restart', async ({ page, restart }) => {
  // A folder of its own: the watcher looks at the file's folder, which must not be the ledger's.
  const dir = mkdtempSync(join(tmpdir(), 'thor-e2e-desks-'));
  const file = { file: join(dir, 'quotes.csv') };
  writeFileSync(file.file, await quoteFileBytes('csv', MARKET));
  try {
    const desk = page.getByTestId('banner-desk');
    await expect(desk).toHaveText('Practice');
    await expect(page.getByTestId('quote-row-SPY')).toBeVisible();
    await placeOrder(page, { symbol: 'SPY', side: 'BUY', qty: '10', type: 'MKT' });
    await expect(positionRow(page, 'SPY').getByTestId('position-qty')).toHaveText('10');

    await chooseSource(page, file);
    await expect(desk).toHaveText('Live (TOS)');
    // The live desk keeps exchange hours (ENGINE.md 14); this spec trades at whatever hour it runs.
    await expect(page.getByTestId('banner-market')).toBeVisible();
    expect(await page.evaluate(() => window.thor!.updateSettings({ marketHours: 'always' }))).toMatchObject({ ok: true });
    await expectQuotes(page, { AAPL: '199.99', MSFT: '410.50' });
    await expect(positionRow(page, 'SPY')).toHaveCount(0);
    await expect(banner(page, 'cash')).toHaveText('100,000.00');
    await expect(page.getByTestId('banner-ok')).toHaveText('OK to trade');
    await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '5', type: 'MKT' });
    await expect(positionRow(page, 'AAPL').getByTestId('position-qty')).toHaveText('5');

    await chooseSource(page, 'practice');
    await expect(desk).toHaveText('Practice');
    await expect(positionRow(page, 'SPY').getByTestId('position-qty')).toHaveText('10');
    await expect(positionRow(page, 'AAPL')).toHaveCount(0);

    const again = (await restart()).page;
    await expect(again.getByTestId('banner-desk')).toHaveText('Practice');
    await expect(positionRow(again, 'SPY').getByTestId('position-qty')).toHaveText('10');
    await chooseSource(again, file);
    await expect(again.getByTestId('banner-desk')).toHaveText('Live (TOS)');
    await expect(positionRow(again, 'AAPL').getByTestId('position-qty')).toHaveText('5');
    await expect(positionRow(again, 'SPY')).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
