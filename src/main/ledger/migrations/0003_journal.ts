// 0003: the journal (../shared/JOURNAL.md): trades written with the fills that make them, the tags an order carries
// to its trade, and the equity samples taken during the day. Landed: never edit; add 0004 instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  await db.schema
    .createTable('trades')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('asset_type', 'text', (c) => c.notNull())
    .addColumn('multiplier', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('open_fill_id', 'integer', (c) => c.notNull())
    .addColumn('close_fill_id', 'integer')
    .addColumn('qty', 'text', (c) => c.notNull())
    .addColumn('cost', 'text', (c) => c.notNull())
    .addColumn('max_qty', 'text', (c) => c.notNull())
    .addColumn('entry_qty', 'text', (c) => c.notNull())
    .addColumn('exit_qty', 'text', (c) => c.notNull())
    .addColumn('entry_notional', 'text', (c) => c.notNull())
    .addColumn('exit_notional', 'text', (c) => c.notNull())
    .addColumn('gross_pl', 'text', (c) => c.notNull())
    .addColumn('commissions', 'text', (c) => c.notNull())
    .addColumn('mfe', 'text', (c) => c.notNull())
    .addColumn('mae', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('fills', 'text', (c) => c.notNull())
    .execute();
  // Start-up reads only the open trades; the journal reads one account's trades by closing time.
  await db.schema.createIndex('trades_open').on('trades').columns(['id']).where(sql.ref('status'), '=', 'OPEN').execute();
  await db.schema.createIndex('trades_account_closed').on('trades').columns(['account_id', 'closed_at']).execute();

  await db.schema
    .createTable('equity_samples')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('net_liq', 'text', (c) => c.notNull())
    .addColumn('pl_day', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equity_samples_account').on('equity_samples').columns(['account_id', 'id']).execute();
}
