// 0005: linked and trailing orders (ENGINE.md 11-12): a HELD child's parent and tick-relative prices, the OCO group,
// and a trailing order's terms with its watermark and stop, kept on the order row so a restart resumes them exactly.
// Landed: never edit; add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of [
    'oco_group',
    'limit_ticks',
    'stop_ticks',
    'trail_offset',
    'trail_unit',
    'trail_ref',
    'limit_offset',
    'trail_watermark',
    'trail_stop',
  ]) {
    await db.schema.alterTable('orders').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('orders').addColumn('parent_id', 'integer').execute();
  // Start-up reads the HELD children as it reads the working orders: a partial index keeps that off the history.
  await db.schema.createIndex('orders_held').on('orders').columns(['id']).where(sql.ref('status'), '=', 'HELD').execute();
}
