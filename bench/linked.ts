// Linked and trailing order benchmarks (`npm run bench -- --only=linked`), lines of `name value unit`:
//   quote_trailing_50_of_10k_median_us        desk.applyQuote on a symbol with 50 trailing stops, among 10,000 working
//                                             orders (1,000 of them trailing stops on other symbols); the mark walks
//                                             so W moves on about half the quotes (their rows written, durable)
//   ..._moving_median_us / ..._still_median_us the quotes that moved W (50 rows written) and those that did not
//   quote_trailing_50_of_100k_median_us       the same with 10x the orders on other symbols (10,000 trailing)
//   quote_trailing_others_growth_ratio        the second over the first: ~1 when other symbols cost nothing
//   quote_trailing_floor_50_rows_median_us    the floor: the same 50 rows' watermark and stop updated raw, one transaction
//   quote_trailing_moving_vs_floor_ratio      a quote that moves W over that floor (the fsync is the floor's too)
//   quote_trailing_order_rows_per_quote       order rows the measured quotes wrote, on average
//   bracket_place_ops_per_s                   desk.placeOrder of a resting parent with 2 HELD children, durable
//   bracket_place_floor_ops_per_s             the floor: the same 3 order rows and 3 events, raw, one transaction
//   bracket_place_vs_floor_pct                median over blocks of desk / floor (target >= 50%)
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PaperDesk } from '../src/main/desk/desk';
import { Dec } from '../src/main/engine/decimal';
import type { Order } from '../src/main/engine/model';
import { Ledger } from '../src/main/ledger/ledger';
import { eventRow, orderRow } from '../src/main/ledger/rows';
import { benchOrder } from './orders';

type Report = (name: string, value: number, unit: string) => void;
type Progress = (message: string) => void;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SYMBOLS = Array.from({ length: 200 }, (_, i) => `SYM${LETTERS[Math.floor(i / 26)]}${LETTERS[i % 26]}`);
const MEASURED = SYMBOLS[0]!;
const ON_MEASURED = 50;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`bench: ${message}`);
}

function insertSql(table: string, columns: readonly string[]): string {
  return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
}

/** A resting order on another symbol: every tenth a trailing stop with its watermark and stop, the rest a low LMT. */
function otherOrder(id: number, symbol: string, time: number, trailing: boolean): Order {
  return benchOrder({
    id,
    symbol,
    createdAt: time,
    side: 'SELL',
    type: trailing ? 'TRAIL_STP' : 'LMT',
    limit: trailing ? null : new Dec(1000),
    trail: trailing ? { offset: new Dec(5), unit: 'PRICE', ref: 'MARK', limitOffset: new Dec(0), watermark: new Dec(100), stop: new Dec(95) } : null,
  });
}

async function quoteCase(dir: string, others: number, quotes: number) {
  const path = join(dir, `trailing-${others}.db`);
  {
    const desk = await PaperDesk.open({ path });
    check(desk.createAccount({ id: 'main', cash: '1000000000' }).ok, 'createAccount');
    for (const symbol of SYMBOLS) desk.applyQuote({ symbol, bid: new Dec('99.99'), ask: new Dec('100.01'), last: new Dec('100'), mark: new Dec('100') });
    desk.close();
  }
  {
    // The other symbols' orders written as the ledger writes them (placing 100,000 through the desk takes minutes).
    const db = new Database(path);
    for (const pragma of PRAGMAS) db.pragma(pragma);
    const probe = orderRow(otherOrder(1, SYMBOLS[1]!, 0, true));
    const insertOrder = db.prepare(insertSql('orders', Object.keys(probe)));
    const probeEvent = eventRow({ orderId: 1, type: 'ACCEPTED', time: 0, detail: null });
    const insertEvent = db.prepare(insertSql('order_events', Object.keys(probeEvent)));
    const time = Date.now();
    db.transaction(() => {
      for (let id = 1; id <= others; id += 1) {
        // Every tenth, and the first five: 1,000 trailing stops among 9,950 (10,000 among 99,950).
        const order = otherOrder(id, SYMBOLS[1 + ((id - 1) % (SYMBOLS.length - 1))]!, time, id % 10 === 0 || id <= 5);
        insertOrder.run(...Object.values(orderRow(order)));
        insertEvent.run(...Object.values(eventRow({ orderId: id, type: 'ACCEPTED', time, detail: null })));
      }
    })();
    db.close();
  }
  const desk = await PaperDesk.open({ path });
  check(desk.state.workingCount() === others, 'working orders after open');
  for (let k = 0; k < ON_MEASURED; k += 1) {
    const placed = desk.placeOrder({ account: 'main', symbol: MEASURED, side: 'SELL', qty: 1, orderType: 'TRAIL_STP', trailOffset: '5.00', tif: 'GTC' });
    check(placed.ok && placed.value.status === 'WORKING', 'trailing stop did not rest');
  }
  let rows = 0;
  desk.subscribe((change) => (rows += change.orders.length + change.trails.length));
  // The mark (in cents) makes a new high on every other quote and pulls back a cent on the others: W moves on half
  // of them (50 rows written), the stop 5.00 below is never reached.
  let level = 10_000;
  const tick = (i: number) => {
    level += i % 2 === 0 ? 2 : -1;
    const mark = new Dec(level).div(100);
    desk.applyQuote({ symbol: MEASURED, bid: mark.minus('0.01'), ask: mark.plus('0.01'), last: mark, mark });
  };
  for (let i = 0; i < 200; i += 1) tick(i);
  rows = 0;
  const times: number[] = [];
  const moving: number[] = [];
  const still: number[] = [];
  for (let i = 0; i < quotes; i += 1) {
    const start = performance.now();
    tick(i);
    const took = performance.now() - start;
    times.push(took);
    (i % 2 === 0 ? moving : still).push(took);
  }
  check(desk.state.workingCount() === others + ON_MEASURED, 'nothing triggered');
  desk.close();
  return { medianUs: median(times) * 1000, movingUs: median(moving) * 1000, stillUs: median(still) * 1000, rowsPerQuote: rows / quotes };
}

/** The floor of a quote that moves 50 trailing stops: their watermark and stop updated raw, one durable transaction. */
async function trailingFloor(dir: string, quotes: number): Promise<number> {
  const path = join(dir, 'trailing-floor.db');
  (await Ledger.open({ path })).close();
  const db = new Database(path);
  for (const pragma of PRAGMAS) db.pragma(pragma);
  db.prepare("insert into accounts values ('main', 'PAPER', 'DAYTRADE', '1000000000', '1000000000', ?, 0)").run(new Date().toISOString());
  const order = otherOrder(1, MEASURED, Date.now(), true);
  const insert = db.prepare(insertSql('orders', Object.keys(orderRow(order))));
  for (let id = 1; id <= ON_MEASURED; id += 1) insert.run(...Object.values(orderRow({ ...order, id })));
  const update = db.prepare('update "orders" set "trail_watermark" = ?, "trail_stop" = ? where "id" = ?');
  const write = db.transaction((w: number) => {
    for (let id = 1; id <= ON_MEASURED; id += 1) update.run(new Dec(w).div(100).toFixed(), new Dec(w - 500).div(100).toFixed(), id);
  });
  const times: number[] = [];
  for (let i = 0; i < quotes; i += 1) {
    const start = performance.now();
    write.immediate(10_000 + i);
    times.push(performance.now() - start);
  }
  db.close();
  return median(times) * 1000;
}

async function bracketRates(dir: string, blocks: number, n: number) {
  const desk = await PaperDesk.open({ path: join(dir, 'bracket.db') });
  check(desk.createAccount({ id: 'main', cash: '1000000000' }).ok, 'createAccount');
  for (const symbol of SYMBOLS) desk.applyQuote({ symbol, bid: new Dec('99.99'), ask: new Dec('100.01'), last: new Dec('100') });
  const floorPath = join(dir, 'bracket-floor.db');
  (await Ledger.open({ path: floorPath })).close();
  const db = new Database(floorPath);
  for (const pragma of PRAGMAS) db.pragma(pragma);
  db.prepare("insert into accounts values ('main', 'PAPER', 'DAYTRADE', '1000000000', '1000000000', ?, 0)").run(new Date().toISOString());
  const orderColumns = Object.keys(orderRow(otherOrder(1, MEASURED, 0, false)));
  // An upsert, as the ledger writes every order row (and as the place-and-fill floor of run.ts does).
  const insertOrder = db.prepare(
    `${insertSql('orders', orderColumns)} on conflict ("id") do update set ${orderColumns.filter((c) => c !== 'id').map((c) => `"${c}" = "excluded"."${c}"`).join(', ')}`,
  );
  const insertEvent = db.prepare(insertSql('order_events', Object.keys(eventRow({ orderId: 1, type: 'HELD', time: 0, detail: null }))));
  let floorId = 0;
  const floorOne = db.transaction((symbol: string) => {
    const time = Date.now();
    const parent = { ...otherOrder(++floorId, symbol, time, false), side: 'BUY' as const, limit: new Dec('50') };
    insertOrder.run(...Object.values(orderRow(parent)));
    insertEvent.run(...Object.values(eventRow({ orderId: parent.id, type: 'ACCEPTED', time, detail: null })));
    for (const side of [0, 1]) {
      const child: Order = {
        ...otherOrder(++floorId, symbol, time, false),
        status: 'HELD',
        qty: new Dec(0),
        type: side === 0 ? 'LMT' : 'STP',
        limit: null,
        parentId: parent.id,
        ocoGroup: `oco-${parent.id + 1}`,
        limitTicks: side === 0 ? new Dec(100) : null,
        stopTicks: side === 1 ? new Dec(-100) : null,
      };
      insertOrder.run(...Object.values(orderRow(child)));
      insertEvent.run(...Object.values(eventRow({ orderId: child.id, type: 'HELD', time, detail: { parentId: parent.id } })));
    }
  });
  let i = 0;
  const runDesk = () => {
    const start = performance.now();
    for (let k = 0; k < n; k += 1) {
      const placed = desk.placeOrder({
        account: 'main', symbol: SYMBOLS[i++ % SYMBOLS.length], side: 'BUY', qty: 1, orderType: 'LMT', limit: '50.00', tif: 'GTC',
        children: [{ side: 'SELL', orderType: 'LMT', limitTicks: 100 }, { side: 'SELL', orderType: 'STP', stopTicks: -100 }],
      });
      check(placed.ok && placed.value.status === 'WORKING', 'bracket parent did not rest');
    }
    return (n / (performance.now() - start)) * 1000;
  };
  let j = 0;
  const runFloor = () => {
    const start = performance.now();
    for (let k = 0; k < n; k += 1) floorOne.immediate(SYMBOLS[j++ % SYMBOLS.length]!);
    return (n / (performance.now() - start)) * 1000;
  };
  runDesk();
  runFloor();
  const deskRates: number[] = [];
  const floorRates: number[] = [];
  const ratios: number[] = [];
  for (let b = 0; b < blocks; b += 1) {
    // Alternating which side goes first, so a slow stretch of the disk falls on both.
    const [d, f] = b % 2 === 0 ? [runDesk(), runFloor()] : ((): [number, number] => { const f0 = runFloor(); return [runDesk(), f0]; })();
    deskRates.push(d);
    floorRates.push(f);
    ratios.push(d / f);
  }
  desk.close();
  db.close();
  return { desk: median(deskRates), floor: median(floorRates), ratio: median(ratios) };
}

export async function benchLinked(dir: string, report: Report, progress: Progress): Promise<void> {
  progress('quotes through 50 trailing stops among 10,000 working orders...');
  const small = await quoteCase(dir, 10_000 - ON_MEASURED, 1000);
  progress('... and among 100,000...');
  const large = await quoteCase(dir, 100_000 - ON_MEASURED, 1000);
  const floor = await trailingFloor(dir, 1000);
  report('quote_trailing_50_of_10k_median_us', small.medianUs, 'us');
  report('quote_trailing_50_of_10k_moving_median_us', small.movingUs, 'us');
  report('quote_trailing_50_of_10k_still_median_us', small.stillUs, 'us');
  report('quote_trailing_50_of_100k_median_us', large.medianUs, 'us');
  report('quote_trailing_50_of_100k_moving_median_us', large.movingUs, 'us');
  report('quote_trailing_50_of_100k_still_median_us', large.stillUs, 'us');
  report('quote_trailing_others_growth_ratio', large.medianUs / small.medianUs, 'x');
  report('quote_trailing_floor_50_rows_median_us', floor, 'us');
  report('quote_trailing_moving_vs_floor_ratio', small.movingUs / floor, 'x');
  report('quote_trailing_order_rows_per_quote', small.rowsPerQuote, 'rows');
  progress('placing brackets (parent + 2 HELD children), durable, against the raw floor...');
  const bracket = await bracketRates(dir, 12, 100);
  report('bracket_place_ops_per_s', bracket.desk, 'ops/s');
  report('bracket_place_floor_ops_per_s', bracket.floor, 'ops/s');
  report('bracket_place_vs_floor_pct', bracket.ratio * 100, '%');
}
