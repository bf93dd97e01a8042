// The account's equity point for the journal's history (JOURNAL.md 5): net liq and P/L Day only, the same sums as
// accountMetrics without the requirements, so a sample after each fill costs a few additions, not a margin run.
// Pure: it reads a view and returns a value.
import { ZERO } from './decimal';
import type { Account, EquitySample } from './model';
import { averagePrice, unrealizedPl } from './positions';
import { markPrice } from './quotes';
import type { EngineView } from './view';

export function equitySample(view: EngineView, account: Account, time: number): EquitySample {
  let holdings = ZERO;
  let unrealized = ZERO;
  let realizedPlDay = ZERO;
  let unrealizedAtRoll = ZERO;
  for (const position of view.positionsOf(account.id)) {
    realizedPlDay = realizedPlDay.plus(position.realizedPlDay);
    unrealizedAtRoll = unrealizedAtRoll.plus(position.unrealizedAtRoll);
    if (position.qty.isZero()) continue;
    const mark = markPrice(view.quote(position.symbol))?.price ?? averagePrice(position);
    const pl = unrealizedPl(position, mark);
    unrealized = unrealized.plus(pl);
    holdings = holdings.plus(position.assetType === 'FUT' ? pl : position.qty.times(mark).times(position.multiplier));
  }
  return {
    accountId: account.id,
    time,
    netLiq: account.cash.plus(holdings),
    plDay: realizedPlDay.plus(unrealized).minus(unrealizedAtRoll),
  };
}

/** True when a sample says something the last one did not. */
export function sampleMoved(last: EquitySample | undefined, next: EquitySample): boolean {
  return !last || !last.netLiq.eq(next.netLiq) || !last.plDay.eq(next.plDay);
}
