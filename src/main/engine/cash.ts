// What a fill does to cash (ENGINE.md sections 4 and 6): the notional or realized P&L it moves and the commission
// and fees it costs. The one place these are worked out: filling, verify's replay and the order preview all call it.
// Pure arithmetic on decimals; it never reads state.
import type { Dec } from './decimal';
import type { AssetType, Settings } from './settings';

export interface FillCosts {
  readonly commission: Dec;
  readonly fees: Dec;
}

/** Commission and fees of a fill of `qty`: the asset type's per-unit rates. */
export function fillCosts(settings: Settings, assetType: AssetType, qty: Dec): FillCosts {
  return { commission: qty.times(settings.commission[assetType]), fees: qty.times(settings.fees[assetType]) };
}

/**
 * The cash a fill of signed size `delta` (BUY +, SELL -) moves before its costs: stock and options move the
 * notional (a buy pays, a sell or short sale receives); futures move no notional, only their realized P&L.
 */
export function fillCashFlow(assetType: AssetType, delta: Dec, price: Dec, multiplier: Dec, realized: Dec): Dec {
  return assetType === 'FUT' ? realized : delta.times(price).times(multiplier).negated();
}

/** Cash after a fill: its flow in, its costs out. */
export function cashAfterFill(cash: Dec, flow: Dec, costs: FillCosts): Dec {
  return cash.plus(flow).minus(costs.commission).minus(costs.fees);
}
