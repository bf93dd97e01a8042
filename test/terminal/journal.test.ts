// The journal through the contract: pages of trades by filter and sort, a trade's fills, statistics, tag and note
// edits, the tags offered, the equity curve, and the snapshot that says when the journal changed.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandResponses, DeskSnapshot } from '../../src/shared/contract';
import { Terminal } from '../../src/main/terminal/terminal';
import { Dec } from '../../src/main/engine/decimal';
import { TestClock } from '../support/desk';
import { tempDir } from '../support/scenario';

let dir: ReturnType<typeof tempDir>;
let terminal: Terminal;
let clock: TestClock;

function quote(symbol: string, bid: string, ask: string) {
  terminal.desk.applyQuote({ symbol, bid: new Dec(bid), ask: new Dec(ask), last: new Dec(bid) });
}

beforeEach(async () => {
  dir = tempDir('thor-journal-');
  // Monday 2026-01-05 09:30 New York.
  clock = new TestClock();
  terminal = await Terminal.open({
    ledgerPath: join(dir.path, 'ledger.db'),
    clock,
    practice: { seed: 7, intervalMs: 60_000 },
    log: () => {},
  });
  quote('AAPL', '199.98', '200.00');
  quote('MSFT', '399.98', '400.00');
});
afterEach(async () => {
  await terminal.close();
  dir.cleanup();
});

async function ok<K extends keyof CommandResponses>(name: K, request: unknown): Promise<CommandResponses[K]> {
  const result = await terminal.handle(name, request);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.data as CommandResponses[K];
}

const order = (symbol: string, side: 'BUY' | 'SELL', qty = '100', tags?: string[]) => ({
  account: 'main',
  symbol,
  side,
  qty,
  orderType: 'MKT',
  tif: 'DAY',
  ...(tags ? { tags } : {}),
});

/** A winning AAPL long (tagged on the ticket) and a losing MSFT short, both closed. */
async function twoTrades() {
  await ok('placeOrder', order('AAPL', 'BUY', '100', ['breakout']));
  quote('AAPL', '201.00', '201.02');
  clock.time += 60_000;
  await ok('placeOrder', order('AAPL', 'SELL'));
  await ok('placeOrder', order('MSFT', 'SELL', '10'));
  quote('MSFT', '401.00', '401.02');
  clock.time += 120_000;
  await ok('placeOrder', order('MSFT', 'BUY', '10'));
}

const page = { offset: 0, limit: 100 } as const;

describe('the journal in the contract', () => {
  it('lists trades newest close first with their figures, and the ticket tags travelled with the order', async () => {
    await twoTrades();
    const { total, rows } = await ok('journalTrades', page);
    expect(total).toBe(2);
    expect(rows.map((r) => r.symbol)).toEqual(['MSFT', 'AAPL']);
    expect(rows[1]).toMatchObject({
      direction: 'LONG',
      status: 'CLOSED',
      avgEntry: '200',
      avgExit: '201',
      grossPl: '100',
      netPl: '100',
      tags: ['breakout'],
      durationSeconds: 60,
      priceFormat: { kind: 'decimal', decimals: 2 },
    });
    expect(rows[0]).toMatchObject({ direction: 'SHORT', grossPl: '-10.4', tags: [] });
  });

  it('filters by symbol, direction, tag (and "" for untagged), account and range', async () => {
    await twoTrades();
    const symbols = async (filter: object) => (await ok('journalTrades', { ...page, ...filter })).rows.map((r) => r.symbol);
    expect(await symbols({ symbol: 'AAPL' })).toEqual(['AAPL']);
    expect(await symbols({ direction: 'SHORT' })).toEqual(['MSFT']);
    expect(await symbols({ tag: 'BREAKOUT' })).toEqual(['AAPL']);
    expect(await symbols({ tag: '' })).toEqual(['MSFT']);
    expect(await symbols({ account: 'nobody' })).toEqual([]);
    expect(await symbols({ range: { kind: 'today' } })).toEqual(['MSFT', 'AAPL']);
    expect(await symbols({ range: { kind: 'week' } })).toEqual(['MSFT', 'AAPL']);
    expect(await symbols({ range: { kind: 'month' } })).toEqual(['MSFT', 'AAPL']);
    expect(await symbols({ range: { kind: 'custom', from: '2026-01-05', to: '2026-01-05' } })).toEqual(['MSFT', 'AAPL']);
    expect(await symbols({ range: { kind: 'custom', from: '2026-01-02', to: '2026-01-02' } })).toEqual([]);
    expect(await symbols({ range: { kind: 'custom', from: '2026-01-06', to: '2026-01-09' } })).toEqual([]);
  });

  it('a trade closed after the 17:00 roll belongs to the next trading day', async () => {
    clock.set('2026-01-05T22:30:00Z'); // 17:30 New York: Tuesday's trading day
    await ok('placeOrder', order('AAPL', 'BUY'));
    await ok('placeOrder', order('AAPL', 'SELL'));
    const day = async (d: string) => (await ok('journalTrades', { ...page, range: { kind: 'custom', from: d, to: d } })).total;
    expect(await day('2026-01-05')).toBe(0);
    expect(await day('2026-01-06')).toBe(1);
    expect((await ok('journalStats', {})).stats.byDay).toHaveProperty('2026-01-06');
  });

  it('sorts by any column both ways and pages', async () => {
    await twoTrades();
    const byNet = await ok('journalTrades', { ...page, sort: { key: 'netPl', descending: true } });
    expect(byNet.rows.map((r) => r.netPl)).toEqual(['100', '-10.4']);
    const up = await ok('journalTrades', { ...page, sort: { key: 'netPl', descending: false } });
    expect(up.rows.map((r) => r.netPl)).toEqual(['-10.4', '100']);
    const second = await ok('journalTrades', { offset: 1, limit: 1, sort: { key: 'symbol', descending: false } });
    expect(second).toMatchObject({ total: 2, offset: 1, rows: [{ symbol: 'MSFT' }] });
  });

  it("shows a trade's fills, each with why it filled", async () => {
    await twoTrades();
    const aapl = (await ok('journalTrades', { ...page, symbol: 'AAPL' })).rows[0]!;
    const detail = await ok('journalTrade', { id: aapl.id });
    expect(detail.trade).toMatchObject({ id: aapl.id, mfe: '101', mae: '-1', etd: '1' });
    expect(detail.fills.map((f) => [f.side, f.price])).toEqual([['BUY', '200'], ['SELL', '201']]);
    expect(detail.fills[0]!.reason).toMatch(/MKT/);
    expect(await terminal.handle('journalTrade', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('statistics and groupings over the closed trades, and their cumulative net P&L in closing order', async () => {
    await twoTrades();
    const { stats, cumulative } = await ok('journalStats', { account: 'main' });
    expect(stats).toMatchObject({ trades: 2, winners: 1, losers: 1, winRate: '50', netPl: '89.6', profitFactor: expect.stringMatching(/^9\.615384/) });
    expect(stats.byTag).toMatchObject({ breakout: { trades: 1, netPl: '100' }, '': { trades: 1, netPl: '-10.4' } });
    expect(cumulative.map((p) => p.value)).toEqual(['100', '89.6']);
    expect(cumulative[1]!.time).toBeGreaterThan(cumulative[0]!.time);
    expect((await ok('journalStats', { tag: 'breakout' })).stats).toMatchObject({ trades: 1, netPl: '100' });
  });

  it('edits tags and the note, offers the tags used before, and refuses what is too long', async () => {
    await twoTrades();
    const msft = (await ok('journalTrades', { ...page, symbol: 'MSFT' })).rows[0]!;
    const edited = await ok('editTrade', { id: msft.id, addTags: ['fade', ' late '], note: 'chased the open' });
    expect(edited).toMatchObject({ tags: ['fade', 'late'], note: 'chased the open' });
    expect(await ok('editTrade', { id: msft.id, removeTags: ['FADE'] })).toMatchObject({ tags: ['late'] });
    expect(await ok('journalTags', {})).toEqual(['breakout', 'late']);
    expect(await terminal.handle('editTrade', { id: msft.id, addTags: ['x'.repeat(33)] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await terminal.handle('editTrade', { id: msft.id, note: 'x'.repeat(4001) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await terminal.handle('editTrade', { id: 999, note: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await terminal.handle('placeOrder', { ...order('AAPL', 'BUY'), tags: Array(11).fill('a') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('the snapshot carries open trades live and a version that moves with the journal', async () => {
    const before = terminal.snapshot().journal.version;
    await ok('placeOrder', order('AAPL', 'BUY'));
    const opened: DeskSnapshot = terminal.snapshot();
    expect(opened.journal.version).toBeGreaterThan(before);
    expect(opened.journal.openTrades).toMatchObject([{ symbol: 'AAPL', status: 'OPEN', qty: '100', mfe: '0' }]);
    quote('AAPL', '202.00', '202.02');
    expect(terminal.snapshot().journal.openTrades[0]).toMatchObject({ mfe: '201' });
    // The open trade is in the page too, as it stands now.
    expect((await ok('journalTrades', { ...page, range: { kind: 'today' } })).rows[0]).toMatchObject({ status: 'OPEN', mfe: '201' });
    const id = opened.journal.openTrades[0]!.id;
    const version = terminal.snapshot().journal.version;
    await ok('editTrade', { id, note: 'holding' });
    expect(terminal.snapshot().journal.version).toBeGreaterThan(version);
  });

  it('a reset ends the open trade as RESET: listed, but never in the statistics', async () => {
    await twoTrades();
    await ok('placeOrder', order('AAPL', 'BUY'));
    await ok('resetAccount', { account: 'main' });
    const { rows } = await ok('journalTrades', page);
    expect(rows.map((r) => r.status).sort()).toEqual(['CLOSED', 'CLOSED', 'RESET']);
    expect((await ok('journalStats', {})).stats.trades).toBe(2);
    expect(terminal.snapshot().journal.openTrades).toEqual([]);
  });

  it('the equity curve starts from the roll snapshots and samples and ends at net liq now', async () => {
    await twoTrades();
    const history = await ok('equityHistory', { account: 'main' });
    expect(history.startingBalance).toBe('100000');
    expect(history.points.length).toBeGreaterThan(0);
    expect(history.points.at(-1)!.value).toBe('100089.6');
    const times = history.points.map((p) => p.time);
    expect(times).toEqual([...new Set(times)].sort((a, b) => a - b));
    expect(await terminal.handle('equityHistory', { account: 'ghost' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers again from memory only until the journal changes, and shows open trades as they stand now', async () => {
    await twoTrades();
    const byNet = { ...page, sort: { key: 'netPl', descending: true } } as const;
    expect((await ok('journalStats', {})).stats.trades).toBe(2);
    expect((await ok('journalTrades', byNet)).total).toBe(2);
    expect(await ok('journalTags', {})).toEqual(['breakout']);

    // A third trade opens: listed at once, with its excursion moving with the market while nothing is written.
    await ok('placeOrder', order('AAPL', 'BUY', '100', ['Scalp']));
    const opened = (await ok('journalTrades', page)).rows[0]!;
    expect(opened.status).toBe('OPEN');
    quote('AAPL', '203.00', '203.02');
    expect((await ok('journalTrades', page)).rows[0]!.mfe).not.toBe(opened.mfe);
    expect(await ok('journalTags', {})).toEqual(['breakout', 'Scalp']);

    clock.time += 60_000;
    await ok('placeOrder', order('AAPL', 'SELL'));
    const stats = (await ok('journalStats', {})).stats;
    expect(stats.trades).toBe(3);
    const rows = (await ok('journalTrades', byNet)).rows;
    expect(rows.map((r) => r.netPl)).toEqual([...rows.map((r) => r.netPl)].sort((a, b) => Number(b) - Number(a)));
    expect(rows[0]!.tags).toEqual(['Scalp']);
  });

  it('a note edit keeps the statistics and lists it was answered from; a tag edit refreshes the tags, byTag and tag filters', async () => {
    await twoTrades();
    const byNet = { ...page, sort: { key: 'netPl', descending: true } } as const;
    const before = await ok('journalStats', {});
    expect((await ok('journalTrades', byNet)).rows.map((r) => r.note)).toEqual(['', '']);
    const msft = (await ok('journalTrades', { ...page, symbol: 'MSFT' })).rows[0]!;

    await ok('editTrade', { id: msft.id, note: 'chased the open' });
    // The same answer object: nothing of it was computed again, and no figure could have moved.
    expect(await ok('journalStats', {})).toBe(before);
    expect((await ok('journalTrades', byNet)).rows.map((r) => r.note)).toEqual(['', 'chased the open']);
    expect((await ok('journalTrades', { ...page, tag: '' })).rows.map((r) => [r.symbol, r.note])).toEqual([['MSFT', 'chased the open']]);

    await ok('editTrade', { id: msft.id, addTags: ['Fade'] });
    const after = await ok('journalStats', {});
    expect(after.stats.byTag).toEqual({ breakout: before.stats.byTag['breakout'], Fade: before.stats.byTag[''] });
    expect({ ...after.stats, byTag: null }).toEqual({ ...before.stats, byTag: null });
    expect((await ok('journalTrades', { ...page, tag: '' })).total).toBe(0);
    expect((await ok('journalTrades', { ...page, tag: 'fade' })).rows.map((r) => [r.symbol, r.tags, r.note])).toEqual([['MSFT', ['Fade'], 'chased the open']]);
    expect((await ok('journalStats', { tag: 'fade' })).stats).toMatchObject({ trades: 1, netPl: '-10.4' });
    expect(await ok('journalTags', {})).toEqual(['breakout', 'Fade']);
    expect((await ok('journalTrades', byNet)).rows.map((r) => r.tags)).toEqual([['breakout'], ['Fade']]);
  });

  it('refuses oversized or malformed journal requests before they reach the desk', async () => {
    expect(await terminal.handle('journalTrades', { offset: 0, limit: 5000 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await terminal.handle('journalTrades', { ...page, range: { kind: 'custom', from: 'yesterday', to: '2026-01-01' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await terminal.handle('journalStats', { tag: 'x'.repeat(33) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await terminal.handle('journalTrades', { ...page, sort: { key: 'password', descending: true } })).toMatchObject({ ok: false });
  });
});
