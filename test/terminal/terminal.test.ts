// The terminal service the window talks to: requests parsed before they reach the desk, typed results, pushes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskSnapshot, PushEvent } from '../../src/shared/contract';
import { Terminal } from '../../src/main/terminal/terminal';
import { Dec } from '../../src/main/engine/decimal';
import { TestClock } from '../support/desk';
import { tempDir } from '../support/scenario';
import { rtd, workbookBuffer } from '../support/workbooks';

let dir: ReturnType<typeof tempDir>;
let terminal: Terminal;

beforeEach(async () => {
  dir = tempDir('thor-terminal-');
  terminal = await Terminal.open({
    ledgerPath: join(dir.path, 'ledger.db'),
    clock: new TestClock(),
    // A practice feed that does not move on its own during a test: one board at start, then a step a minute.
    practice: { seed: 7, intervalMs: 60_000 },
    log: () => {},
  });
  terminal.desk.applyQuote({ symbol: 'AAPL', bid: new Dec('199.98'), ask: new Dec('200.00'), last: new Dec('199.99') });
});
afterEach(async () => {
  await terminal.close();
  dir.cleanup();
});

const ticket = { account: 'main', symbol: 'AAPL', side: 'BUY', qty: '100', orderType: 'MKT', tif: 'DAY' } as const;

function nextPush(predicate: (event: PushEvent) => boolean): Promise<PushEvent> {
  return new Promise((resolve) => {
    const off = terminal.subscribe((event) => {
      if (!predicate(event)) return;
      off();
      resolve(event);
    });
  });
}

describe('the terminal service', () => {
  it('refuses malformed requests before they reach the desk, with a readable message', async () => {
    const bad = await terminal.handle('placeOrder', { ...ticket, qty: 100 });
    expect(bad).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'qty: Invalid input: expected string, received number' } });
    expect(await terminal.handle('placeOrder', { ...ticket, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await terminal.handle('dropDatabase', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(terminal.desk.ledger.orders()).toHaveLength(0);
  });

  it('places an order and pushes the fill and a snapshot with the position', async () => {
    const fill = nextPush((e) => e.type === 'fill');
    const snapshot = nextPush((e) => e.type === 'snapshot' && e.snapshot.positions.length > 0);
    const placed = await terminal.handle('placeOrder', ticket);
    expect(placed).toMatchObject({ ok: true, data: { status: 'FILLED', avgFillPrice: '200' } });
    expect(await fill).toMatchObject({ type: 'fill', fill: { symbol: 'AAPL', qty: '100', price: '200' } });
    const pushed = ((await snapshot) as { snapshot: DeskSnapshot }).snapshot;
    expect(pushed.positions[0]).toMatchObject({ symbol: 'AAPL', qty: '100' });
    expect(pushed.accounts[0]).toMatchObject({ id: 'main', cash: '80000' });
    expect(pushed.fills).toHaveLength(1);
  });

  it('engine input errors come back as INVALID_INPUT with the engine message', async () => {
    expect(await terminal.handle('placeOrder', { ...ticket, qty: '0' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'qty must be a whole number from 1 to 1,000,000 (got "0")' },
    });
  });

  it('previews cost, requirement and buying power without placing anything', async () => {
    const preview = await terminal.handle('previewOrder', ticket);
    expect(preview).toEqual({
      ok: true,
      data: {
        account: 'main',
        side: 'BUY',
        qty: '100',
        orderType: 'MKT',
        limit: null,
        stop: null,
        tif: 'DAY',
        symbol: 'AAPL',
        assetType: 'EQ',
        price: '200',
        cashEffect: '-20000',
        commission: '0',
        fees: '0',
        requirement: '5000',
        availableFunds: '100000',
        availableAfter: '95000',
        buyingPowerAfter: '380000',
        warning: null,
        warnings: [],
      },
    });
    const tooBig = await terminal.handle('previewOrder', { ...ticket, qty: '2001' });
    expect(tooBig.ok && (tooBig.data as { warning: string }).warning).toMatch(/insufficient buying power/);
    expect(terminal.desk.ledger.orders()).toHaveLength(0);
  });

  it('flattens a position, cancelling the working orders on its symbol first', async () => {
    await terminal.handle('placeOrder', ticket);
    await terminal.handle('placeOrder', { ...ticket, side: 'SELL', orderType: 'LMT', limit: '250.00' });
    const flat = await terminal.handle('flatten', { account: 'main', symbol: 'aapl' });
    expect(flat).toMatchObject({ ok: true, data: { side: 'SELL', qty: '100', status: 'FILLED' } });
    expect(terminal.desk.state.workingCount()).toBe(0);
    expect(terminal.desk.state.position('main', 'AAPL')?.qty.toFixed()).toBe('0');
  });

  it('refuses to flatten a symbol with no open position, and leaves its orders working', async () => {
    await terminal.handle('placeOrder', { ...ticket, orderType: 'LMT', limit: '150.00' });
    expect(await terminal.handle('flatten', { account: 'main', symbol: 'aapl' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no open position in AAPL' },
    });
    expect(terminal.desk.state.workingCount()).toBe(1);
  });

  it("reverses a position: the symbol's orders canceled, then twice the position the other way", async () => {
    await terminal.handle('placeOrder', ticket);
    await terminal.handle('placeOrder', { ...ticket, side: 'SELL', orderType: 'LMT', limit: '250.00' });
    const turned = await terminal.handle('reverse', { account: 'main', symbol: 'aapl' });
    expect(turned).toMatchObject({ ok: true, data: { side: 'SELL', qty: '200', status: 'FILLED' } });
    expect(terminal.desk.state.workingCount()).toBe(0);
    expect(terminal.desk.state.position('main', 'AAPL')?.qty.toFixed()).toBe('-100');
    expect(await terminal.handle('reverse', { account: 'main', symbol: 'MSFT' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no open position in MSFT' },
    });
  });

  it("shows a bracket's HELD children with the working orders, right after their parent", async () => {
    const placed = await terminal.handle('placeOrder', {
      ...ticket,
      orderType: 'LMT',
      limit: '150.00',
      children: [
        { side: 'SELL', orderType: 'LMT', limitTicks: '4' },
        { side: 'SELL', orderType: 'STP', stopTicks: '-4' },
      ],
    });
    expect(placed).toMatchObject({ ok: true, data: { status: 'WORKING' } });
    const pending = (await terminal.handle('getSnapshot', {})) as { ok: true; data: DeskSnapshot };
    const rows = pending.data.workingOrders.map((o) => [o.status, o.parentId === null ? null : 'child', o.limitTicks ?? o.stopTicks, o.why]);
    expect(rows).toEqual([
      ['WORKING', null, null, expect.stringMatching(/ask <= 150/)],
      ['HELD', 'child', '4', expect.stringMatching(/^held until order \d+ fills/)],
      ['HELD', 'child', '-4', expect.stringMatching(/^held until order \d+ fills/)],
    ]);
    expect(pending.data.workingOrders[1]!.ocoGroup).not.toBeNull();
    expect(pending.data.workingOrders[1]!.ocoGroup).toBe(pending.data.workingOrders[2]!.ocoGroup);
    expect(await terminal.handle('cancelAll', { account: 'main' })).toEqual({ ok: true, data: { canceled: 3 } });
  });

  it('cancels all working orders of an account', async () => {
    await terminal.handle('placeOrder', { ...ticket, orderType: 'LMT', limit: '150.00' });
    await terminal.handle('placeOrder', { ...ticket, orderType: 'LMT', limit: '151.00' });
    expect(await terminal.handle('cancelAll', { account: 'main' })).toEqual({ ok: true, data: { canceled: 2 } });
  });

  it('keeps settings and preferences, and says which field is wrong', async () => {
    const updated = await terminal.handle('updateSettings', { slippageTicks: '1', confirmOrders: false });
    expect(updated).toMatchObject({ ok: true, data: { slippageTicks: '1', confirmOrders: false } });
    expect(await terminal.handle('updateSettings', { limitFill: 'sometimes' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await terminal.handle('updateSettings', { commission: { FUT: '-1' } })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'commission.FUT must be a number from 0 to 1,000,000,000,000 (got "-1")' },
    });
  });

  it('pushes only the quotes that changed once the window has the whole list, numbered so a missed push shows', async () => {
    const first = nextPush((e) => e.type === 'snapshot');
    terminal.desk.applyQuote({ symbol: 'AAPL', bid: new Dec('199.97'), ask: new Dec('199.99'), last: new Dec('199.98') });
    const whole = (await first) as Extract<PushEvent, { type: 'snapshot' }>;
    // The first push has every row: the window may hold nothing yet.
    expect(whole.quotesSince).toBeUndefined();
    expect(whole.snapshot.quotes.length).toBeGreaterThan(1);
    const next = nextPush((e) => e.type === 'snapshot');
    terminal.desk.applyQuote({ symbol: 'AAPL', bid: new Dec('200.01'), ask: new Dec('200.03'), last: new Dec('200.02') });
    const delta = (await next) as Extract<PushEvent, { type: 'snapshot' }>;
    expect(delta.quotesSince).toBe(whole.snapshot.seq);
    expect(delta.snapshot.seq).toBe(whole.snapshot.seq + 1);
    expect(delta.snapshot.quotes.map((q) => [q.symbol, q.last])).toEqual([['AAPL', '200.02']]);
    // A window that reads the snapshot now holds every row, numbered as the last push.
    const read = await terminal.handle('getSnapshot', {});
    expect(read).toMatchObject({ ok: true, data: { seq: delta.snapshot.seq } });
    expect((read as { data: DeskSnapshot }).data.quotes.length).toBe(whole.snapshot.quotes.length);
  });

  it('switches to a workbook source, shows its quotes, and remembers it', async () => {
    const file = join(dir.path, 'quotes.xlsx');
    writeFileSync(file, await workbookBuffer({ Sheet1: [[rtd('LAST', 'MSFT', 430.25), rtd('BID', 'MSFT', 430.2), rtd('ASK', 'MSFT', 430.3)]] }));
    const snapshot = nextPush((e) => e.type === 'snapshot' && e.snapshot.quotes.some((q) => q.symbol === 'MSFT'));
    expect(await terminal.handle('setSource', { kind: 'file', path: file })).toMatchObject({ ok: true, data: { kind: 'workbook' } });
    const pushed = ((await snapshot) as { snapshot: DeskSnapshot }).snapshot;
    expect(pushed.quotes.find((q) => q.symbol === 'MSFT')).toMatchObject({ last: '430.25', bid: '430.2', priceFormat: { kind: 'decimal', decimals: 2 } });
    expect(terminal.settings().source).toEqual({ kind: 'file', path: file });
    expect(await terminal.handle('setSource', { kind: 'file', path: join(dir.path, 'notes.txt') })).toMatchObject({
      ok: false,
      error: { code: 'SOURCE_ERROR' },
    });
  });

  it('has no file picker outside Electron', async () => {
    expect(await terminal.handle('pickQuoteFile', {})).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
  });

  it('shows Treasury futures in 32nds and the practice feed in the watchlist', async () => {
    terminal.desk.applyQuote({ symbol: '/ZB', last: new Dec('117.4375') });
    await terminal.handle('placeOrder', { ...ticket, symbol: '/ZB', qty: '1', orderType: 'LMT', limit: '110' });
    const snapshot = terminal.snapshot();
    expect(snapshot.quotes.find((q) => q.symbol === '/ZB')?.priceFormat).toEqual({ kind: 'thirtySeconds' });
    expect(snapshot.workingOrders[0]).toMatchObject({ symbol: '/ZB', tick: '0.03125' });
    expect(snapshot.quotes.map((q) => q.symbol)).toEqual(expect.arrayContaining(['/ES', 'SPY', 'AAPL']));
  });
});

describe('one desk per market', () => {
  async function quoteFile(): Promise<string> {
    const file = join(dir.path, 'tos.xlsx');
    // The trader's real market: AAPL far from the practice price the practice position was opened at.
    writeFileSync(file, await workbookBuffer({ Sheet1: [[rtd('LAST', 'AAPL', 430.25), rtd('BID', 'AAPL', 430.2), rtd('ASK', 'AAPL', 430.3)]] }));
    return file;
  }

  it('keeps practice trades on the practice desk: the live desk neither holds nor marks them', async () => {
    expect(terminal.deskName).toBe('practice');
    expect(await terminal.handle('placeOrder', ticket)).toMatchObject({ ok: true, data: { status: 'FILLED' } });
    expect(terminal.snapshot()).toMatchObject({ desk: 'practice', positions: [{ symbol: 'AAPL', qty: '100' }] });

    const file = await quoteFile();
    const live = nextPush((e) => e.type === 'snapshot' && e.snapshot.desk === 'live' && e.snapshot.quotes.some((q) => q.symbol === 'AAPL' && q.last === '430.25'));
    expect(await terminal.handle('setSource', { kind: 'file', path: file })).toMatchObject({ ok: true });
    const onLive = ((await live) as { snapshot: DeskSnapshot }).snapshot;
    expect(onLive.positions).toEqual([]);
    expect(onLive.fills).toEqual([]);
    expect(onLive.accounts[0]).toMatchObject({ id: 'main', cash: '100000', netLiq: '100000', okToTrade: true });

    expect(await terminal.handle('setSource', { kind: 'practice' })).toMatchObject({ ok: true });
    const back = terminal.snapshot();
    expect(back.desk).toBe('practice');
    // Marked at the practice feed's AAPL, never the file's 430.25: the file's quotes never reached this desk.
    const practiceAapl = back.quotes.find((q) => q.symbol === 'AAPL');
    expect(practiceAapl?.mark).not.toBe('430.25');
    expect(back.positions[0]).toMatchObject({ symbol: 'AAPL', qty: '100', mark: practiceAapl?.mark });
    expect(back.accounts[0]).toMatchObject({ cash: '80000' });
    expect(back.fills).toHaveLength(1);
  });

  it('each desk keeps its own settings and history, and a restart brings back the last desk and both ledgers', async () => {
    await terminal.handle('placeOrder', ticket);
    await terminal.handle('updateSettings', { slippageTicks: '2', confirmOrders: false });
    const file = await quoteFile();
    await terminal.handle('setSource', { kind: 'file', path: file });
    expect(terminal.settings()).toMatchObject({ slippageTicks: '0', confirmOrders: true, source: { kind: 'file', path: file } });
    expect(await terminal.handle('orderHistory', { account: 'main' })).toEqual({ ok: true, data: [] });
    await terminal.close();

    terminal = await Terminal.open({ ledgerPath: join(dir.path, 'ledger.db'), clock: new TestClock(), practice: { seed: 7, intervalMs: 60_000 }, log: () => {} });
    expect(terminal.deskName).toBe('live');
    expect(terminal.snapshot().positions).toEqual([]);
    await terminal.handle('setSource', { kind: 'practice' });
    expect(terminal.snapshot().positions).toMatchObject([{ symbol: 'AAPL', qty: '100' }]);
    expect(terminal.settings()).toMatchObject({ slippageTicks: '2', confirmOrders: false, source: { kind: 'practice' } });
  });

  it('can start on the practice desk without forgetting the chosen file', async () => {
    const file = await quoteFile();
    await terminal.handle('setSource', { kind: 'file', path: file });
    await terminal.close();
    const reopen = (startOnPractice: boolean) =>
      Terminal.open({ ledgerPath: join(dir.path, 'ledger.db'), clock: new TestClock(), practice: { seed: 7, intervalMs: 60_000 }, log: () => {}, startOnPractice });
    terminal = await reopen(true);
    expect(terminal.deskName).toBe('practice');
    await terminal.close();
    terminal = await reopen(false);
    expect(terminal.deskName).toBe('live');
  });
});
