// Average-cost positions (ENGINE.md section 5). The open cost is kept exact (qty x average price), so a position
// closed in pieces realizes to the cent what it cost; the average price is derived from it for display.
import { Dec, ZERO, sign } from './decimal';
import type { Position } from './model';

export interface FillEffect {
  readonly position: Position;
  /** Gross realized P&L of the fill, multiplier included. */
  readonly realized: Dec;
}

/**
 * Applies a fill of signed size `delta` (BUY +, SELL -) at `price` to a position.
 * Opening or adding averages in; reducing realizes against the average and keeps it; a flip opens the
 * remainder at the fill price; flat leaves qty 0 and no cost.
 */
export function applyFillToPosition(position: Position, delta: Dec, price: Dec, time: number): FillEffect {
  const q = position.qty;
  const m = position.multiplier;
  if (q.isZero() || sign(q) === sign(delta)) {
    return {
      position: { ...position, qty: q.plus(delta), cost: position.cost.plus(delta.times(price)), updatedAt: time },
      realized: ZERO,
    };
  }
  const absQ = q.abs();
  const absD = delta.abs();
  const closed = Dec.min(absQ, absD);
  // The exact share of the open cost that leaves: all of it on a full close, so nothing is lost to rounding.
  const closedCost = closed.eq(absQ) ? position.cost : position.cost.times(closed).div(absQ);
  const direction = new Dec(sign(q));
  const realized = closed.times(price).times(direction).minus(closedCost).times(m);
  const qty = q.plus(delta);
  let cost: Dec;
  if (absD.greaterThan(absQ)) cost = qty.times(price);
  else if (qty.isZero()) cost = ZERO;
  else cost = position.cost.minus(closedCost);
  return {
    position: { ...position, qty, cost, realizedPlDay: position.realizedPlDay.plus(realized), updatedAt: time },
    realized,
  };
}

export function averagePrice(position: Position): Dec {
  return position.qty.isZero() ? ZERO : position.cost.div(position.qty);
}

/** (mark - A) x q x m, computed from the exact cost. */
export function unrealizedPl(position: Position, mark: Dec): Dec {
  return mark.times(position.qty).minus(position.cost).times(position.multiplier);
}

export function newPosition(
  accountId: string,
  symbol: string,
  assetType: Position['assetType'],
  multiplier: Dec,
  time: number,
): Position {
  return {
    accountId,
    symbol,
    assetType,
    multiplier,
    qty: ZERO,
    cost: ZERO,
    realizedPlDay: ZERO,
    unrealizedAtRoll: ZERO,
    openedAt: time,
    updatedAt: time,
  };
}
