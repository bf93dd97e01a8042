// Marks, P&L, net liquidation value and buying power (ENGINE.md sections 5 to 7), computed from what an
// EngineView holds. Never stored: a tick changes every one of these, so they are derived when asked.
import { Dec, ONE, ZERO } from './decimal';
import { futuresRoot, tickSize, type Instrument } from './instruments';
import type { Account, MarginMode, Order, Position } from './model';
import { averagePrice, unrealizedPl } from './positions';
import { executionPrice, markPrice } from './quotes';
import type { Settings } from './settings';
import type { EngineView } from './view';

export const STOCK_RATE: Readonly<Record<MarginMode, Dec>> = {
  DAYTRADE: new Dec('0.25'),
  REGT: new Dec('0.5'),
  CASH: new Dec(1),
};
const DAY_TRADING_RATE = new Dec('0.25');

export interface PositionMetrics {
  readonly position: Position;
  readonly avgPrice: Dec;
  readonly mark: Dec;
  /** True when no quote gave a mark and the average price stands in. */
  readonly markIsAverage: boolean;
  readonly marketValue: Dec;
  readonly costBasis: Dec;
  readonly unrealizedPl: Dec;
  readonly plPercent: Dec | null;
  readonly plDay: Dec;
  readonly requirement: Dec;
}

export interface AccountMetrics {
  readonly account: Account;
  readonly cash: Dec;
  readonly netLiq: Dec;
  readonly unrealizedPl: Dec;
  readonly realizedPlDay: Dec;
  readonly plDay: Dec;
  readonly positionRequirement: Dec;
  readonly orderRequirement: Dec;
  readonly availableFunds: Dec;
  readonly buyingPower: Dec;
  readonly dayTradingBuyingPower: Dec;
  readonly optionBuyingPower: Dec;
  readonly okToTrade: boolean;
}

export function positionMetrics(view: EngineView, position: Position, margin: MarginMode): PositionMetrics {
  const avgPrice = averagePrice(position);
  const quoted = markPrice(view.quote(position.symbol))?.price;
  const mark = quoted ?? avgPrice;
  const m = position.multiplier;
  const unrealized = unrealizedPl(position, mark);
  const costBasis = position.cost.times(m);
  return {
    position,
    avgPrice,
    mark,
    markIsAverage: quoted === undefined,
    marketValue: position.qty.times(mark).times(m),
    costBasis,
    unrealizedPl: unrealized,
    plPercent: costBasis.isZero() ? null : unrealized.div(costBasis.abs()).times(100),
    plDay: position.realizedPlDay.plus(unrealized).minus(position.unrealizedAtRoll),
    requirement: requirementOf(position.assetType, position.symbol, position.qty.abs(), mark, m, margin, view.settings),
  };
}

/** The margin a quantity needs: stock at the account's rate, options in full, futures at initial margin. */
function requirementOf(
  assetType: Position['assetType'],
  symbol: string,
  absQty: Dec,
  price: Dec,
  multiplier: Dec,
  margin: MarginMode,
  settings: Settings,
): Dec {
  switch (assetType) {
    case 'EQ':
      return STOCK_RATE[margin].times(absQty.times(price).times(multiplier).abs());
    case 'OPT':
      return absQty.times(price).times(multiplier).abs();
    case 'FUT':
      return absQty.times(settings.contracts[futuresRoot(symbol)]?.initialMargin ?? ZERO);
  }
}

/** The part of an order that would not close the current position. */
function openingQty(order: Pick<Order, 'side' | 'qty'>, positionQty: Dec): Dec {
  const closes = order.side === 'BUY' ? positionQty.lessThan(0) : positionQty.greaterThan(0);
  return closes ? Dec.max(ZERO, order.qty.minus(positionQty.abs())) : order.qty;
}

/** A working order's requirement for its opening quantity, priced at its limit, stop, or the market. */
export function orderRequirement(
  view: EngineView,
  order: Pick<Order, 'accountId' | 'symbol' | 'assetType' | 'side' | 'qty' | 'type' | 'limit' | 'stop'> & { readonly trail?: Order['trail'] },
  multiplier: Dec,
  margin: MarginMode,
): Dec {
  const position = view.position(order.accountId, order.symbol);
  const qty = openingQty(order, position?.qty ?? ZERO);
  if (qty.isZero()) return ZERO;
  const price = estimatePrice(view, order);
  if (!price) return ZERO;
  return requirementOf(order.assetType, order.symbol, qty, price, multiplier, margin, view.settings);
}

/**
 * The price an order's requirement and estimates use: its limit (LMT, STP_LMT), its stop (STP) or the market (MKT),
 * market fills with the settings' slippage, as the fill model prices them: so the buying-power check and the
 * preview see the price the order fills at.
 */
export function estimatePrice(
  view: EngineView,
  order: Pick<Order, 'symbol' | 'assetType' | 'side' | 'type' | 'limit' | 'stop'> & { readonly trail?: Order['trail'] },
): Dec | null {
  switch (order.type) {
    // ENGINE.md 11: at the current stop (a triggered TRAIL_STP_LMT at its limit); before a stop exists, like a MKT.
    case 'TRAIL_STP':
    case 'TRAIL_STP_LMT': {
      if (order.limit) return order.limit;
      if (order.trail?.stop) return slipped(view, order, order.trail.stop);
      const market = executionPrice(view.quote(order.symbol), order.side)?.price;
      return market ? slipped(view, order, market) : null;
    }
    case 'LMT':
    case 'STP_LMT':
      return order.limit;
    case 'STP':
      return order.stop && slipped(view, order, order.stop);
    case 'MKT': {
      const market = executionPrice(view.quote(order.symbol), order.side)?.price;
      return market ? slipped(view, order, market) : null;
    }
  }
}

/** A market fill's price: slippage ticks at the price's own tick size, against the trader (fillModel does the same). */
function slipped(view: EngineView, order: Pick<Order, 'symbol' | 'assetType' | 'side'>, price: Dec): Dec {
  const ticks = view.settings.slippageTicks;
  if (ticks.isZero()) return price;
  const instrument = {
    symbol: order.symbol,
    assetType: order.assetType,
    root: order.assetType === 'FUT' ? futuresRoot(order.symbol) : null,
    multiplier: ONE,
    priceDecimals: 2,
  } satisfies Instrument;
  const slip = ticks.times(tickSize(instrument, price, view.settings));
  return order.side === 'BUY' ? price.plus(slip) : price.minus(slip);
}

export function orderMultiplier(view: EngineView, order: Pick<Order, 'accountId' | 'symbol' | 'assetType'>): Dec {
  const held = view.position(order.accountId, order.symbol);
  if (held) return held.multiplier;
  if (order.assetType === 'OPT') return new Dec(100);
  if (order.assetType === 'FUT') return view.settings.contracts[futuresRoot(order.symbol)]?.multiplier ?? new Dec(1);
  return new Dec(1);
}

/** The sum of the requirements of an account's working orders. Quotes do not move it: only orders, positions
 *  and settings do, which is what lets EngineState cache it between ticks. */
export function workingOrdersRequirement(
  view: EngineView,
  account: Account,
  orders: Iterable<Order> = view.workingOrdersOf(account.id),
): Dec {
  let total = ZERO;
  // ENGINE.md 7 and 12: an OCO group counts once, as its largest member (only one can fill).
  let groups: Map<string, Dec> | undefined;
  for (const order of orders) {
    const needs = orderRequirement(view, order, orderMultiplier(view, order), account.margin);
    if (order.ocoGroup === null) total = total.plus(needs);
    else {
      groups ??= new Map();
      const largest = groups.get(order.ocoGroup);
      if (!largest || needs.greaterThan(largest)) groups.set(order.ocoGroup, needs);
    }
  }
  if (groups) for (const needs of groups.values()) total = total.plus(needs);
  return total;
}

/** What net liq and P/L Day add up over an account's positions. */
export interface PositionTotals {
  /** Market value of stock and options, unrealized P&L of futures (their value is settled in cash). */
  readonly holdings: Dec;
  readonly unrealized: Dec;
  readonly realizedPlDay: Dec;
  readonly unrealizedAtRoll: Dec;
}

/**
 * The sums over an account's positions; `measure` prices each open one (the full metrics, or only what the sums
 * need). Positions closed today count for the day's P&L (they stay listed until the roll), not for holdings.
 */
export function positionTotals(
  view: EngineView,
  account: Account,
  measure: (position: Position) => { readonly unrealizedPl: Dec; readonly marketValue: Dec },
): PositionTotals {
  let holdings = ZERO;
  let unrealized = ZERO;
  let realizedPlDay = ZERO;
  let unrealizedAtRoll = ZERO;
  for (const position of view.positionsOf(account.id)) {
    realizedPlDay = realizedPlDay.plus(position.realizedPlDay);
    unrealizedAtRoll = unrealizedAtRoll.plus(position.unrealizedAtRoll);
    if (position.qty.isZero()) continue;
    const { unrealizedPl, marketValue } = measure(position);
    unrealized = unrealized.plus(unrealizedPl);
    holdings = holdings.plus(position.assetType === 'FUT' ? unrealizedPl : marketValue);
  }
  return { holdings, unrealized, realizedPlDay, unrealizedAtRoll };
}

export function accountMetrics(view: EngineView, account: Account, excludeOrder?: Order): AccountMetrics {
  let positionRequirement = ZERO;
  const { holdings, unrealized, realizedPlDay, unrealizedAtRoll } = positionTotals(view, account, (position) => {
    const metrics = positionMetrics(view, position, account.margin);
    positionRequirement = positionRequirement.plus(metrics.requirement);
    return metrics;
  });
  let orderRequirementTotal = view.workingOrdersRequirement(account);
  if (excludeOrder) {
    orderRequirementTotal = orderRequirementTotal.minus(
      orderRequirement(view, excludeOrder, orderMultiplier(view, excludeOrder), account.margin),
    );
  }
  const netLiq = account.cash.plus(holdings);
  const available = netLiq.minus(positionRequirement).minus(orderRequirementTotal);
  const buyingPower = available.div(STOCK_RATE[account.margin]);
  return {
    account,
    cash: account.cash,
    netLiq,
    unrealizedPl: unrealized,
    realizedPlDay,
    plDay: realizedPlDay.plus(unrealized).minus(unrealizedAtRoll),
    positionRequirement,
    orderRequirement: orderRequirementTotal,
    availableFunds: available,
    buyingPower,
    dayTradingBuyingPower: account.margin === 'DAYTRADE' ? available.div(DAY_TRADING_RATE) : buyingPower,
    optionBuyingPower: available,
    okToTrade: netLiq.greaterThan(0) && available.greaterThan(0),
  };
}
