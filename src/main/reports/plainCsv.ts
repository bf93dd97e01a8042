// Trades and fills as plain CSV (REPORTS.md 3): one header row, ISO 8601 UTC times, decimal strings as the ledger
// writes them (plain, no grouping, no rounding), for spreadsheets and scripts. Written a row at a time to a sink.
import { plain, plainOrNull } from '../engine/decimal';
import { avgEntry, avgExit, netPl } from '../engine/journal';
import { iso } from '../ledger/rows';
import type { StatementData } from './ledgerReader';
import { LineWriter, row, type RowProgress, type TextSink } from './text';

export const TRADES_HEADER = [
  'id',
  'account',
  'symbol',
  'assetType',
  'direction',
  'status',
  'openedAt',
  'closedAt',
  'maxQty',
  'entryQty',
  'exitQty',
  'avgEntry',
  'avgExit',
  'grossPl',
  'commissions',
  'netPl',
  'mae',
  'mfe',
  'tags',
  'note',
] as const;

export const FILLS_HEADER = [
  'id',
  'orderId',
  'account',
  'symbol',
  'assetType',
  'side',
  'qty',
  'price',
  'multiplier',
  'commission',
  'fees',
  'realizedPl',
  'time',
  'reason',
] as const;

export async function writeTradesCsv(data: StatementData, sink: TextSink, progress?: RowProgress): Promise<void> {
  const out = new LineWriter(sink, progress ? { total: data.trades.length + 1, report: progress } : undefined);
  await out.line(row(TRADES_HEADER));
  for (const t of data.trades) {
    await out.line(
      row([
        String(t.id),
        t.accountId,
        t.symbol,
        t.assetType,
        t.direction,
        t.status,
        iso(t.openedAt),
        t.closedAt === null ? '' : iso(t.closedAt),
        plain(t.maxQty),
        plain(t.entryQty),
        plain(t.exitQty),
        plain(avgEntry(t)),
        plainOrNull(avgExit(t)) ?? '',
        plain(t.grossPl),
        plain(t.commissions),
        plain(netPl(t)),
        plain(t.mae),
        plain(t.mfe),
        t.tags.join(';'),
        t.note,
      ]),
    );
  }
  await out.end();
}

export async function writeFillsCsv(data: StatementData, sink: TextSink, progress?: RowProgress): Promise<void> {
  const out = new LineWriter(sink, progress ? { total: data.pieces.length + 1, report: progress } : undefined);
  await out.line(row(FILLS_HEADER));
  let last = -1;
  for (const { fill: f } of data.pieces) {
    // A flip is two pieces of one fill: the plain CSV lists the fill once, as the ledger holds it.
    if (f.id === last) continue;
    last = f.id;
    await out.line(
      row([
        String(f.id),
        String(f.orderId),
        f.accountId,
        f.symbol,
        f.assetType,
        f.side,
        plain(f.qty),
        plain(f.price),
        plain(f.multiplier),
        plain(f.commission),
        plain(f.fees),
        plain(f.realizedPl),
        iso(f.time),
        f.reason,
      ]),
    );
  }
  await out.end();
}
