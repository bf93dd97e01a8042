import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFromFutureError, Ledger } from '../../src/main/ledger/ledger';
import { verifyLedger } from '../../src/main/ledger/verify';
import { MIGRATIONS } from '../../src/main/ledger/migrations';
import { accountMetrics } from '../../src/main/engine/accounting';
import { Dec } from '../../src/main/engine/decimal';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openTestDesk, quote, type TestDesk } from '../support/desk';
import { tempDir } from '../support/scenario';

let t: TestDesk | undefined;
afterEach(() => t?.close());

function plan(sqlite: Database.Database, sql: string, ...params: unknown[]): string {
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
}

describe('the ledger file', () => {
  it('is a WAL database with durable commits and foreign keys on', async () => {
    t = await openTestDesk();
    const { sqlite } = t.desk.ledger;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a database written by a newer version of the app', async () => {
    const dir = tempDir();
    const path = join(dir.path, 'future.db');
    (await Ledger.open({ path })).close();
    const sqlite = new Database(path);
    sqlite.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01')").run();
    sqlite.close();
    await expect(Ledger.open({ path })).rejects.toBeInstanceOf(DatabaseFromFutureError);
    await expect(Ledger.open({ path })).rejects.toThrow(/newer version of Thor Paper Desk/);
    dir.cleanup();
  });

  it('finds working orders and client order ids through their indexes, not a scan of history', async () => {
    t = await openTestDesk();
    const { sqlite } = t.desk.ledger;
    expect(plan(sqlite, "SELECT * FROM orders WHERE status = 'WORKING' ORDER BY id")).toMatch(/USING INDEX orders_working/);
    expect(plan(sqlite, 'SELECT * FROM orders WHERE account_id = ? AND client_order_id = ?', 'main', 'x')).toMatch(
      /USING INDEX orders_client_order_id/,
    );
    expect(plan(sqlite, 'SELECT * FROM fills WHERE account_id = ? ORDER BY id', 'main')).toMatch(/USING INDEX fills_account/);
  });

  it('keeps the last quotes across a restart, so positions are marked at once', async () => {
    t = await openTestDesk();
    t.desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
    t.desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 10, orderType: 'MKT' });
    t.desk.applyQuote(quote({ symbol: 'AAPL', bid: '205.00', ask: '205.02', last: '205.01' }));
    const desk = await t.reopen();
    expect(desk.state.quote('AAPL')?.last?.toFixed()).toBe('205.01');
  });

  it('writes nothing for a quote that fills nothing', async () => {
    t = await openTestDesk();
    const { sqlite } = t.desk.ledger;
    const changes = () => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    t.desk.applyQuote(quote({ symbol: 'MSFT', bid: '400.00', ask: '400.05' }));
    expect(changes()).toBe(before);
  });
});

describe('verify replays order events through the transition table', () => {
  it('finds no difference in a clean ledger, and names an event the table forbids or a status the events do not reach', async () => {
    t = await openTestDesk();
    const { desk } = t;
    desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
    const filled = desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'MKT' });
    const resting = desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'LMT', limit: '150', tif: 'GTC' });
    if (!filled.ok || !resting.ok) throw new Error('orders refused');
    desk.cancelOrder(resting.value.id);
    expect(verifyLedger(desk.ledger)).toMatchObject({ ok: true, differences: [] });

    const { sqlite } = desk.ledger;
    // An invented event: a fill after the cancel.
    sqlite
      .prepare("INSERT INTO order_events (order_id, type, time, detail) VALUES (?, 'FILLED', '2026-01-05T14:31:00.000Z', NULL)")
      .run(resting.value.id);
    // A forgotten one: the filled order's FILLED event gone, so its events stop at WORKING.
    sqlite.prepare("DELETE FROM order_events WHERE order_id = ? AND type = 'FILLED'").run(filled.value.id);
    expect(verifyLedger(desk.ledger).differences).toEqual([
      `order ${filled.value.id}: status FILLED but its events lead to WORKING`,
      `order ${resting.value.id}: FILLED is not possible from CANCELED`,
    ]);
  });
});

describe('migration 0002: account totals come from the positions', () => {
  it('drops the stored account totals of a 0001 ledger, and the account shows its positions’ sums', async () => {
    const dir = tempDir();
    const path = join(dir.path, 'v1.db');
    const sqlite = new Database(path);
    const db = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: sqlite }) });
    const only0001 = { '0001_initial': MIGRATIONS['0001_initial']! };
    expect((await new Migrator({ db, provider: { getMigrations: async () => only0001 } }).migrateToLatest()).error).toBeUndefined();
    const at = '2026-01-05T14:30:00.000Z';
    sqlite
      .prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run('main', 'PAPER', 'DAYTRADE', '100000', '100100', '100', '-5', at, 0);
    sqlite
      .prepare('INSERT INTO positions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run('main', 'AAPL', 'EQ', '1', '0', '0', '100', '-5', at, at);
    await db.destroy();

    const ledger = await Ledger.open({ path });
    const columns = (ledger.sqlite.prepare('PRAGMA table_info(accounts)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('realized_pl_day');
    expect(columns).not.toContain('unrealized_at_roll');
    const state = ledger.loadState(Date.parse(at));
    expect(accountMetrics(state, state.account('main')!)).toMatchObject({ realizedPlDay: new Dec(100), plDay: new Dec(105) });
    ledger.close();
    dir.cleanup();
  });
});
