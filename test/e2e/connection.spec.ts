// A lost desk (issue 10, item 6): when the browser host's socket closes, the window says so in one line, greys and
// marks every figure and refuses to send; when the socket is back it reads a fresh snapshot and says so. Browser
// host only: it is the host that drops the page's socket.
import { AAPL, banner, expectQuotes, fillTicket, MSFT } from './desk';
import { expect, test } from './fixtures';

test.use({ quotes: { kind: 'csv', lines: [AAPL, MSFT] } });

test('the window says when it has lost the desk and when it is back', async ({ page, browserHost, feed }) => {
  test.skip(!browserHost, 'the browser host drops the socket');
  await expectQuotes(page, { AAPL: '199.99' });
  await expect(page.getByTestId('connection-offline')).toHaveCount(0);
  await expect(page.getByTestId('desk')).not.toHaveClass(/stale/);
  await fillTicket(page, { symbol: 'AAPL', side: 'BUY', qty: '10', type: 'MKT' });
  await expect(page.getByTestId('ticket-send')).toBeEnabled();

  browserHost!.dropConnections();
  const notice = page.getByTestId('connection-offline');
  await expect(notice).toContainText(/Lost the desk at \d\d:\d\d:\d\d: figures are frozen as of then, not live/);
  await expect(page.getByTestId('desk')).toHaveClass(/stale/);
  // Greyed, not live-looking: the figures' panels are desaturated and the send is off.
  const filter = await page.locator('.desk-grid').evaluate((node) => getComputedStyle(node).filter);
  expect(filter).toContain('grayscale');
  await expect(banner(page, 'cash')).toHaveCSS('text-decoration-line', 'line-through');
  await expect(page.getByTestId('ticket-send')).toBeDisabled();
  // One line: the notice is no taller than one line of its text.
  const box = await notice.boundingBox();
  expect(box!.height).toBeLessThan(30);

  // Prices move while the window reconnects; once back, the window shows them, live again.
  await feed!.update({ AAPL: { last: '201.50', bid: '201.49', ask: '201.51', mark: '201.50' } });
  await expect(page.getByTestId('toast').filter({ hasText: 'Back with the desk' })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('desk')).not.toHaveClass(/stale/);
  await expectQuotes(page, { AAPL: '201.50' });
  await expect(page.getByTestId('ticket-send')).toBeEnabled();
});
