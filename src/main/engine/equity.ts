// The account's equity point for the journal's history (JOURNAL.md 5): net liq and P/L Day only, the same sums as
// accountMetrics without the requirements, so a sample after each fill costs a few additions, not a margin run.
// Pure: it reads a view and returns a value.
import { positionTotals } from './accounting';
import type { Account, EquitySample } from './model';
import { averagePrice, unrealizedPl } from './positions';
import { markPrice } from './quotes';
import type { EngineView } from './view';

export function equitySample(view: EngineView, account: Account, time: number): EquitySample {
  const totals = positionTotals(view, account, (position) => {
    const mark = markPrice(view.quote(position.symbol))?.price ?? averagePrice(position);
    return { unrealizedPl: unrealizedPl(position, mark), marketValue: position.qty.times(mark).times(position.multiplier) };
  });
  return {
    accountId: account.id,
    time,
    netLiq: account.cash.plus(totals.holdings),
    plDay: totals.realizedPlDay.plus(totals.unrealized).minus(totals.unrealizedAtRoll),
  };
}

/** True when a sample says something the last one did not. */
export function sampleMoved(last: EquitySample | undefined, next: EquitySample): boolean {
  return !last || !last.netLiq.eq(next.netLiq) || !last.plDay.eq(next.plDay);
}
