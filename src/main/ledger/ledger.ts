// The ledger: the SQLite file behind the paper engine. It opens and migrates the database, loads the state a
// trading day needs (never the history), and writes each engine Change in one transaction.
// It must never decide anything about trading: it stores what the engine decided.
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Change } from '../engine/change';
import { touchesLedger } from '../engine/change';
import type { Trade } from '../engine/journal';
import type { DaySnapshot, EquitySample, Fill, Order, OrderEvent, Reset } from '../engine/model';
import type { Quote } from '../engine/quotes';
import {
  defaultSettings,
  settingsFromData,
  settingsToData,
  type MarketHoursMode,
  type Settings,
  type SettingsData,
} from '../engine/settings';
import { EngineState } from '../engine/state';
import { rollAtOrBefore } from '../engine/tradingDay';
import { guardWrite, notOurLedger, openFault } from './faults';
import { MIGRATIONS } from './migrations';
import {
  accountFromRow,
  accountRow,
  equitySampleFromRow,
  equitySampleRow,
  eventFromRow,
  snapshotFromRow,
  eventRow,
  fillFromRow,
  fillRow,
  iso,
  ms,
  orderFromRow,
  orderRow,
  positionFromRow,
  positionRow,
  quoteFromRow,
  quoteRow,
  resetFromRow,
  resetRow,
  snapshotRow,
  tradeFromRow,
  tradeReader,
  tradeRow,
} from './rows';
import type { LedgerDatabase } from './schema';
import { SqlRunner } from './sqlRunner';

export interface LedgerOptions {
  /** A file path, or ':memory:' for a throwaway ledger. */
  readonly path: string;
  /** better-sqlite3's compiled addon to load (Electron needs its own ABI build). */
  readonly nativeBinding?: string;
  /** The desk's market hours until its settings say otherwise (ENGINE.md 14): `always` unless told. */
  readonly marketHours?: MarketHoursMode;
}

export interface HistoryFilter {
  readonly accountId?: string;
  /** Epoch ms: only records at or after it. */
  readonly since?: number;
  readonly limit?: number;
}

/** A page of one account's history in a span of time, newest first (issue 12). */
export interface RangeFilter {
  readonly accountId: string;
  /** Epoch ms, included. */
  readonly from: number;
  /** Epoch ms, excluded. */
  readonly to: number;
  /** The id of the last row of the previous page: only rows older than it. */
  readonly before?: number;
  readonly limit: number;
}

export class DatabaseFromFutureError extends Error {
  constructor(unknown: readonly string[]) {
    super(
      `this database was written by a newer version of Thor Paper Desk (migrations ${unknown.join(', ')}); ` +
        'update the app to open it',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

const SETTINGS_KEY = 'engine';
const LAST_ROLL_KEY = 'last_roll_at';

export class Ledger {
  readonly sql: SqlRunner;
  private readonly dirtyQuotes = new Map<string, Quote>();
  /** Open trades whose excursions moved since the last write: market data, like quotes (JOURNAL.md 2). */
  private readonly dirtyExcursions = new Map<number, Trade>();
  /** What the trader should know about how this ledger was opened (settings that could not be read). */
  readonly notices: string[] = [];
  private trailUpdate: Database.Statement | undefined;

  private constructor(
    readonly sqlite: Database.Database,
    readonly db: Kysely<LedgerDatabase>,
    /** The file, as faults and notices name it. */
    readonly path: string,
    private readonly marketHours: MarketHoursMode,
  ) {
    this.sql = new SqlRunner(sqlite, db);
  }

  static async open(options: LedgerOptions): Promise<Ledger> {
    let sqlite: Database.Database;
    try {
      sqlite = new Database(options.path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    } catch (error) {
      throw openFault(error, options.path) ?? error;
    }
    try {
      // Before anything writes (WAL switches the file's header, migrations add tables): a file that is not our
      // ledger is refused untouched.
      checkIsOurLedger(sqlite, options.path);
      sqlite.pragma('journal_mode = WAL');
      // FULL: a committed fill survives a power cut, not only a crash of the app.
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
      const db = new Kysely<LedgerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
      await migrate(sqlite, db);
      return new Ledger(sqlite, db, options.path, options.marketHours ?? 'always');
    } catch (error) {
      sqlite.close();
      throw openFault(error, options.path) ?? error;
    }
  }

  /** The state a trading day starts from. Reads accounts, positions, working orders and quotes: not history. */
  loadState(now: number): EngineState {
    const { db, sql } = this;
    const settingsRow = sql.first(db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY));
    const settings = settingsRow ? this.readSettings(settingsRow.value, now) : defaultSettings(this.marketHours);
    const rollRow = sql.first(db.selectFrom('ledger_meta').select('value').where('key', '=', LAST_ROLL_KEY));
    let lastRollAt: number;
    if (rollRow) lastRollAt = ms(rollRow.value);
    else {
      lastRollAt = rollAtOrBefore(now);
      guardWrite(this.path, () => sql.writeRow('ledger_meta', { key: LAST_ROLL_KEY, value: iso(lastRollAt) }, ['key']));
    }
    const maxOrder = sql.first(db.selectFrom('orders').select((eb) => eb.fn.max('id').as('id')));
    const maxFill = sql.first(db.selectFrom('fills').select((eb) => eb.fn.max('id').as('id')));
    const maxTrade = sql.first(db.selectFrom('trades').select((eb) => eb.fn.max('id').as('id')));
    return new EngineState({
      settings,
      accounts: sql.all(db.selectFrom('accounts').selectAll()).map(accountFromRow),
      positions: sql.all(db.selectFrom('positions').selectAll()).map(positionFromRow),
      workingOrders: this.workingOrders(),
      quotes: sql.all(db.selectFrom('quotes').selectAll()).map(quoteFromRow),
      lastRollAt,
      lastOrderId: Number(maxOrder?.id ?? 0),
      lastFillId: Number(maxFill?.id ?? 0),
      openTrades: sql.all(db.selectFrom('trades').selectAll().where('status', '=', 'OPEN').orderBy('id')).map(tradeFromRow),
      lastTradeId: Number(maxTrade?.id ?? 0),
      lastSamples: this.lastSamples(),
      history: {
        orderById: (id) => this.orderById(id),
        orderByClientId: (accountId, clientOrderId) => this.orderByClientId(accountId, clientOrderId),
      },
    });
  }

  /**
   * The stored engine settings; text that does not read as settings (edited by hand, torn) gives the defaults, is
   * kept aside under its own key so nothing is lost, and leaves a notice for the window.
   */
  private readSettings(text: string, now: number): Settings {
    try {
      return settingsFromData(checkedSettingsData(JSON.parse(text)), this.marketHours);
    } catch (error) {
      const aside = `${SETTINGS_KEY}.broken-${iso(now)}`;
      try {
        guardWrite(this.path, () => this.sql.writeRow('settings', { key: aside, value: text }, ['key']));
      } catch {
        // read-only: the broken text stays where it is, under its own key, until settings are saved
      }
      this.notices.push(
        `The settings stored in ${this.path} could not be read (${error instanceof Error ? error.message : String(error)}): ` +
          `the default settings are used; the unreadable text is kept in the ledger as "${aside}".`,
      );
      return defaultSettings(this.marketHours);
    }
  }

  /**
   * Whether the file takes writes again, leaving nothing behind: a transaction writes a few pages' worth (what an
   * order with its fill needs) and is rolled back. An in-place one-row write would pass on a full disk.
   */
  checkWritable(): void {
    const rollBack = new Error('write check rolled back');
    try {
      guardWrite(this.path, () =>
        this.sql.transaction(() => {
          this.sql.writeRow('ledger_meta', { key: WRITE_CHECK_KEY, value: 'x'.repeat(16_384) }, ['key']);
          throw rollBack;
        }),
      );
    } catch (error) {
      if (error !== rollBack) throw error;
    }
  }

  /** The WORKING orders and the HELD children (ENGINE.md 12), each through its partial index. */
  private workingOrders(): Order[] {
    const read = (status: 'WORKING' | 'HELD') =>
      this.sql.all(this.db.selectFrom('orders').selectAll().where('status', '=', status).orderBy('id')).map(orderFromRow);
    return [...read('WORKING'), ...read('HELD')];
  }

  orderById(id: number): Order | undefined {
    const row = this.sql.first(this.db.selectFrom('orders').selectAll().where('id', '=', id));
    return row ? orderFromRow(row) : undefined;
  }

  orderByClientId(accountId: string, clientOrderId: string): Order | undefined {
    const row = this.sql.first(
      this.db
        .selectFrom('orders')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('client_order_id', '=', clientOrderId),
    );
    return row ? orderFromRow(row) : undefined;
  }

  /** An app preference kept beside the engine settings (the data source, order confirmation). */
  preference(key: string): unknown {
    const row = this.sql.first(this.db.selectFrom('settings').select('value').where('key', '=', `pref:${key}`));
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      // a torn or hand-edited preference is as good as none: its default applies
      return undefined;
    }
  }

  setPreference(key: string, value: unknown): void {
    guardWrite(this.path, () =>
      this.sql.transaction(() =>
        this.sql.writeRow('settings', { key: `pref:${key}`, value: JSON.stringify(value) }, ['key']),
      ),
    );
  }

  /** Orders in the order they were placed, optionally of one account and from one time on. */
  orders(filter: HistoryFilter = {}): Order[] {
    let query = this.db.selectFrom('orders').selectAll().orderBy('id');
    if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
    if (filter.since !== undefined) query = query.where('updated_at', '>=', iso(filter.since));
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    return this.sql.all(query).map(orderFromRow);
  }

  /**
   * The account's orders placed in [from, to), newest first, a page at a time (keyset on the placing time and id,
   * so every page is one walk of orders_account_created, however deep).
   */
  ordersPlaced(filter: RangeFilter): Order[] {
    const { db } = this;
    let query = db
      .selectFrom('orders')
      .selectAll()
      .where('account_id', '=', filter.accountId)
      .where('created_at', '>=', iso(filter.from))
      .where('created_at', '<', iso(filter.to))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit);
    if (filter.before !== undefined) {
      const last = this.sql.first(db.selectFrom('orders').select('created_at').where('id', '=', filter.before));
      if (last) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(last.created_at, filter.before!)));
    }
    return this.sql.all(query).map(orderFromRow);
  }

  /** The account's fills in [from, to), newest first, a page at a time (keyset on time and id, fills_account_time). */
  fillsBetween(filter: RangeFilter): Fill[] {
    const { db } = this;
    let query = db
      .selectFrom('fills')
      .selectAll()
      .where('account_id', '=', filter.accountId)
      .where('time', '>=', iso(filter.from))
      .where('time', '<', iso(filter.to))
      .orderBy('time', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit);
    if (filter.before !== undefined) {
      const last = this.sql.first(db.selectFrom('fills').select('time').where('id', '=', filter.before));
      if (last) query = query.where((eb) => eb(eb.refTuple('time', 'id'), '<', eb.tuple(last.time, filter.before!)));
    }
    return this.sql.all(query).map(fillFromRow);
  }

  /** An order's events in the order they happened (order_events_order). */
  orderEvents(orderId: number): OrderEvent[] {
    return this.sql
      .all(this.db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id'))
      .map(eventFromRow);
  }

  /** The account's resets (and its opening, kind OPEN) in [from, to), newest first. */
  resetsBetween(accountId: string, from: number, to: number): Reset[] {
    return this.sql
      .all(
        this.db
          .selectFrom('resets')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('time', '>=', iso(from))
          .where('time', '<', iso(to))
          .orderBy('time', 'desc')
          .orderBy('id', 'desc'),
      )
      .map(resetFromRow);
  }

  private lastSamples(): EquitySample[] {
    const { db, sql } = this;
    const last = db.selectFrom('equity_samples').select((eb) => eb.fn.max('id').as('id')).groupBy('account_id');
    return sql.all(db.selectFrom('equity_samples').selectAll().where('id', 'in', last)).map(equitySampleFromRow);
  }

  /** Trades of the journal in the order they opened; `closedSince` keeps open ones and those closed from then on. */
  trades(filter: { accountId?: string; closedSince?: number } = {}): Trade[] {
    let query = this.db.selectFrom('trades').selectAll().orderBy('opened_at').orderBy('open_fill_id').orderBy('id');
    if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
    if (filter.closedSince !== undefined) {
      const since = iso(filter.closedSince);
      query = query.where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', since)]));
    }
    return this.sql.all(query).map(tradeReader());
  }

  /** Up to `limit` trades after id `afterId`, by id: the journal read in pieces, so it can be read between other work. */
  tradesAfter(afterId: number, limit: number): Trade[] {
    return this.sql.all(this.db.selectFrom('trades').selectAll().where('id', '>', afterId).orderBy('id').limit(limit)).map(tradeReader());
  }

  tradeById(id: number): Trade | undefined {
    const row = this.sql.first(this.db.selectFrom('trades').selectAll().where('id', '=', id));
    return row ? tradeFromRow(row) : undefined;
  }

  /** Every tag used on a trade so far, in its first spelling: what the window offers when tagging. */
  tagsUsed(): string[] {
    const seen = new Map<string, string>();
    for (const row of this.sql.iterate(this.db.selectFrom('trades').select('tags').where('tags', '!=', '[]').orderBy('id'))) {
      for (const tag of JSON.parse(row.tags) as string[]) if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
    }
    return [...seen.values()];
  }

  /** Equity samples of the day (JOURNAL.md 5), oldest first. */
  equitySamples(accountId: string, since?: number): EquitySample[] {
    let query = this.db.selectFrom('equity_samples').selectAll().where('account_id', '=', accountId).orderBy('id');
    if (since !== undefined) query = query.where('time', '>=', iso(since));
    return this.sql.all(query).map(equitySampleFromRow);
  }

  /** The account's snapshots at each roll, oldest first. */
  daySnapshots(accountId: string): DaySnapshot[] {
    return this.sql
      .all(this.db.selectFrom('day_snapshots').selectAll().where('account_id', '=', accountId).orderBy('id'))
      .map(snapshotFromRow);
  }

  /** Fills in the order they happened. */
  fills(filter: HistoryFilter = {}): Fill[] {
    let query = this.db.selectFrom('fills').selectAll().orderBy('id');
    if (filter.accountId) query = query.where('account_id', '=', filter.accountId);
    if (filter.since !== undefined) query = query.where('time', '>=', iso(filter.since));
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    return this.sql.all(query).map(fillFromRow);
  }

  /**
   * Writes a change in one transaction. Quotes are market data, not ledger state: they are kept for the next
   * transaction or flush, so a tick that fills nothing costs no disk write.
   */
  commit(change: Change): void {
    for (const quote of change.quotes) this.dirtyQuotes.set(quote.symbol, quote);
    for (const trade of change.excursions) this.dirtyExcursions.set(trade.id, trade);
    if (!touchesLedger(change)) return;
    const { sql } = this;
    guardWrite(this.path, () => sql.transaction(() => {
      if (change.settings) this.writeSettings(change.settings);
      for (const account of change.accounts) sql.writeRow('accounts', accountRow(account), ['id']);
      for (const order of change.orders) sql.writeRow('orders', orderRow(order), ['id']);
      // A quote that moved trailing stops: their watermark and stop only (the rest of the row did not change).
      if (change.trails.length > 0) {
        // Compiled once: kysely's compile per row would cost more than the write (50 trailing stops on one quote).
        this.trailUpdate ??= this.sqlite.prepare(
          this.db.updateTable('orders').set({ trail_watermark: '', trail_stop: '' }).where('id', '=', 0).compile().sql,
        );
        for (const order of change.trails) {
          this.trailUpdate.run(order.trail?.watermark?.toFixed() ?? null, order.trail?.stop?.toFixed() ?? null, order.id);
        }
      }
      for (const event of change.events) sql.writeRow('order_events', eventRow(event));
      for (const fill of change.fills) sql.writeRow('fills', fillRow(fill));
      for (const key of change.removedPositions) {
        sql.run(this.db.deleteFrom('positions').where('account_id', '=', key.accountId).where('symbol', '=', key.symbol));
      }
      for (const position of change.positions) sql.writeRow('positions', positionRow(position), ['account_id', 'symbol']);
      for (const reset of change.resets) sql.writeRow('resets', resetRow(reset));
      for (const snapshot of change.snapshots) sql.writeRow('day_snapshots', snapshotRow(snapshot));
      // The fills' trades after the excursions kept since the last write: a trade written now is its newest state.
      for (const trade of change.trades) this.dirtyExcursions.delete(trade.id);
      this.writeExcursions();
      for (const trade of change.trades) sql.writeRow('trades', tradeRow(trade), ['id']);
      for (const sample of change.equitySamples) sql.writeRow('equity_samples', equitySampleRow(sample));
      if (change.lastRollAt !== undefined) {
        sql.writeRow('ledger_meta', { key: LAST_ROLL_KEY, value: iso(change.lastRollAt) }, ['key']);
      }
      this.writeQuotes();
    }));
    // Only once the transaction committed: a failed write keeps them for the next one.
    this.dirtyQuotes.clear();
    this.dirtyExcursions.clear();
  }

  /** Writes the quotes seen since the last write, so marks survive a restart. */
  flushQuotes(): void {
    if (this.dirtyQuotes.size === 0 && this.dirtyExcursions.size === 0) return;
    guardWrite(this.path, () =>
      this.sql.transaction(() => {
        this.writeQuotes();
        this.writeExcursions();
      }),
    );
    // Only once the transaction committed: a failed write keeps them for the next one.
    this.dirtyQuotes.clear();
    this.dirtyExcursions.clear();
  }

  private writeExcursions() {
    for (const trade of this.dirtyExcursions.values()) this.sql.writeRow('trades', tradeRow(trade), ['id']);
  }

  private writeQuotes() {
    for (const quote of this.dirtyQuotes.values()) this.sql.writeRow('quotes', quoteRow(quote), ['symbol']);
  }

  private writeSettings(settings: Settings) {
    this.sql.writeRow('settings', { key: SETTINGS_KEY, value: JSON.stringify(settingsToData(settings)) }, ['key']);
  }

  close(): void {
    if (!this.sqlite.open) return;
    try {
      this.flushQuotes();
    } finally {
      // A ledger that cannot take the last quotes still closes: they are market data, the next feed brings them.
      this.sqlite.close();
    }
  }
}

const WRITE_CHECK_KEY = 'write_check_at';

/** Settings as stored must have every part the engine reads; JSON that lacks one is not settings. */
function checkedSettingsData(raw: unknown): SettingsData {
  const data = raw as Partial<SettingsData> | null;
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(data) || typeof data?.slippageTicks !== 'string' || !isObject(data.commission) || !isObject(data.fees) || !isObject(data.contracts)) {
    throw new Error('not the shape of the settings');
  }
  if (data.limitFill !== 'touch' && data.limitFill !== 'cross') throw new Error('not the shape of the settings');
  // Both are absent in settings stored before market hours (the desk's default applies), never malformed.
  if (data.marketHours !== undefined && data.marketHours !== 'exchange' && data.marketHours !== 'always') {
    throw new Error('not the shape of the settings');
  }
  if (data.closedDates !== undefined && (!Array.isArray(data.closedDates) || !data.closedDates.every((d) => typeof d === 'string'))) {
    throw new Error('not the shape of the settings');
  }
  return data as SettingsData;
}

/** An empty file or a database with our migrations table; any other database (or any other file) is refused. */
function checkIsOurLedger(sqlite: Database.Database, where: string): void {
  if (where === ':memory:') return;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  if (tables.length === 0 || tables.includes('kysely_migration')) return;
  throw notOurLedger(where, `a database with tables ${tables.slice(0, 4).join(', ')}${tables.length > 4 ? ', ...' : ''}`);
}

async function migrate(sqlite: Database.Database, db: Kysely<LedgerDatabase>): Promise<void> {
  const known = new Set(Object.keys(MIGRATIONS));
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
  if (hasTable) {
    const applied = sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[];
    const unknown = applied.map((r) => r.name).filter((name) => !known.has(name));
    if (unknown.length > 0) throw new DatabaseFromFutureError(unknown);
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
