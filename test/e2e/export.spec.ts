// Export statement from the journal, in the browser host: the dialog opens on the account shown and today's trading
// date, shows its progress, and the statement downloads; its first lines and its trade are the thinkorswim layout's.
// Electron saves through the system's save dialog instead (a native window Playwright cannot fill): chromium only.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectQuotes, MARKET, placeOrder } from './desk';
import { expect, test } from './fixtures';
import { SCREENS_DIR } from './paths';

test.use({ quotes: { kind: 'csv', lines: MARKET } });

test('export a statement from the journal and read the downloaded file', async ({ page }) => {
  test.skip(test.info().project.name !== 'chromium', 'the browser host downloads; Electron opens the save dialog');
  // The narrowest window the desk is made for: the Export button and the dialog fit in it.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expectQuotes(page, { AAPL: '199.99' });
  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '10', type: 'MKT' });
  await placeOrder(page, { symbol: 'AAPL', side: 'SELL', qty: '10', type: 'MKT' });

  await page.keyboard.press('Alt+2');
  await page.getByTestId('journal-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('export-account')).toHaveValue('main');
  const today = await dialog.getByTestId('export-from').inputValue();
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(dialog.getByTestId('export-to')).toHaveValue(today);
  await expect(dialog.getByTestId('export-format')).toHaveValue('tos-csv');
  for (const box of [await page.getByTestId('journal-export').boundingBox(), await dialog.boundingBox()]) {
    expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
  }
  await page.screenshot({ path: join(SCREENS_DIR, 'export-dialog.png') });

  const downloading = page.waitForEvent('download');
  await dialog.getByTestId('export-save').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`main-${today}-AccountStatement.csv`);
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.split('\n');
  expect(lines[0]).toBe('\uFEFFThis statement was exported from a paper account of Thor Paper Desk. Every order and fill in it is simulated and none of them is a real trade.');
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = `${m}/${d}/${String(y % 100).padStart(2, '0')}`;
  expect(lines[2]).toBe(`Account Statement for main (paper) since ${day} through ${day}`);
  expect(lines[4]).toBe('Cash Balance');
  expect(lines[5]).toBe('DATE,TIME,TYPE,REF #,DESCRIPTION,Misc Fees,Commissions & Fees,AMOUNT,BALANCE');
  expect(text).toMatch(/,TRD,\d+,BOT \+10 AAPL @200\.00,/);
  expect(text).toMatch(/,TRD,\d+,SOLD -10 AAPL @199\.98,/);
  // The dialog closes and says where the file went.
  await expect(dialog).toBeHidden();

  // Keyboard: Ctrl+E opens it again; Esc closes it.
  await page.keyboard.press('Control+e');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
