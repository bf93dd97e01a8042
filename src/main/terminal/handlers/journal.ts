// The journal commands: a page of trades by filter and sort, one trade with its fills, statistics and groupings with
// the cumulative net P&L, tag and note edits, the tags used before, the equity curve. Reads the desk's journal and
// answers in strings; the trades and their statistics are the engine's, tags and notes change through the desk.
import type { JournalFilter, JournalTradeRow } from '../../../shared/contract';
import type { PaperDesk } from '../../desk/desk';
import { cumulativeNetOfClosed, equityCurve, sortTrades, tradeFilter, tradesMatching, type JournalQuery, type SortKey } from '../../desk/journalQuery';
import { statisticsView, tradeView } from '../../desk/journalViews';
import { fillView } from '../../desk/views';
import { Dec } from '../../engine/decimal';
import type { Trade } from '../../engine/journal';
import { closedMatching, statisticsOfClosed } from '../../engine/statistics';
import { priceFormatOf } from '../priceFormat';
import { answer, fail, type HandlerSlice, type TerminalServices } from './handler';

type JournalCommands = 'journalTrades' | 'journalTrade' | 'journalStats' | 'editTrade' | 'journalTags' | 'equityHistory';

/** A trade as the window shows it, with how its prices show. */
export function journalTradeRow(desk: PaperDesk, trade: Trade): JournalTradeRow {
  return { ...tradeView(trade), ...priceFormatOf(trade.symbol, trade.entryQty.isZero() ? null : trade.entryNotional.div(trade.entryQty), desk.settings) };
}

function query(filter: JournalFilter): JournalQuery {
  return filter;
}

/** Sort keys whose order does not move while open trades' excursions and P&L do (an open trade sorts as closing now). */
const STILL_KEYS: ReadonlySet<SortKey> = new Set(['openedAt', 'closedAt', 'symbol', 'direction']);

/**
 * The trades a query shows, sorted: kept while the order cannot move, i.e. until a trade's figures change (a still
 * key, or no open trade among them), or its tags for a tag filter; a note edit keeps every list. An open trade is in a
 * range while now is, so that is in the key. The rows of a kept list are taken afresh when sliced.
 */
function sortedTrades(desk: PaperDesk, q: JournalQuery, key: SortKey, descending: boolean, now: number): readonly Trade[] {
  const { closedFrom, closedTo, ...rest } = tradeFilter(q, now);
  const nowInRange = (closedFrom === undefined || now >= closedFrom) && (closedTo === undefined || now < closedTo);
  const versions = desk.journalVersions;
  // The tags version moves with every figure change too, so a tag filter only needs that one.
  const version = rest.tags ? versions.tags : versions.figures;
  const matching = desk.journalMemo.get(version, `match ${JSON.stringify([closedFrom, closedTo, rest, nowInRange])}`, () =>
    tradesMatching(desk.trades(q.account !== undefined ? { accountId: q.account } : {}), q, now),
  );
  const sort = () => sortTrades(matching, key, descending, now);
  if (!STILL_KEYS.has(key) && matching.some((trade) => trade.status === 'OPEN')) return sort();
  return desk.journalMemo.get(version, `sort ${JSON.stringify([closedFrom, closedTo, rest, nowInRange, key, descending])}`, sort);
}

export function journalHandlers(services: TerminalServices) {
  return {
    journalTrades: ({ sort, offset, limit, ...filter }) => {
      const desk = services.desk();
      const now = desk.clock.now();
      const key = sort?.key ?? 'closedAt';
      const descending = sort?.descending ?? true;
      const sorted = sortedTrades(desk, query(filter), key, descending, now);
      // The list may be from an earlier call: trades are shown as they stand now (open ones' excursions, an edited note).
      const rows = sorted.slice(offset, offset + limit).map((trade) => journalTradeRow(desk, desk.trade(trade.id) ?? trade));
      return { ok: true, data: { total: sorted.length, offset, rows } };
    },
    journalTrade: ({ id }) => {
      const desk = services.desk();
      const trade = desk.trade(id);
      if (!trade) return fail('NOT_FOUND', `no trade ${id}`);
      const ids = new Set(trade.fills);
      const fills = desk
        .fillHistory({ accountId: trade.accountId, since: trade.openedAt })
        .filter((fill) => ids.has(fill.id))
        .map((fill) => ({ ...fillView(fill), ...priceFormatOf(fill.symbol, fill.price, desk.settings) }));
      return { ok: true, data: { trade: journalTradeRow(desk, trade), fills } };
    },
    journalStats: (filter) => {
      const desk = services.desk();
      const closedFilter = tradeFilter(query(filter), desk.clock.now());
      // Closed trades' figures change only with a fill or a reset, their tags with an edit too (byTag is in every
      // answer): the same filter is answered once per tags version, and a note edit keeps the answer.
      const data = desk.journalMemo.get(desk.journalVersions.tags, `stats ${JSON.stringify(closedFilter)}`, () => {
        const closed = closedMatching(desk.closedTrades(), closedFilter);
        return { stats: statisticsView(statisticsOfClosed(closed)), cumulative: cumulativeNetOfClosed(closed) };
      });
      return { ok: true, data };
    },
    editTrade: ({ id, addTags, removeTags, note }) => {
      const desk = services.desk();
      const edit = { ...(addTags ? { addTags } : {}), ...(removeTags ? { removeTags } : {}), ...(note !== undefined ? { note } : {}) };
      return answer(desk.editTrade(id, edit), (trade) => journalTradeRow(desk, trade));
    },
    journalTags: () => ({ ok: true, data: services.desk().tagsUsed() }),
    equityHistory: ({ account }) => {
      const desk = services.desk();
      const found = desk.state.account(account);
      if (!found) return fail('NOT_FOUND', `no account ${account}`);
      const netLiq = new Dec(desk.describeAccount(found).netLiq);
      const points = equityCurve(desk.equityHistory(account), { time: desk.clock.now(), netLiq });
      return { ok: true, data: { account, startingBalance: found.startingBalance.toFixed(), points } };
    },
  } satisfies HandlerSlice<JournalCommands>;
}
