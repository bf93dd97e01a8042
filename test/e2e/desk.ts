// What the end-to-end specs do on the trading screen, in the trader's terms: a market to start from, the ticket
// filled in and sent (through the confirmation when it shows), the rows to look at. Everything waits on the page.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import type { QuoteLine } from './quoteFiles';

/** A small market: two stocks, and a ZN future shown in 32nds. */
export const AAPL: QuoteLine = {
  symbol: 'AAPL',
  description: 'Apple Inc',
  last: '199.99',
  bid: '199.98',
  ask: '200.00',
  mark: '199.99',
  bidSize: 300,
  askSize: 200,
  volume: 1250000,
  netChange: '1.25',
};
export const MSFT: QuoteLine = {
  symbol: 'MSFT',
  description: 'Microsoft Corp',
  last: '410.50',
  bid: '410.45',
  ask: '410.55',
  mark: '410.50',
  bidSize: 100,
  askSize: 400,
  volume: 830000,
  netChange: '-2.10',
};
export const MARKET: readonly QuoteLine[] = [AAPL, MSFT];

export interface TicketInput {
  readonly symbol: string;
  readonly side?: 'BUY' | 'SELL';
  readonly qty?: string;
  readonly type?: 'MKT' | 'LMT' | 'STP' | 'STP_LMT';
  readonly limit?: string;
  readonly stop?: string;
  readonly tif?: 'DAY' | 'GTC';
}

/** Types the order into the ticket (every field it is given), without sending it. */
export async function fillTicket(page: Page, order: TicketInput): Promise<void> {
  await page.getByTestId('ticket-symbol').fill(order.symbol);
  if (order.side) await page.getByTestId(order.side === 'BUY' ? 'ticket-side-buy' : 'ticket-side-sell').click();
  if (order.qty !== undefined) await page.getByTestId('ticket-qty').fill(order.qty);
  if (order.type) await page.getByTestId('ticket-type').selectOption(order.type);
  if (order.tif) await page.getByTestId('ticket-tif').selectOption(order.tif);
  if (order.stop !== undefined) await page.getByTestId('ticket-stop').fill(order.stop);
  if (order.limit !== undefined) await page.getByTestId('ticket-limit').fill(order.limit);
}

/**
 * Enter in the quantity field, then Enter on the confirmation (Settings > confirm orders is on by default): the
 * keyboard path of the ticket. Returns the confirmation's text.
 */
export async function sendWithKeyboard(page: Page): Promise<string> {
  await page.getByTestId('ticket-qty').press('Enter');
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  const text = (await dialog.getByTestId('confirm-text').textContent()) ?? '';
  await expect(dialog.getByTestId('confirm-send')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  return text;
}

/** Fills the ticket and sends it with the mouse: Review order, then Send. */
export async function placeOrder(page: Page, order: TicketInput): Promise<void> {
  await fillTicket(page, order);
  await page.getByTestId('ticket-send').click();
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.getByTestId('confirm-send').click();
  await expect(dialog).toBeHidden();
}

/** The watchlist shows the file's quotes: each symbol's last as formatted. */
export async function expectQuotes(page: Page, lasts: Record<string, string>): Promise<void> {
  for (const [symbol, last] of Object.entries(lasts)) {
    await expect(page.getByTestId(`quote-row-${symbol}`).getByTestId('quote-last')).toHaveText(last);
  }
}

export const positionRow = (page: Page, symbol: string): Locator => page.getByTestId(`position-row-${symbol}`);
export const workingRows = (page: Page): Locator => page.locator('[data-testid^="working-row-"]');
export const orderRows = (page: Page): Locator => page.locator('[data-testid^="order-row-"]');
export const fillRows = (page: Page): Locator => page.locator('[data-testid^="fill-row-"]');
export const banner = (page: Page, figure: 'netliq' | 'cash' | 'bp' | 'dtbp' | 'obp' | 'plday' | 'plopen' | 'return'): Locator =>
  page.getByTestId(`banner-${figure}`);
