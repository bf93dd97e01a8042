// The app comes up on a fresh data folder: the page loads without errors and reaches the real desk through
// window.thor, which holds the one account a new ledger starts with; the browser host refuses a socket without
// its token.
import { WebSocket } from 'ws';
import { expect, test } from './fixtures';

test('the page reaches the desk, which has the first account', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.reload();
  await page.waitForFunction(() => window.thor !== undefined);

  const snapshot = await page.evaluate(() => window.thor!.getSnapshot({}));
  expect(snapshot.ok).toBe(true);
  if (!snapshot.ok) return;
  expect(snapshot.data.accounts.map((account) => account.id)).toEqual(['main']);
  expect(errors).toEqual([]);
});

test('the browser host refuses a socket without its token', async ({ browserHost }) => {
  test.skip(!browserHost, 'the browser host only');
  const page = new URL(browserHost!.url);
  const answer = (url: string) =>
    new Promise<number | string>((resolve) => {
      const socket = new WebSocket(url);
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 'no status'));
      socket.on('open', () => {
        socket.close();
        resolve('opened');
      });
      socket.on('error', (error) => resolve(error.message));
    });
  expect(await answer(`ws://${page.host}/thor`)).toBe(403);
  expect(await answer(`ws://${page.host}/thor?token=wrong`)).toBe(403);
  expect(await answer(`ws://${page.host}/thor?token=${page.searchParams.get('token')}`)).toBe('opened');
});
