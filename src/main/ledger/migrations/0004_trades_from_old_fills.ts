// 0004: trades for the fills made before the journal (0003 left them without any, and verify reported them "not
// stored"): the trades are rebuilt from the fills and resets, in one transaction, exactly as verify recomputes them.
// Landed: never edit; add 0005 instead. It replays through the engine's journal rules (TradeReplay), on purpose: what
// it writes must be what verify recomputes.
import { sql, type Kysely } from 'kysely';
import type { Trade } from '../../engine/journal';
import { Dec } from '../../engine/decimal';
import { fillFromRow, resetFromRow, tradeFromRow, tradeRow } from '../rows';
import type { FillsTable, ResetsTable, TradesTable } from '../schema';
import { TradeReplay } from '../tradeReplay';

const PAGE = 5000;

/** What makes a stored trade the same as a rebuilt one: where and with which fill it opened, in which direction. */
const sameTrade = (t: Trade) => `${t.accountId}\u0000${t.symbol}\u0000${t.openFillId}\u0000${t.direction}`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // A ledger whose trades already hold every fill (made with 0003 or later from its start) is left as it is.
    const uncovered = await sql<{ n: number }>`
      SELECT count(*) AS n FROM fills WHERE id NOT IN (SELECT j.value FROM trades, json_each(trades.fills) AS j)`.execute(trx);
    if (Number(uncovered.rows[0]?.n ?? 0) === 0) return;

    // Trades written since 0003 keep what fills cannot tell: excursions seen on quotes, tags, notes.
    const kept = new Map<string, Trade>();
    for (const row of await trx.selectFrom('trades').selectAll().execute()) {
      const trade = tradeFromRow(row as TradesTable);
      kept.set(sameTrade(trade), trade);
    }
    await trx.deleteFrom('trades').execute();

    const resets = (await trx.selectFrom('resets').selectAll().orderBy('id').execute()).map((row) => resetFromRow(row as ResetsTable));
    let ready: Trade[] = [];
    const replay = new TradeReplay(resets, (trade) => ready.push(trade));
    const write = async () => {
      for (const rebuilt of ready) {
        const was = kept.get(sameTrade(rebuilt));
        const trade = was
          ? {
              ...rebuilt,
              mfe: Dec.max(rebuilt.mfe, was.mfe),
              mae: Dec.min(rebuilt.mae, was.mae),
              tags: [...was.tags, ...rebuilt.tags.filter((t) => !was.tags.some((w) => w.toLowerCase() === t.toLowerCase()))].slice(0, 10),
              note: was.note,
            }
          : rebuilt;
        await trx.insertInto('trades').values(tradeRow(trade)).execute();
      }
      ready = [];
    };
    // Page through the fills by id, so a ledger of millions of fills is never in memory at once.
    let after = 0;
    for (;;) {
      // Rows of the schema as 0003 left it (the migration is written against Kysely<any>, typed here by hand).
      const { rows } = await sql<FillsTable & { order_tags: string | null }>`
        SELECT fills.*, orders.tags AS order_tags FROM fills LEFT JOIN orders ON orders.id = fills.order_id
        WHERE fills.id > ${after} ORDER BY fills.id LIMIT ${PAGE}`.execute(trx);
      if (rows.length === 0) break;
      for (const row of rows) replay.fill(fillFromRow(row), JSON.parse(row.order_tags ?? '[]') as string[]);
      after = rows[rows.length - 1]!.id;
      await write();
    }
    replay.finish();
    await write();
  });
}
