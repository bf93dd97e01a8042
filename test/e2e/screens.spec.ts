// Screenshots of the trading screen at 1440x900 for a person to look at (test-results/screens/): a fresh account
// with quotes, the same desk with positions and working orders, and Settings open. Each is taken once the page
// shows what it is meant to show.
import { join } from 'node:path';
import { AAPL, expectQuotes, MSFT, placeOrder, positionRow, workingRows } from './desk';
import { expect, test, type Page } from './fixtures';
import { SCREENS_DIR } from './paths';
import type { QuoteLine } from './quoteFiles';

const quote = (symbol: string, description: string, last: number, spread: number, netChange: number, volume: number): QuoteLine => ({
  symbol,
  description,
  last: last.toFixed(2),
  bid: (last - spread).toFixed(2),
  ask: (last + spread).toFixed(2),
  mark: last.toFixed(2),
  bidSize: 100 + Math.round(last) % 700,
  askSize: 200 + Math.round(last * 3) % 500,
  volume,
  netChange: netChange.toFixed(2),
});

const MARKET: QuoteLine[] = [
  AAPL,
  MSFT,
  quote('NVDA', 'NVIDIA Corp', 120.25, 0.01, 3.4, 41_200_000),
  quote('AMZN', 'Amazon.com Inc', 186.4, 0.02, -0.85, 22_100_000),
  quote('TSLA', 'Tesla Inc', 251.3, 0.05, -6.12, 60_300_000),
  quote('SPY', 'SPDR S&P 500 ETF Trust', 612.18, 0.01, 1.94, 48_000_000),
  quote('QQQ', 'Invesco QQQ Trust', 528.77, 0.02, 2.51, 31_700_000),
  quote('JPM', 'JPMorgan Chase & Co', 242.06, 0.03, 0.0, 7_900_000),
  { symbol: '/ESZ25', description: 'E-mini S&P 500 Dec 25', last: '6712.25', bid: '6712.00', ask: '6712.25', mark: '6712.25', bidSize: 14, askSize: 22, volume: 1_204_000, netChange: '18.50' },
  { symbol: '/ZNZ25', description: '10-Year T-Note Dec 25', last: '110.515625', bid: '110.5', ask: '110.53125', mark: '110.515625', bidSize: 900, askSize: 1100, volume: 1_500_000, netChange: '-0.265625' },
  { symbol: '/CLZ25', description: 'Crude Oil Dec 25', last: '61.42', bid: '61.41', ask: '61.43', mark: '61.42', bidSize: 8, askSize: 11, volume: 240_000, netChange: '-0.77' },
];

test.use({ quotes: { kind: 'csv', lines: MARKET } });

/** main-empty.png from the chromium project; electron-main-empty.png from the Electron app. */
async function shoot(page: Page, name: string): Promise<void> {
  const project = test.info().project.name;
  // The toasts of the orders just placed would cover the fills; a click dismisses each.
  const toasts = page.getByTestId('toast');
  while ((await toasts.count()) > 0) await toasts.first().click();
  await expect(toasts).toHaveCount(0);
  await page.screenshot({ path: join(SCREENS_DIR, project === 'chromium' ? name : `${project}-${name}`) });
}

test('screenshots of the trading screen at 1440x900', async ({ page, feed }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectQuotes(page, { AAPL: '199.99', '/ZNZ25': "110'165", '/CLZ25': '61.42' });
  await expect(page.getByTestId('source-status')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('banner-netliq')).toHaveText('100,000.00');
  await shoot(page, 'main-empty.png');

  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '100', type: 'MKT' });
  await placeOrder(page, { symbol: 'TSLA', side: 'SELL', qty: '40', type: 'MKT' });
  await placeOrder(page, { symbol: '/ESZ25', side: 'BUY', qty: '1', type: 'MKT' });
  await placeOrder(page, { symbol: '/ZNZ25', side: 'SELL', qty: '2', type: 'MKT' });
  await placeOrder(page, { symbol: 'MSFT', side: 'BUY', qty: '50', type: 'LMT', limit: '405.00', tif: 'GTC' });
  await placeOrder(page, { symbol: 'NVDA', side: 'BUY', qty: '200', type: 'STP_LMT', stop: '125.00', limit: '125.50', tif: 'DAY' });
  await placeOrder(page, { symbol: 'AAPL', side: 'SELL', qty: '100', type: 'LMT', limit: '215.00', tif: 'GTC' });
  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '10000', type: 'MKT' }); // rejected: buying power
  await expect(workingRows(page)).toHaveCount(3);
  await expect(positionRow(page, '/ZNZ25')).toBeVisible();
  // The market moves: P/L in both colours.
  await feed!.update({
    AAPL: { last: '203.10', bid: '203.09', ask: '203.11', mark: '203.10', netChange: '4.36' },
    TSLA: { last: '247.90', bid: '247.85', ask: '247.95', mark: '247.90', netChange: '-9.52' },
    '/ESZ25': { last: '6705.50', bid: '6705.25', ask: '6705.50', mark: '6705.50', netChange: '11.75' },
  });
  await expect(positionRow(page, 'AAPL').getByTestId('position-pl-open')).toHaveText('+310.00');
  await expect(positionRow(page, '/ESZ25').getByTestId('position-pl-open')).toHaveText('-337.50');
  await page.getByTestId('tab-fills').click();
  await page.getByTestId('quote-row-MSFT').getByTestId('quote-ask').click();
  await expect(page.getByTestId('preview-cost')).toBeVisible();
  await shoot(page, 'main-positions.png');

  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
  await expect(page.getByTestId('settings-source-status')).toContainText('connected');
  await shoot(page, 'settings.png');
});

test('at 1280x800 a working order row fits its panel, Save and Cancel in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectQuotes(page, { NVDA: '120.25', '/ZNZ25': "110'165" });
  // The widest rows: a stop limit (two price fields, the ARMED badge), and a Treasury stop with its 32nds.
  await placeOrder(page, { symbol: 'NVDA', side: 'BUY', qty: '200', type: 'STP_LMT', stop: '125.00', limit: '125.50', tif: 'GTC' });
  await placeOrder(page, { symbol: '/ZNZ25', side: 'SELL', qty: '2', type: 'STP', stop: '109.5' });
  await expect(workingRows(page)).toHaveCount(2);
  await expect(workingRows(page).getByTestId('working-trigger')).toHaveText(['ARMED', 'ARMED']);
  const wrap = page.locator('.working .table-wrap');
  await expect.poll(() => wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  const panel = (await wrap.boundingBox())!;
  for (const row of await workingRows(page).all()) {
    const cancel = (await row.getByTestId('working-cancel').boundingBox())!;
    expect(cancel.x + cancel.width).toBeLessThanOrEqual(panel.x + panel.width);
    await expect(row.getByTestId('working-why')).toBeVisible();
  }
});

// Issue 10, item 7: a window beside TOS. The panels reflow and columns give way by priority (styles.css, 1100 px).
test('at 1024x700 (a window beside TOS) nothing a trader needs is cut off', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectQuotes(page, { AAPL: '199.99', NVDA: '120.25', '/ZNZ25': "110'165" });
  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '100', type: 'MKT' });
  await placeOrder(page, { symbol: 'NVDA', side: 'BUY', qty: '200', type: 'STP_LMT', stop: '125.00', limit: '125.50', tif: 'GTC' });
  await placeOrder(page, { symbol: '/ZNZ25', side: 'SELL', qty: '2', type: 'STP', stop: '109.5' });
  await expect(workingRows(page)).toHaveCount(2);
  await expect(positionRow(page, 'AAPL')).toBeVisible();
  await shoot(page, 'main-1024x700.png');

  const inView = async (locator: ReturnType<Page['getByTestId']>, what: string) => {
    const box = await locator.boundingBox();
    expect(box, what).not.toBeNull();
    expect(box!.x, what).toBeGreaterThanOrEqual(0);
    expect(box!.y, what).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, what).toBeLessThanOrEqual(1024);
    expect(box!.y + box!.height, what).toBeLessThanOrEqual(700);
  };
  // No horizontal scrolling anywhere a trader acts, and every row's controls inside its panel and the window.
  for (const wrap of ['.working .table-wrap', '.positions .table-wrap']) {
    await expect.poll(() => page.locator(wrap).evaluate((el) => el.scrollWidth - el.clientWidth), wrap).toBeLessThanOrEqual(0);
  }
  for (const row of await workingRows(page).all()) {
    await inView(row.getByTestId('working-cancel'), 'working Cancel');
    await inView(row.getByTestId('working-save'), 'working Save');
    await inView(row.getByTestId('working-limit').or(row.getByTestId('working-stop')).first(), 'working price');
  }
  await inView(positionRow(page, 'AAPL').getByRole('button', { name: /flatten/i }), 'Flatten');
  await inView(page.getByTestId('ticket-send'), 'ticket send');
  await inView(page.getByTestId('ticket-symbol'), 'ticket symbol');
  await inView(page.getByTestId('cancel-all'), 'Cancel all');
  // The banner stays one line.
  const bannerBox = (await page.locator('.banner').boundingBox())!;
  expect(bannerBox.height).toBeLessThan(60);
  await expect.poll(() => page.locator('.banner').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});
