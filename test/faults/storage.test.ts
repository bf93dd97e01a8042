// Storage faults under plain Node: a ledger that cannot be written (disk full through SQLite's max_page_count,
// read-only through query_only) in the middle of an order, an expiry, a roll and a quote flush. The desk lives,
// says why, refuses changes with that message and applies nothing; once the fault clears it works again and
// verify finds the ledger consistent.
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaperDesk } from '../../src/main/desk/desk';
import { Dec } from '../../src/main/engine/decimal';
import { verifyLedger } from '../../src/main/ledger/verify';
import { openTestDesk, quote, rowCounts, type TestDesk } from '../support/desk';

let handle: TestDesk | undefined;
afterEach(() => {
  handle?.close();
  handle = undefined;
});

/** Caps the file at its current size and fills every free page, so any write that needs a new page is SQLITE_FULL. */
function fillDisk(sqlite: Database.Database): void {
  sqlite.exec('CREATE TABLE IF NOT EXISTS test_filler (x BLOB)');
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  sqlite.pragma(`max_page_count = ${pages}`);
  for (let i = 0; i < 100_000; i += 1) {
    try {
      sqlite.prepare('INSERT INTO test_filler VALUES (randomblob(3000))').run();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_FULL') return;
      throw error;
    }
  }
  throw new Error('the disk never filled');
}

function freeDisk(sqlite: Database.Database): void {
  sqlite.pragma('max_page_count = 1073741823');
}

function expectClean(desk: PaperDesk) {
  const report = verifyLedger(desk.ledger);
  expect(report.differences).toEqual([]);
  expect(report.ok).toBe(true);
}

const limitBuy = (price: string, tif = 'DAY') =>
  ({ account: 'main', symbol: 'AAPL', side: 'BUY', qty: '1', orderType: 'LMT', limit: price, tif }) as const;

describe('a ledger that fills up during a run', () => {
  it('refuses orders with why, where and what to do, applies nothing, and recovers when space comes back', async () => {
    handle = await openTestDesk();
    const { desk } = handle;
    desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
    fillDisk(desk.ledger.sqlite);
    let refused: { code: string; message: string } | undefined;
    for (let i = 0; i < 2_000 && !refused; i += 1) {
      const before = rowCounts(desk);
      const working = [...desk.state.allWorkingOrders()].length;
      const result = desk.placeOrder(limitBuy('150.00'));
      if (!result.ok) {
        refused = result.error;
        expect(rowCounts(desk)).toEqual(before);
        expect([...desk.state.allWorkingOrders()]).toHaveLength(working);
      }
    }
    expect(refused?.code).toBe('LEDGER_UNWRITABLE');
    expect(refused?.message).toMatch(/^cannot write the ledger: the disk is full \(.*ledger\.db\); free some space/);
    expect(desk.fault).toMatchObject({ why: 'the disk is full', where: handle.path, code: 'SQLITE_FULL' });
    // Still full: the housekeeping check keeps the fault, and throws nothing.
    expect(desk.checkLedger()).not.toBeNull();
    freeDisk(desk.ledger.sqlite);
    const next = desk.placeOrder(limitBuy('150.00'));
    expect(next).toMatchObject({ ok: true, value: { status: 'WORKING' } });
    expect(desk.fault).toBeNull();
    expectClean(desk);
  });

  it('in the middle of an expiry: the orders stay working until the ledger takes the expiry', async () => {
    handle = await openTestDesk();
    const { desk, clock } = handle;
    desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
    for (let i = 0; i < 80; i += 1) expect(desk.placeOrder(limitBuy('150.00')).ok).toBe(true);
    fillDisk(desk.ledger.sqlite);
    clock.set('2026-01-05T21:05:00Z'); // 16:05 New York: the DAY orders are due to expire
    const before = rowCounts(desk);
    expect(() => desk.catchUp()).not.toThrow();
    expect(desk.fault?.code).toBe('SQLITE_FULL');
    expect(rowCounts(desk)).toEqual(before);
    expect([...desk.state.allWorkingOrders()]).toHaveLength(80);
    expect(desk.placeOrder(limitBuy('150.00'))).toMatchObject({ ok: false, error: { code: 'LEDGER_UNWRITABLE' } });
    freeDisk(desk.ledger.sqlite);
    expect(desk.checkLedger()).toBeNull();
    desk.catchUp();
    expect([...desk.state.allWorkingOrders()]).toHaveLength(0);
    expect(desk.ledger.orders().every((o) => o.status === 'EXPIRED')).toBe(true);
    expectClean(desk);
  });

  it('in the middle of a roll: the day stays until the ledger takes the roll', async () => {
    handle = await openTestDesk();
    const { desk, clock } = handle;
    for (let i = 0; i < 80; i += 1) expect(desk.createAccount({ id: `acct${i}` }).ok).toBe(true);
    const rollBefore = desk.state.lastRollAt;
    fillDisk(desk.ledger.sqlite);
    clock.set('2026-01-05T22:05:00Z'); // 17:05 New York: the day rolls
    expect(() => desk.catchUp()).not.toThrow();
    expect(desk.fault?.code).toBe('SQLITE_FULL');
    expect(desk.state.lastRollAt).toBe(rollBefore);
    freeDisk(desk.ledger.sqlite);
    desk.catchUp();
    expect(desk.fault).toBeNull();
    expect(desk.state.lastRollAt).toBeGreaterThan(rollBefore);
    expectClean(desk);
  });

  it('in the middle of a quote flush: marks keep moving, the quotes are written once space comes back', async () => {
    handle = await openTestDesk();
    const { desk } = handle;
    fillDisk(desk.ledger.sqlite);
    for (let i = 0; i < 300; i += 1) desk.applyQuote(quote({ symbol: `S${String.fromCharCode(65 + (i % 26))}${i}`.replace(/\d/g, (d) => 'ABCDEFGHIJ'[Number(d)]!), last: '10.00' }));
    expect(() => desk.flushQuotes()).not.toThrow();
    expect(desk.fault?.code).toBe('SQLITE_FULL');
    const stored = () => (desk.ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM quotes').get() as { n: number }).n;
    expect(stored()).toBe(0);
    freeDisk(desk.ledger.sqlite);
    expect(desk.checkLedger()).toBeNull();
    expect(stored()).toBe(300);
    expectClean(desk);
  });
});

describe('a ledger turned read-only during a run', () => {
  it('refuses orders, keeps filling nothing on quotes, and recovers by itself', async () => {
    handle = await openTestDesk();
    const { desk } = handle;
    desk.applyQuote(quote({ symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' }));
    expect(desk.placeOrder(limitBuy('199.00', 'GTC')).ok).toBe(true);
    desk.ledger.sqlite.pragma('query_only = 1');
    const before = rowCounts(desk);
    const refused = desk.placeOrder({ account: 'main', symbol: 'AAPL', side: 'BUY', qty: '1', orderType: 'MKT', tif: 'DAY' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'LEDGER_UNWRITABLE' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/^cannot write the ledger: the ledger file is read-only/);
    // A quote that would fill the resting order moves the mark but fills nothing while nothing can be recorded.
    expect(() => desk.applyQuote(quote({ symbol: 'AAPL', bid: '198.90', ask: '198.95', last: '198.90' }))).not.toThrow();
    expect(desk.state.quote('AAPL')?.ask?.toFixed()).toBe('198.95');
    expect(rowCounts(desk)).toEqual(before);
    expect([...desk.state.allWorkingOrders()]).toHaveLength(1);
    desk.ledger.sqlite.pragma('query_only = 0');
    expect(desk.checkLedger()).toBeNull();
    // The next quote re-evaluates the resting order: it fills now.
    desk.applyQuote(quote({ symbol: 'AAPL', bid: '198.90', ask: '198.95', last: '198.90' }));
    expect([...desk.state.allWorkingOrders()]).toHaveLength(0);
    expect(desk.position('main', 'AAPL')?.qty.equals(new Dec(1))).toBe(true);
    expectClean(desk);
  });
});
