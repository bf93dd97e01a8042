// Journal benchmarks (`npm run bench -- --only=journal`), lines of `name value unit`:
//   journal_stats_100k_trades_ms          tradeStatistics (every statistic and the six groupings) over 100,000
//                                         closed trades in memory, median of 5 (target < 100 ms)
//   quote_one_open_trade_median_us        desk.applyQuote on a symbol with one open trade and no working orders:
//                                         the excursion measured on every tick (the mark moves each time)
//   quote_no_open_trade_median_us         the same quote loop on a symbol without open trades or orders
//   journal_excursion_cost_us             the difference of the two medians (target < 5 us)
import { join } from 'node:path';
import { PaperDesk } from '../src/main/desk/desk';
import { Dec, ZERO } from '../src/main/engine/decimal';
import type { Trade } from '../src/main/engine/journal';
import { tradeStatistics } from '../src/main/engine/statistics';

type Report = (name: string, value: number, unit: string) => void;
type Progress = (message: string) => void;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function closedTrades(n: number): Trade[] {
  const start = Date.parse('2025-01-06T14:30:00Z');
  const symbols = ['AAPL', 'MSFT', 'NVDA', '/ES', 'SPY', 'QQQ', 'TSLA', 'AMD'];
  const tags = [[], ['breakout'], ['fade', 'A+'], ['news'], ['breakout', 'news']];
  const trades: Trade[] = [];
  for (let i = 0; i < n; i += 1) {
    const openedAt = start + i * 7 * 60_000;
    const net = new Dec(((i * 7919) % 2001) - 1000).div(4);
    trades.push({
      id: i + 1,
      accountId: 'main',
      symbol: symbols[i % symbols.length]!,
      assetType: 'EQ',
      multiplier: new Dec(1),
      direction: i % 3 === 0 ? 'SHORT' : 'LONG',
      status: 'CLOSED',
      openedAt,
      closedAt: openedAt + 5 * 60_000,
      openFillId: 2 * i + 1,
      closeFillId: 2 * i + 2,
      qty: ZERO,
      cost: ZERO,
      maxQty: new Dec(100),
      entryQty: new Dec(100),
      exitQty: new Dec(100),
      entryNotional: new Dec(20000),
      exitNotional: new Dec(20000).plus(net),
      grossPl: net.plus(1),
      commissions: new Dec(1),
      mfe: Dec.max(ZERO, net.plus(40)),
      mae: Dec.min(ZERO, net.minus(40)),
      tags: tags[i % tags.length]!,
      note: '',
      fills: [2 * i + 1, 2 * i + 2],
    });
  }
  return trades;
}

async function quoteLoop(desk: PaperDesk, symbol: string, n: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const bid = new Dec(19_900 + (i % 200)).div(100);
    const update = { symbol, bid, ask: bid.plus('0.02'), last: bid.plus('0.01') };
    const t = performance.now();
    desk.applyQuote(update);
    samples.push((performance.now() - t) * 1000);
  }
  return median(samples.slice(n / 5));
}

export async function benchJournal(dir: string, report: Report, progress: Progress): Promise<void> {
  progress('journal statistics over 100,000 closed trades...');
  const trades = closedTrades(100_000);
  tradeStatistics(trades);
  const runs: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t = performance.now();
    tradeStatistics(trades);
    runs.push(performance.now() - t);
  }
  report('journal_stats_100k_trades_ms', median(runs), 'ms');

  progress('quotes on a symbol with one open trade...');
  let time = Date.parse('2026-01-05T15:00:00Z');
  const desk = await PaperDesk.open({ path: join(dir, 'journal.db'), clock: { now: () => time } });
  try {
    desk.createAccount({ id: 'main' });
    desk.applyQuote({ symbol: 'AAPL', bid: new Dec('199.98'), ask: new Dec('200'), last: new Dec('199.99') });
    desk.placeOrder({ symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' });
    if (!desk.state.openTrade('main', 'AAPL')) throw new Error('bench: the trade should be open');
    time += 1;
    // Alternating the two loops in blocks shares any drift of the machine between them.
    const withTrade: number[] = [];
    const without: number[] = [];
    for (let block = 0; block < 6; block += 1) {
      withTrade.push(await quoteLoop(desk, 'AAPL', 2000));
      without.push(await quoteLoop(desk, 'MSFT', 2000));
    }
    const a = median(withTrade);
    const b = median(without);
    report('quote_one_open_trade_median_us', a, 'us');
    report('quote_no_open_trade_median_us', b, 'us');
    report('journal_excursion_cost_us', a - b, 'us');
  } finally {
    desk.close();
  }
}
