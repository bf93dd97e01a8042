// The journal commands: a page of trades by filter and sort, one trade with its fills, statistics and groupings with
// the cumulative net P&L, tag and note edits, the tags used before, the equity curve. Reads the desk's journal and
// answers in strings; the trades and their statistics are the engine's, tags and notes change through the desk.
import type { JournalFilter, JournalTradeRow } from '../../../shared/contract';
import type { PaperDesk } from '../../desk/desk';
import { cumulativeNet, equityCurve, sortTrades, tradeFilter, tradesMatching, type JournalQuery } from '../../desk/journalQuery';
import { statisticsView, tradeView } from '../../desk/journalViews';
import { fillView } from '../../desk/views';
import { Dec } from '../../engine/decimal';
import type { Trade } from '../../engine/journal';
import { tradeStatistics } from '../../engine/statistics';
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

export function journalHandlers(services: TerminalServices) {
  return {
    journalTrades: ({ sort, offset, limit, ...filter }) => {
      const desk = services.desk();
      const now = desk.clock.now();
      const scope = filter.account !== undefined ? { accountId: filter.account } : {};
      const matching = tradesMatching(desk.trades(scope), query(filter), now);
      const sorted = sortTrades(matching, sort?.key ?? 'closedAt', sort?.descending ?? true, now);
      const rows = sorted.slice(offset, offset + limit).map((trade) => journalTradeRow(desk, trade));
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
      const tradeFilterNow = tradeFilter(query(filter), desk.clock.now());
      const trades = desk.trades(filter.account !== undefined ? { accountId: filter.account } : {});
      // One read of the trades for both (desk.statistics would read them again).
      return {
        ok: true,
        data: { stats: statisticsView(tradeStatistics(trades, tradeFilterNow)), cumulative: cumulativeNet(trades, tradeFilterNow) },
      };
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
