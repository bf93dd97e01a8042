// 0002: accounts no longer store their realized P&L of the day and their unrealized P&L at the roll: both are the
// sums of their positions' own, which the engine now adds up when asked. Landed: never edit; add 0003 instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('realized_pl_day').execute();
  await db.schema.alterTable('accounts').dropColumn('unrealized_at_roll').execute();
}
