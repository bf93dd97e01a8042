// 0006: history by range of trading days (issue 12): orders by the time they were placed and fills by their time,
// per account, newest first, read from the index without a sort. Indexes only. Landed: never edit; add 0007 instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('orders_account_created').ifNotExists().on('orders').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('fills_account_time').ifNotExists().on('fills').columns(['account_id', 'time', 'id']).execute();
  await db.schema.createIndex('resets_account_time').ifNotExists().on('resets').columns(['account_id', 'time']).execute();
}
