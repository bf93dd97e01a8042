// 0001: the first schema. Landed: never edit; add 0002 instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('broker', 'text', (c) => c.notNull())
    .addColumn('margin', 'text', (c) => c.notNull())
    .addColumn('starting_balance', 'text', (c) => c.notNull())
    .addColumn('cash', 'text', (c) => c.notNull())
    .addColumn('realized_pl_day', 'text', (c) => c.notNull())
    .addColumn('unrealized_at_roll', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('client_order_id', 'text')
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('asset_type', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('qty', 'text', (c) => c.notNull())
    .addColumn('order_type', 'text', (c) => c.notNull())
    .addColumn('limit_price', 'text')
    .addColumn('stop_price', 'text')
    .addColumn('tif', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('triggered', 'integer', (c) => c.notNull())
    .addColumn('filled_qty', 'text', (c) => c.notNull())
    .addColumn('avg_fill_price', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Start-up reads only the working orders: a partial index keeps that independent of history.
  await db.schema.createIndex('orders_working').on('orders').columns(['id']).where(sql.ref('status'), '=', 'WORKING').execute();
  await db.schema
    .createIndex('orders_client_order_id')
    .unique()
    .on('orders')
    .columns(['account_id', 'client_order_id'])
    .where(sql.ref('client_order_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('orders_account').on('orders').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('order_events_order').on('order_events').columns(['order_id', 'id']).execute();

  await db.schema
    .createTable('fills')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('asset_type', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('qty', 'text', (c) => c.notNull())
    .addColumn('price', 'text', (c) => c.notNull())
    .addColumn('multiplier', 'text', (c) => c.notNull())
    .addColumn('commission', 'text', (c) => c.notNull())
    .addColumn('fees', 'text', (c) => c.notNull())
    .addColumn('realized_pl', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fills_account').on('fills').columns(['account_id', 'id']).execute();
  await db.schema.createIndex('fills_order').on('fills').columns(['order_id']).execute();

  await db.schema
    .createTable('positions')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('asset_type', 'text', (c) => c.notNull())
    .addColumn('multiplier', 'text', (c) => c.notNull())
    .addColumn('qty', 'text', (c) => c.notNull())
    .addColumn('cost', 'text', (c) => c.notNull())
    .addColumn('realized_pl_day', 'text', (c) => c.notNull())
    .addColumn('unrealized_at_roll', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('positions_pk', ['account_id', 'symbol'])
    .execute();

  await db.schema
    .createTable('resets')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    // OPEN: the account was created with this balance; RESET: the trader reset it. Verify replays from these.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('starting_balance', 'text', (c) => c.notNull())
    .addColumn('cash_before', 'text', (c) => c.notNull())
    .addColumn('after_fill_id', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('day_snapshots')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('roll_at', 'text', (c) => c.notNull())
    .addColumn('cash', 'text', (c) => c.notNull())
    .addColumn('net_liq', 'text', (c) => c.notNull())
    .addColumn('unrealized_pl', 'text', (c) => c.notNull())
    .addColumn('realized_pl_day', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('day_snapshots_account').on('day_snapshots').columns(['account_id', 'roll_at']).execute();

  await db.schema
    .createTable('quotes')
    .addColumn('symbol', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
