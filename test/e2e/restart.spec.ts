// The desk's state is in its ledger, not in the window or the process: after the services stop and start again on
// the same data folder (a new browser host; under Electron, the app relaunched with the same THOR_USER_DATA), the
// position, the working orders, the day's orders and fills, the cash, the quote source and the settings are back.
import { banner, expectQuotes, fillRows, MARKET, orderRows, placeOrder, positionRow, workingRows } from './desk';
import { expect, test } from './fixtures';

test.use({ quotes: { kind: 'csv', lines: MARKET } });

test('positions, working orders and settings survive a restart of the services', async ({ page, restart }) => {
  await expectQuotes(page, { AAPL: '199.99', MSFT: '410.50' });
  await placeOrder(page, { symbol: 'AAPL', side: 'BUY', qty: '10', type: 'MKT' });
  await placeOrder(page, { symbol: 'MSFT', side: 'BUY', qty: '5', type: 'LMT', limit: '400.00', tif: 'GTC' });
  await placeOrder(page, { symbol: 'AAPL', side: 'SELL', qty: '4', type: 'LMT', limit: '210.00', tif: 'DAY' });
  await expect(positionRow(page, 'AAPL').getByTestId('position-qty')).toHaveText('10');
  await expect(workingRows(page)).toHaveCount(2);
  await expect(banner(page, 'cash')).toHaveText('98,000.00');

  // Confirmation off, in Settings: a preference of the desk, kept with it.
  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('settings');
  await expect(settings).toBeVisible();
  await settings.getByTestId('settings-confirm-orders').uncheck();
  await settings.getByTestId('settings-save').click();
  await expect(page.getByTestId('ticket-send')).toHaveText('Send SELL');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  const after = await restart();
  const again = after.page;
  // The saved source is read again, and the ledger's state shows.
  await expectQuotes(again, { AAPL: '199.99', MSFT: '410.50' });
  await expect(again.getByTestId('source-status')).toHaveAttribute('data-state', 'connected');
  await expect(positionRow(again, 'AAPL').getByTestId('position-qty')).toHaveText('10');
  await expect(positionRow(again, 'AAPL').getByTestId('position-pl-open')).toHaveText('-0.10');
  await expect(banner(again, 'cash')).toHaveText('98,000.00');
  await expect(banner(again, 'netliq')).toHaveText('99,999.90');
  await expect(workingRows(again)).toHaveCount(2);
  const msft = workingRows(again).filter({ hasText: 'MSFT' });
  await expect(msft.getByTestId('working-qty')).toHaveValue('5');
  await expect(msft.getByTestId('working-limit')).toHaveValue('400.00');
  await expect(msft.getByTestId('working-tif')).toHaveValue('GTC');
  const aapl = workingRows(again).filter({ hasText: 'AAPL' });
  await expect(aapl.getByTestId('working-qty')).toHaveValue('4');
  await expect(aapl.getByTestId('working-limit')).toHaveValue('210.00');
  await expect(orderRows(again)).toHaveCount(3);
  await expect(again.getByTestId('tab-fills')).toHaveText(/Fills\s*1/);
  await again.getByTestId('tab-fills').click();
  await expect(fillRows(again)).toHaveCount(1);
  await expect(again.getByTestId('ticket-send')).toHaveText('Send BUY');
  if (after.terminal) expect([...after.terminal.desk.state.workingOrdersOf('main')]).toHaveLength(2);

  // And the restarted desk trades: the working AAPL sell is still live.
  await workingRows(again).filter({ hasText: 'AAPL' }).getByTestId('working-cancel').click();
  await expect(workingRows(again)).toHaveCount(1);
});
