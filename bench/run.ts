// Thor Paper Desk benchmark: `npm run bench` prints `name value unit` lines; `npm run bench -- --json` prints one
// JSON object {"name": {"value": n, "unit": "..."}} and nothing else of its own on stdout (progress goes to stderr;
// `npm run` itself prints its "> script" banner to stdout, so use `npm run --silent bench -- --json` for clean JSON).
// Every database is a temp file under os.tmpdir(), deleted at the end. Runs in about 50 s on 2 cores, plus ~35 s for ui;
// `--only=place,quotes,startup,livedata,ui` runs a subset. bench_total_s is the run's own wall time.
//
// 1. Place and fill (file database, WAL, synchronous=FULL as Ledger.open sets them; one account, AAPL quoted
//    199.98 / 200.00 / 199.99; MKT orders of 1 share alternating BUY / SELL; each one durable commit):
//    place_fill_ops_per_s        desk.placeOrder throughput (engine + ledger): 24 blocks of 250 orders, alternating
//                                with the floor's blocks; total orders / total time
//    place_fill_floor_ops_per_s  the same rows written with raw better-sqlite3 prepared statements, one IMMEDIATE
//                                transaction per order (order upsert, 2 order_events, fill, position upsert,
//                                account upsert), same pragmas, on a fresh file made by Ledger.open
//    place_fill_vs_floor_pct     desk / floor, the median of the per-block ratios (target >= 50 %); the disk's
//                                fsync latency drifts a lot on this VM, and neighbouring blocks share the drift
//    place_fill_nosync_ops_per_s, place_fill_floor_nosync_ops_per_s, place_fill_nosync_vs_floor_pct
//                                diagnostics: the same two loops with synchronous=OFF, i.e. the CPU cost
//                                without the fsync (the gap there is engine + ledger code, not I/O)
//    place_fill_us_per_op, place_fill_floor_us_per_op   the same throughputs as microseconds per order
// 2. Quotes through working orders (50 resting LMT BUY @ 1.00 GTC on the measured symbol SYMAA, placed with
//    desk.placeOrder; 0, 950 or 9,950 more resting on the 199 other symbols; SYMAA's bid/ask change each tick
//    around 99-100, nothing fills):
//    quote_50_orders_<N>_others_median_us / _p95_us   desk.applyQuote on SYMAA, microseconds per quote
//    quote_order_rows_written_per_quote   order records in each quote's committed Change (written to disk)
//    quote_no_orders_median_us            desk.applyQuote on a symbol with no orders (9,950 working elsewhere)
//    desk_catchup_median_us               desk.catchUp() with nothing due: the per-operation clock check
//    place_rest_with_<N>_working_median_us  desk.placeOrder of a LMT that rests (the 50 on SYMAA), with N (+0..49)
//                                         working orders already in the account
// 5. The journal (bench/journal.ts): statistics over 100,000 closed trades, the excursion cost of a quote.
// 3. Start-up ("ready to trade") in a fresh child process (node --import tsx bench/openChild.ts), on a ledger
//    with 1,000,000 fills / 100,000 orders (99,900 FILLED + 100 WORKING), and on one with 10,000 fills / 1,000
//    orders (900 FILLED + 100 WORKING); median of 3 runs each after one warm-up run, database file in the page cache:
//    ready_<size>_ms            PaperDesk.open + the first desk.placeOrder (a LMT that rests), timed in the child
//    ready_<size>_open_ms       of which PaperDesk.open
//    ready_<size>_first_order_ms of which the first placeOrder
//    ready_<size>_module_load_ms importing the desk module graph (tsx, better-sqlite3, kysely, luxon, decimal.js)
//    ready_<size>_since_start_ms from the child's process start to ready (node + tsx + modules + open + order)
//    ready_<size>_process_wall_ms spawn to exit of the child, seen by this process
//    ready_1m_cold_file_ms      ready_1m_ms after dropping the database file from the page cache (dd nocache)
//    ledger_1m_file_mb          size of the big database file
// 4. peak_rss_<size>_mb          maxRSS of that child process (process.resourceUsage().maxRSS), MB, median of
//                               the 3 runs; peak_rss_<size>_max_mb the largest of them
//    peak_rss_node_tsx_baseline_mb  the same child importing nothing: node + the tsx loader alone
// 5. LiveData (bench/livedata.ts): workbook reads, file -> engine latency, the source's CPU.
// 6. UI (bench/ui.ts): the built renderer in headless Chromium through the browser host on a 200-symbol workbook:
//    tick to screen, order round trip (ticket -> fill row), long tasks at 200 symbols x 10 Hz and 1,000 x 1 Hz.
// 7. Journal screen (bench/journalUi.ts, `journalui`): opening the journal with 100,000 trades, first screen painted.
// 8. History (bench/history.ts, `history`): a page of a month of 20,000 fills and orders, an order's trail (issue 12).
// 9. Statements (bench/reports.ts, `reports`): a month of 20,000 fills in each format, time and peak memory.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PaperDesk } from '../src/main/desk/desk';
import { Dec } from '../src/main/engine/decimal';
import type { Order } from '../src/main/engine/model';
import { rollAtOrBefore } from '../src/main/engine/tradingDay';
import { Ledger } from '../src/main/ledger/ledger';
import { eventRow, orderRow, quoteRow } from '../src/main/ledger/rows';
import { mergeQuote } from '../src/main/engine/quotes';
import { benchHistory } from './history';
import { benchJournal } from './journal';
import { benchLiveData } from './livedata';
import { benchJournalUi } from './journalUi';
import { benchLinked } from './linked';
import { benchOrder } from './orders';
import { benchReports } from './reports';
import { benchUi } from './ui';
import type { ChildResult } from './openChild';

const JSON_MODE = process.argv.includes('--json');
/** `--only=place,quotes,startup,livedata,ui,journal,journalui,history,linked,reports` runs a subset (all by default). */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const selected = (part: 'place' | 'quotes' | 'startup' | 'livedata' | 'ui' | 'journal' | 'journalui' | 'history' | 'linked' | 'reports') => !ONLY || ONLY.includes(part);
const ROOT = resolve(__dirname, '..');
const CHILD = join(ROOT, 'bench', 'openChild.ts');

interface Figure {
  value: number;
  unit: string;
}
const figures: Record<string, Figure> = {};

function report(name: string, value: number, unit: string): void {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const rounded = Number(value.toFixed(digits));
  figures[name] = { value: rounded, unit };
  if (!JSON_MODE) process.stdout.write(`${name} ${rounded} ${unit}\n`);
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
const median = (values: readonly number[]) => percentile(values, 50);

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`bench: ${message}`);
}

const LEDGER_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000'];

/** An empty ledger file with the current schema, made by the ledger itself. */
async function freshLedgerFile(path: string): Promise<void> {
  const ledger = await Ledger.open({ path });
  ledger.close();
}

/** INSERT (or upsert on `conflict`) with the columns in the given order, positional parameters. */
function insertSql(table: string, columns: readonly string[], conflict?: readonly string[]): string {
  const base = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
  if (!conflict) return base;
  const updates = columns.filter((c) => !conflict.includes(c)).map((c) => `"${c}" = "excluded"."${c}"`);
  return `${base} on conflict (${conflict.map((c) => `"${c}"`).join(', ')}) do update set ${updates.join(', ')}`;
}

const ORDER_COLUMNS = [
  'id', 'account_id', 'client_order_id', 'symbol', 'asset_type', 'side', 'qty', 'order_type', 'limit_price',
  'stop_price', 'tif', 'status', 'triggered', 'filled_qty', 'avg_fill_price', 'reject_reason', 'status_reason',
  'expires_at', 'created_at', 'updated_at', 'tags',
] as const;
const EVENT_COLUMNS = ['id', 'order_id', 'type', 'time', 'detail'] as const;
const FILL_COLUMNS = [
  'id', 'order_id', 'account_id', 'symbol', 'asset_type', 'side', 'qty', 'price', 'multiplier', 'commission', 'fees',
  'realized_pl', 'time', 'quote', 'reason',
] as const;
const POSITION_COLUMNS = [
  'account_id', 'symbol', 'asset_type', 'multiplier', 'qty', 'cost', 'realized_pl_day', 'unrealized_at_roll',
  'opened_at', 'updated_at',
] as const;
const ACCOUNT_COLUMNS = [
  'id', 'broker', 'margin', 'starting_balance', 'cash', 'created_at', 'ordinal',
] as const;
const RESET_COLUMNS = ['id', 'account_id', 'kind', 'time', 'starting_balance', 'cash_before', 'after_fill_id'] as const;

// ---------------------------------------------------------------------------------------------------------------
// 1. Place and fill

const AAPL = { symbol: 'AAPL', bid: new Dec('199.98'), ask: new Dec('200.00'), last: new Dec('199.99') };

async function openPlaceDesk(path: string): Promise<PaperDesk> {
  const desk = await PaperDesk.open({ path });
  const account = desk.createAccount({ id: 'main', cash: '1000000000' });
  assert(account.ok, 'createAccount failed');
  desk.applyQuote(AAPL);
  return desk;
}

/** desk.placeOrder of n MKT orders, alternating BUY / SELL 1 share; returns ops/s. */
function runDeskPlaces(desk: PaperDesk, n: number, counter: { i: number }): number {
  const start = performance.now();
  for (let k = 0; k < n; k += 1) {
    const side = counter.i % 2 === 0 ? 'BUY' : 'SELL';
    counter.i += 1;
    const result = desk.placeOrder({ account: 'main', symbol: 'AAPL', side, qty: 1, orderType: 'MKT' });
    if (!result.ok || result.value.status !== 'FILLED') throw new Error(`bench: order did not fill: ${JSON.stringify(result)}`);
  }
  return (n / (performance.now() - start)) * 1000;
}

/** The floor: the same rows a MKT place-and-fill writes, as raw prepared statements, one transaction per order. */
class FloorWriter {
  private readonly upsertOrder: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly insertFill: Database.Statement;
  private readonly upsertPosition: Database.Statement;
  private readonly upsertAccount: Database.Statement;
  private readonly writeOne: Database.Transaction<(side: 'BUY' | 'SELL') => void>;
  private orderId = 0;
  private fillId = 0;
  private cashCents = 100_000_000_000;
  private realizedCents = 0;
  private qty = 0;
  private readonly createdAt: string;

  constructor(readonly db: Database.Database) {
    this.upsertOrder = db.prepare(insertSql('orders', ORDER_COLUMNS, ['id']));
    this.insertEvent = db.prepare(insertSql('order_events', EVENT_COLUMNS));
    this.insertFill = db.prepare(insertSql('fills', FILL_COLUMNS));
    this.upsertPosition = db.prepare(insertSql('positions', POSITION_COLUMNS, ['account_id', 'symbol']));
    this.upsertAccount = db.prepare(insertSql('accounts', ACCOUNT_COLUMNS, ['id']));
    this.createdAt = new Date().toISOString();
    db.prepare(insertSql('accounts', ACCOUNT_COLUMNS)).run(
      'main', 'PAPER', 'DAYTRADE', '1000000000', '1000000000', this.createdAt, 0,
    );
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const quoteJson = JSON.stringify({ bid: '199.98', ask: '200', last: '199.99', mark: '199.99', time: this.createdAt });
    this.writeOne = db.transaction((side: 'BUY' | 'SELL') => {
      const now = new Date().toISOString();
      const id = ++this.orderId;
      const fillId = ++this.fillId;
      const price = side === 'BUY' ? '200' : '199.98';
      const priceCents = side === 'BUY' ? 20_000 : 19_998;
      let realized = 0;
      if (side === 'BUY') {
        this.qty += 1;
        this.cashCents -= priceCents;
      } else {
        this.qty -= 1;
        this.cashCents += priceCents;
        realized = priceCents - 20_000;
        this.realizedCents += realized;
      }
      this.upsertOrder.run(
        id, 'main', null, 'AAPL', 'EQ', side, '1', 'MKT', null, null, 'DAY', 'FILLED', 0, '1', price, null, null,
        expiresAt, now, now, '[]',
      );
      this.insertEvent.run(null, id, 'ACCEPTED', now, null);
      this.insertEvent.run(null, id, 'FILLED', now, `{"fillId":${fillId},"qty":"1","price":"${price}"}`);
      this.insertFill.run(
        fillId, id, 'main', 'AAPL', 'EQ', side, '1', price, '1', '0', '0', cents(realized), now, quoteJson,
        `MKT ${side}: filled at ${side === 'BUY' ? 'ask' : 'bid'} ${price}`,
      );
      this.upsertPosition.run(
        'main', 'AAPL', 'EQ', '1', String(this.qty), this.qty === 0 ? '0' : '200', cents(this.realizedCents), '0',
        this.createdAt, now,
      );
      this.upsertAccount.run(
        'main', 'PAPER', 'DAYTRADE', '1000000000', cents(this.cashCents), this.createdAt, 0,
      );
    });
  }

  run(n: number): number {
    const start = performance.now();
    for (let k = 0; k < n; k += 1) this.writeOne.immediate(this.orderId % 2 === 0 ? 'BUY' : 'SELL');
    return (n / (performance.now() - start)) * 1000;
  }
}

function cents(value: number): string {
  return new Dec(value).div(100).toFixed();
}

async function openFloor(path: string): Promise<FloorWriter> {
  await freshLedgerFile(path);
  const db = new Database(path);
  for (const pragma of LEDGER_PRAGMAS) db.pragma(pragma);
  return new FloorWriter(db);
}

/**
 * Desk and floor in alternating blocks (desk first in even blocks, floor first in odd ones), so a slow stretch of
 * the virtual disk falls on both sides. Throughput is each side's total ops over its total time; the ratio is the
 * median over blocks of desk rate / floor rate of the same block, which cancels drift in fsync latency.
 */
async function benchPlaceFill(dir: string, synchronous: 'FULL' | 'OFF', blocks: number, n: number, warmup: number) {
  const desk = await openPlaceDesk(join(dir, `place-${synchronous}.db`));
  const floor = await openFloor(join(dir, `floor-${synchronous}.db`));
  if (synchronous === 'OFF') {
    desk.ledger.sqlite.pragma('synchronous = OFF');
    floor.db.pragma('synchronous = OFF');
  }
  const counter = { i: 0 };
  runDeskPlaces(desk, warmup, counter);
  floor.run(warmup);
  const deskRates: number[] = [];
  const floorRates: number[] = [];
  const ratios: number[] = [];
  for (let b = 0; b < blocks; b += 1) {
    let deskRate: number;
    let floorRate: number;
    if (b % 2 === 0) {
      deskRate = runDeskPlaces(desk, n, counter);
      floorRate = floor.run(n);
    } else {
      floorRate = floor.run(n);
      deskRate = runDeskPlaces(desk, n, counter);
    }
    deskRates.push(deskRate);
    floorRates.push(floorRate);
    ratios.push(deskRate / floorRate);
  }
  const fills = desk.ledger.sqlite.prepare('select count(*) as n from fills').get() as { n: number };
  assert(fills.n === warmup + blocks * n, 'every desk order should have one fill');
  desk.close();
  floor.db.close();
  // Each block has n ops: the total rate is n * blocks over the summed block times.
  const overall = (rates: readonly number[]) => (blocks * n) / rates.reduce((sum, rate) => sum + n / rate, 0);
  const spread = (rates: readonly number[]) => `${percentile(rates, 10).toFixed(0)}..${percentile(rates, 90).toFixed(0)}`;
  progress(
    `place/fill sync=${synchronous}, ${blocks} blocks of ${n}: desk ${overall(deskRates).toFixed(0)} ops/s ` +
      `(p10..p90 ${spread(deskRates)}), floor ${overall(floorRates).toFixed(0)} ops/s (${spread(floorRates)}), ` +
      `ratio p10..p90 ${percentile(ratios, 10).toFixed(2)}..${percentile(ratios, 90).toFixed(2)}`,
  );
  return { desk: overall(deskRates), floor: overall(floorRates), ratio: median(ratios) };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Quotes through working orders

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** SYMAA, SYMAB, ..., SYMHR: 200 plain equity symbols. */
const SYMBOLS = Array.from({ length: 200 }, (_, i) => `SYM${LETTERS[Math.floor(i / 26)]}${LETTERS[i % 26]}`);
const MEASURED = SYMBOLS[0]!;
const EMPTY_SYMBOL = 'SYMZZ';
const ON_MEASURED = 50;

function restingOrder(id: number, symbol: string, time: number): Order {
  return benchOrder({ id, symbol, createdAt: time });
}

interface QuoteCase {
  medianUs: number;
  p95Us: number;
  rowsPerQuote: number;
  placeRestMedianUs: number;
  working: number;
  emptyMedianUs?: number;
  catchUpMedianUs?: number;
}

async function benchQuotes(dir: string, others: number, quotes: number, warmup: number): Promise<QuoteCase> {
  const path = join(dir, `quotes-${others}.db`);
  {
    const desk = await PaperDesk.open({ path });
    assert(desk.createAccount({ id: 'main', cash: '1000000000' }).ok, 'createAccount failed');
    for (const symbol of [...SYMBOLS, EMPTY_SYMBOL]) {
      desk.applyQuote({ symbol, bid: new Dec('99.98'), ask: new Dec('100.00'), last: new Dec('99.99') });
    }
    desk.close();
  }
  // The orders on the other symbols, written as the ledger writes resting orders (placing 9,950 through
  // desk.placeOrder would take over a minute: see place_rest_with_*). They load through PaperDesk.open as usual.
  {
    const db = new Database(path);
    for (const pragma of LEDGER_PRAGMAS) db.pragma(pragma);
    const insertOrder = db.prepare(insertSql('orders', ORDER_COLUMNS));
    const insertEvent = db.prepare(insertSql('order_events', EVENT_COLUMNS));
    const time = Date.now();
    db.transaction(() => {
      for (let id = 1; id <= others; id += 1) {
        const order = restingOrder(id, SYMBOLS[1 + ((id - 1) % (SYMBOLS.length - 1))]!, time);
        const row = orderRow(order);
        insertOrder.run(...ORDER_COLUMNS.map((column) => row[column]));
        insertEvent.run(...Object.values(eventRow({ orderId: id, type: 'ACCEPTED', time, detail: null })));
      }
    })();
    db.close();
  }
  const desk = await PaperDesk.open({ path });
  assert(desk.state.workingCount() === others, `expected ${others} working orders after open`);
  const placeTimes: number[] = [];
  for (let k = 0; k < ON_MEASURED; k += 1) {
    const start = performance.now();
    const placed = desk.placeOrder({ account: 'main', symbol: MEASURED, side: 'BUY', qty: 1, orderType: 'LMT', limit: '1.00', tif: 'GTC' });
    placeTimes.push(performance.now() - start);
    assert(placed.ok && placed.value.status === 'WORKING', 'resting order did not rest');
  }
  const working = desk.state.workingCount();
  assert(working === others + ON_MEASURED, 'working count');

  let orderRows = 0;
  let fills = 0;
  desk.subscribe((change) => {
    orderRows += change.orders.length;
    fills += change.fills.length;
  });
  const tick = (symbol: string, i: number) => {
    const bid = new Dec(9900 + (i % 100)).div(100); // 99.00 .. 99.99
    desk.applyQuote({ symbol, bid, ask: bid.plus('0.02'), last: bid.plus('0.01') });
  };
  for (let i = 0; i < warmup; i += 1) tick(MEASURED, i);
  orderRows = 0;
  const times: number[] = [];
  for (let i = 0; i < quotes; i += 1) {
    const start = performance.now();
    tick(MEASURED, i);
    times.push(performance.now() - start);
  }
  const rowsPerQuote = orderRows / quotes;
  const result: QuoteCase = {
    medianUs: median(times) * 1000,
    p95Us: percentile(times, 95) * 1000,
    rowsPerQuote,
    placeRestMedianUs: median(placeTimes) * 1000,
    working,
  };
  if (others > 0) {
    const empty: number[] = [];
    for (let i = 0; i < quotes; i += 1) {
      const start = performance.now();
      tick(EMPTY_SYMBOL, i);
      empty.push(performance.now() - start);
    }
    result.emptyMedianUs = median(empty) * 1000;
    const catchUp: number[] = [];
    for (let i = 0; i < quotes; i += 1) {
      const start = performance.now();
      desk.catchUp();
      catchUp.push(performance.now() - start);
    }
    result.catchUpMedianUs = median(catchUp) * 1000;
  }
  assert(fills === 0, 'no order should fill');
  assert(desk.state.workingCount() === working, 'working orders should not change');
  desk.close();
  progress(
    `quotes, ${others} others: median ${result.medianUs.toFixed(0)} us, p95 ${result.p95Us.toFixed(0)} us, ` +
      `${rowsPerQuote} order rows per quote, place-rest median ${result.placeRestMedianUs.toFixed(0)} us`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// 3 and 4. Start-up on a long history

interface HistoryShape {
  filledOrders: number;
  workingOrders: number;
  fills: number;
}

const HISTORY_SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'GOOGL', 'META', 'TSLA', 'AMD', 'NFLX', 'INTC'];

/** A ledger with a long, consistent-looking history: raw inserts in big transactions into a Ledger.open schema. */
async function buildHistory(path: string, shape: HistoryShape): Promise<void> {
  await freshLedgerFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON'); // every fill's order and account must exist
  db.pragma('cache_size = -131072');
  const now = Date.now();
  const start = now - 400 * 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const startingCash = 1_000_000_000;

  db.prepare(insertSql('accounts', ACCOUNT_COLUMNS)).run(
    'main', 'PAPER', 'DAYTRADE', String(startingCash), String(startingCash), iso(start), 0,
  );
  db.prepare(insertSql('resets', RESET_COLUMNS)).run(null, 'main', 'OPEN', iso(start), String(startingCash), '0', 0);
  db.prepare(insertSql('ledger_meta', ['key', 'value'])).run('last_roll_at', iso(rollAtOrBefore(now)));

  const insertOrder = db.prepare(insertSql('orders', ORDER_COLUMNS));
  const insertEvent = db.prepare(insertSql('order_events', EVENT_COLUMNS));
  const insertFill = db.prepare(insertSql('fills', FILL_COLUMNS));
  const totalOrders = shape.filledOrders + shape.workingOrders;
  const perOrder = Math.floor(shape.fills / shape.filledOrders);
  const extra = shape.fills - perOrder * shape.filledOrders;
  const step = Math.floor((now - start - 86_400_000) / shape.fills);
  let fillId = 0;
  const batch = 50_000;
  for (let from = 1; from <= totalOrders; from += batch) {
    db.transaction(() => {
      for (let id = from; id < Math.min(from + batch, totalOrders + 1); id += 1) {
        const symbol = HISTORY_SYMBOLS[id % HISTORY_SYMBOLS.length]!;
        if (id > shape.filledOrders) {
          const time = iso(now - 3_600_000 + id);
          insertOrder.run(
            id, 'main', null, symbol, 'EQ', 'BUY', '1', 'LMT', '1', null, 'GTC', 'WORKING', 0, '0', null, null, null, null,
            time, time, '[]',
          );
          insertEvent.run(null, id, 'ACCEPTED', time, null);
          continue;
        }
        const side = id % 2 === 0 ? 'SELL' : 'BUY';
        const count = perOrder + (id <= extra ? 1 : 0);
        const bidCents = 15_000 + (id % 5_000);
        const priceText = ((side === 'BUY' ? bidCents + 2 : bidCents) / 100).toFixed(2);
        const firstTime = start + (fillId + 1) * step;
        const created = iso(firstTime - 1);
        const quoteJson = JSON.stringify({
          bid: (bidCents / 100).toFixed(2),
          ask: ((bidCents + 2) / 100).toFixed(2),
          last: ((bidCents + 1) / 100).toFixed(2),
          mark: ((bidCents + 1) / 100).toFixed(2),
          time: created,
        });
        const reason = `MKT ${side}: filled at ${side === 'BUY' ? 'ask' : 'bid'} ${priceText}`;
        const last = iso(start + (fillId + count) * step);
        insertOrder.run(
          id, 'main', null, symbol, 'EQ', side, String(count), 'MKT', null, null, 'DAY', 'FILLED', 0, String(count),
          priceText, null, null, iso(firstTime + 86_400_000), created, last, '[]',
        );
        for (let k = 0; k < count; k += 1) {
          fillId += 1;
          insertFill.run(fillId, id, 'main', symbol, 'EQ', side, '1', priceText, '1', '0', '0', '0', iso(start + fillId * step), quoteJson, reason);
        }
        insertEvent.run(null, id, 'ACCEPTED', created, null);
        insertEvent.run(null, id, 'FILLED', last, JSON.stringify({ fillId, qty: String(count), price: priceText }));
      }
    })();
  }
  assert(fillId === shape.fills, `built ${fillId} fills, wanted ${shape.fills}`);

  const insertPosition = db.prepare(insertSql('positions', POSITION_COLUMNS));
  const insertQuote = db.prepare(insertSql('quotes', ['symbol', 'data', 'time']));
  db.transaction(() => {
    HISTORY_SYMBOLS.forEach((symbol, i) => {
      const qty = 100 * (i + 1);
      insertPosition.run('main', symbol, 'EQ', '1', String(qty), String(qty * 150), '0', '0', iso(start), iso(now - 86_400_000));
      const quote = mergeQuote(undefined, {
        symbol,
        time: now - 60_000,
        bid: new Dec('150.00'),
        ask: new Dec('150.02'),
        last: new Dec('150.01'),
      });
      insertQuote.run(...Object.values(quoteRow(quote)));
    });
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function runChild(dbPath: string): ChildResult & { wallMs: number } {
  return runChildRaw(dbPath) as unknown as ChildResult & { wallMs: number };
}

function runChildRaw(arg: string): Record<string, number> & { wallMs: number } {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, arg], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`bench: child failed (${child.status}): ${child.stderr}`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(line) as Record<string, number>), wallMs };
}

/** Drops one file from the page cache (posix_fadvise DONTNEED through GNU dd); false when dd cannot. */
function dropFileCache(path: string): boolean {
  const result = spawnSync('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none'], { encoding: 'utf8' });
  return result.status === 0;
}

function reportStartup(label: string, runs: readonly (ChildResult & { wallMs: number })[]): void {
  const pick = (f: (r: ChildResult & { wallMs: number }) => number) => median(runs.map(f));
  report(`ready_${label}_ms`, pick((r) => r.readyMs), 'ms');
  report(`ready_${label}_open_ms`, pick((r) => r.openMs), 'ms');
  report(`ready_${label}_first_order_ms`, pick((r) => r.firstOrderMs), 'ms');
  report(`ready_${label}_module_load_ms`, pick((r) => r.moduleLoadMs), 'ms');
  report(`ready_${label}_since_start_ms`, pick((r) => r.sinceProcessStartMs), 'ms');
  report(`ready_${label}_process_wall_ms`, pick((r) => r.wallMs), 'ms');
  report(`peak_rss_${label}_mb`, pick((r) => r.maxRssMB), 'MB');
  report(`peak_rss_${label}_max_mb`, Math.max(...runs.map((r) => r.maxRssMB)), 'MB');
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'thor-bench-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const began = performance.now();
  try {
    if (selected('place')) await partPlace(dir);
    if (selected('quotes')) await partQuotes(dir);
    if (selected('startup')) await partStartup(dir);
    if (selected('livedata')) await benchLiveData(dir, report, progress);
    if (selected('ui')) await benchUi(dir, report, progress);
    if (selected('journal')) await benchJournal(dir, report, progress);
    if (selected('journalui')) await benchJournalUi(dir, report, progress);
    if (selected('history')) await benchHistory(dir, report, progress);
    if (selected('linked')) await benchLinked(dir, report, progress);
    if (selected('reports')) await benchReports(dir, report, progress);
    report('bench_total_s', (performance.now() - began) / 1000, 's');
  } finally {
    cleanup();
  }
  if (JSON_MODE) process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function partPlace(dir: string): Promise<void> {
  progress('place and fill (synchronous=FULL)...');
  const full = await benchPlaceFill(dir, 'FULL', 24, 250, 300);
  report('place_fill_ops_per_s', full.desk, 'ops/s');
  report('place_fill_floor_ops_per_s', full.floor, 'ops/s');
  report('place_fill_vs_floor_pct', full.ratio * 100, '%');
  report('place_fill_us_per_op', 1e6 / full.desk, 'us');
  report('place_fill_floor_us_per_op', 1e6 / full.floor, 'us');
  progress('place and fill (synchronous=OFF, diagnostic)...');
  const nosync = await benchPlaceFill(dir, 'OFF', 12, 500, 300);
  report('place_fill_nosync_ops_per_s', nosync.desk, 'ops/s');
  report('place_fill_floor_nosync_ops_per_s', nosync.floor, 'ops/s');
  report('place_fill_nosync_vs_floor_pct', nosync.ratio * 100, '%');
}

async function partQuotes(dir: string): Promise<void> {
  let catchUp: number | undefined;
  let emptyQuote: number | undefined;
  for (const others of [0, 950, 9_950]) {
    progress(`quotes through ${ON_MEASURED} + ${others} working orders...`);
    const q = await benchQuotes(dir, others, 2000, 200);
    report(`quote_50_orders_${others}_others_median_us`, q.medianUs, 'us');
    report(`quote_50_orders_${others}_others_p95_us`, q.p95Us, 'us');
    report(`place_rest_with_${others}_working_median_us`, q.placeRestMedianUs, 'us');
    if (others === 9_950) report('quote_order_rows_written_per_quote', q.rowsPerQuote, 'rows');
    emptyQuote = q.emptyMedianUs ?? emptyQuote;
    catchUp = q.catchUpMedianUs ?? catchUp;
  }
  if (emptyQuote !== undefined) report('quote_no_orders_median_us', emptyQuote, 'us');
  if (catchUp !== undefined) report('desk_catchup_median_us', catchUp, 'us');
}

async function partStartup(dir: string): Promise<void> {
  const baseline = [runChildRaw('--baseline'), runChildRaw('--baseline'), runChildRaw('--baseline')];
  report('peak_rss_node_tsx_baseline_mb', median(baseline.map((r) => r.maxRssMB ?? Number.NaN)), 'MB');
  const shapes: [string, HistoryShape][] = [
    ['10k', { filledOrders: 900, workingOrders: 100, fills: 10_000 }],
    ['1m', { filledOrders: 99_900, workingOrders: 100, fills: 1_000_000 }],
  ];
  for (const [label, shape] of shapes) {
    const path = join(dir, `history-${label}.db`);
    progress(`building the ${label}-fill ledger...`);
    const t = performance.now();
    await buildHistory(path, shape);
    progress(`built in ${((performance.now() - t) / 1000).toFixed(1)} s (${(statSync(path).size / 2 ** 20).toFixed(0)} MB)`);
    if (label === '1m') report('ledger_1m_file_mb', statSync(path).size / 2 ** 20, 'MB');
    runChild(path); // warm-up: tsx's transform cache, the file in the page cache
    const results = [runChild(path), runChild(path), runChild(path)];
    for (const r of results) assert(r.workingOrders > shape.workingOrders, 'the child should load the working orders');
    progress(
      `${label}: ready ${results.map((r) => r.readyMs.toFixed(1)).join(', ')} ms; ` +
        `maxRSS ${results.map((r) => r.maxRssMB.toFixed(0)).join(', ')} MB`,
    );
    reportStartup(label, results);
    if (label === '1m' && dropFileCache(path)) {
      const cold = runChild(path);
      report('ready_1m_cold_file_ms', cold.readyMs, 'ms');
    }
    rmSync(path, { force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
