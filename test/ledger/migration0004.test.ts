// Migration 0004: a ledger from before the journal (migrated to 0002, fills and a reset in it) gets the trades of its
// fills on upgrade, the same ones the engine writes live, and verify is clean; a ledger made with the journal keeps
// its trades as they are (excursions, tags, notes).
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tradeView } from '../../src/main/desk/journalViews';
import { Dec } from '../../src/main/engine/decimal';
import { Ledger } from '../../src/main/ledger/ledger';
import { verifyLedger } from '../../src/main/ledger/verify';
import { openTestDesk, quote, type TestDesk } from '../support/desk';

let t: TestDesk | undefined;
afterEach(() => t?.close());

/** Trading that makes every kind of trade: scale-in, partial exit, a flip, a reset with a position open, one left open. */
function trade(desk: TestDesk['desk'], clock: TestDesk['clock']) {
  const buy = (symbol: string, qty: number) => expect(desk.placeOrder({ symbol, side: 'BUY', qty, orderType: 'MKT' }).ok).toBe(true);
  const sell = (symbol: string, qty: number) => expect(desk.placeOrder({ symbol, side: 'SELL', qty, orderType: 'MKT' }).ok).toBe(true);
  const at = (symbol: string, bid: string, ask: string) => {
    clock.time += 60_000;
    desk.applyQuote(quote({ symbol, bid, ask, last: bid }));
  };
  at('AAPL', '199.98', '200');
  at('MSFT', '400', '400.02');
  buy('AAPL', 10);
  at('AAPL', '201', '201.02');
  buy('AAPL', 5);
  sell('AAPL', 6);
  at('AAPL', '198', '198.02');
  sell('AAPL', 12); // flips to short 3
  buy('MSFT', 3);
  at('AAPL', '197', '197.02');
  buy('AAPL', 3); // closes the short
  sell('MSFT', 1);
  clock.time += 60_000;
  expect(desk.resetAccount('main').ok).toBe(true); // ends MSFT's trade
  at('MSFT', '401', '401.02');
  buy('MSFT', 7); // open at the end
}

/** What 0005 (linked orders) added, dropped: the ledger as it stood after 0004. */
const UNDO_0005 = `
  DROP INDEX orders_held;
  ${['parent_id', 'oco_group', 'limit_ticks', 'stop_ticks', 'trail_offset', 'trail_unit', 'trail_ref', 'limit_offset', 'trail_watermark', 'trail_stop']
    .map((c) => `ALTER TABLE orders DROP COLUMN ${c};`)
    .join(' ')}
  DELETE FROM kysely_migration WHERE name = '0005_linked_orders';`;

/** Back to 0002: what 0003 and 0004 added is dropped, as on a ledger from before the journal. */
function downgradeTo0002(path: string) {
  const sqlite = new Database(path);
  sqlite.exec(UNDO_0005);
  sqlite.exec(`
    DROP TABLE trades; DROP TABLE equity_samples; ALTER TABLE orders DROP COLUMN tags;
    DELETE FROM kysely_migration WHERE name NOT IN ('0001_initial', '0002_account_totals_from_positions');`);
  sqlite.close();
}

const money = ({ mae: _mae, mfe: _mfe, etd: _etd, ...rest }: ReturnType<typeof tradeView>) => rest;

describe('migration 0004: trades for the fills made before the journal', () => {
  it('a 0002 ledger with fills and a reset, upgraded, holds the trades the engine would have written; verify is clean', async () => {
    t = await openTestDesk();
    trade(t.desk, t.clock);
    const live = t.desk.trades().map(tradeView);
    expect(live.map((x) => x.status)).toEqual(['CLOSED', 'CLOSED', 'RESET', 'OPEN']);
    t.desk.close();
    downgradeTo0002(t.path);

    // Without 0004 the old fills have no trades: this is what verify used to report.
    const before = new Database(t.path);
    expect(before.prepare("SELECT name FROM sqlite_master WHERE name = 'trades'").get()).toBeUndefined();
    expect((before.prepare('SELECT count(*) AS n FROM fills').get() as { n: number }).n).toBe(8);
    before.close();

    const ledger = await Ledger.open({ path: t.path });
    const report = verifyLedger(ledger);
    expect(report.differences).toEqual([]);
    expect(report.trades).toBe(4);
    const rebuilt = ledger.trades().map(tradeView);
    ledger.close();
    // Every figure but the excursions (the quotes of the past are gone: they are measured at the fills only).
    expect(rebuilt.map(money)).toEqual(live.map(money));
    for (const x of rebuilt) {
      expect(new Dec(x.mae).lessThanOrEqualTo(0) && new Dec(x.mfe).greaterThanOrEqualTo(0)).toBe(true);
      if (x.status === 'CLOSED') expect(x.etd).toBe(new Dec(x.mfe).minus(x.grossPl).toFixed());
    }

    // The upgraded desk trades on: the next trade takes the next id, the open one closes, verify stays clean.
    const desk = await t.reopen();
    expect(desk.placeOrder({ symbol: 'MSFT', side: 'SELL', qty: 7, orderType: 'MKT' }).ok).toBe(true);
    expect(desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'MKT' }).ok).toBe(true);
    expect(desk.trades().map((x) => [x.id, x.symbol, x.status])).toEqual([
      [1, 'AAPL', 'CLOSED'],
      [2, 'AAPL', 'CLOSED'],
      [3, 'MSFT', 'RESET'],
      [4, 'MSFT', 'CLOSED'],
      [5, 'AAPL', 'OPEN'],
    ]);
    expect(verifyLedger(desk.ledger).differences).toEqual([]);
  });

  it('a ledger made with the journal keeps its trades: excursions from quotes, tags and notes', async () => {
    t = await openTestDesk();
    trade(t.desk, t.clock);
    expect(t.desk.editTrade(1, { addTags: ['Setup A'], note: 'kept' }).ok).toBe(true);
    const live = t.desk.trades().map(tradeView);
    t.desk.close();
    // As if the ledger stopped at 0003: 0004 runs over it on the next start.
    const sqlite = new Database(t.path);
    sqlite.exec(UNDO_0005);
    sqlite.exec("DELETE FROM kysely_migration WHERE name >= '0004_trades_from_old_fills'");
    sqlite.close();
    const desk = await t.reopen();
    expect(desk.trades().map(tradeView)).toEqual(live);
    expect(live[0]).toMatchObject({ tags: ['Setup A'], note: 'kept' });
    expect(verifyLedger(desk.ledger).differences).toEqual([]);
  });

  it('a ledger that ran 0003 over old fills: rebuilt with the ids verify counts, the stored trades keep tags and notes', async () => {
    t = await openTestDesk();
    trade(t.desk, t.clock);
    expect(t.desk.editTrade(3, { addTags: ['Kept'], note: 'mine' }).ok).toBe(true);
    const live = t.desk.trades().map(tradeView);
    t.desk.close();
    // As 0003 left such a ledger: no trades for the fills before it (trades 1 and 2 here), the later ones numbered from 1.
    const sqlite = new Database(t.path);
    sqlite.exec(UNDO_0005);
    sqlite.exec(`
      DELETE FROM trades WHERE id IN (1, 2); UPDATE trades SET id = id - 2;
      DELETE FROM kysely_migration WHERE name >= '0004_trades_from_old_fills';`);
    sqlite.close();
    const desk = await t.reopen();
    expect(verifyLedger(desk.ledger).differences).toEqual([]);
    const rebuilt = desk.trades().map(tradeView);
    expect(rebuilt.map(money)).toEqual(live.map(money));
    expect(rebuilt[2]).toMatchObject({ id: 3, symbol: 'MSFT', tags: ['Kept'], note: 'mine', mae: live[2]!.mae, mfe: live[2]!.mfe });
  });
});
