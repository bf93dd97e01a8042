// What an order would cost and need before it is sent: the ticket's preview. It asks placeOrder what would happen
// (so its refusal reasons are the engine's own) and prices the order with the functions filling and buying power
// use; it never commits anything.
import { accountMetrics, estimatePrice, orderMultiplier, orderRequirement, STOCK_RATE } from './accounting';
import { fillCashFlow, fillCosts } from './cash';
import { ZERO, type Dec } from './decimal';
import { placeOrder, type Outcome } from './engine';
import type { Order } from './model';
import type { PlaceOrderInput } from './orderInput';
import type { EngineState } from './state';

export interface OrderPreview {
  /** The order as placing it now would leave it (REJECTED with its reason, or WORKING/FILLED). */
  readonly order: Order;
  /** The price the estimate uses: the limit, the stop or the market, with slippage for MKT and STP (the fill's). */
  readonly price: Dec | null;
  /** The cash a fill at that price moves before costs; futures realize nothing in an estimate, so 0. */
  readonly cashEffect: Dec;
  /** Commission and fees together. */
  readonly costs: Dec;
  /** The fees part of costs. */
  readonly fees: Dec;
  readonly requirement: Dec;
  readonly availableFunds: Dec;
  readonly availableAfter: Dec;
  readonly buyingPowerAfter: Dec;
}

export function previewOrder(state: EngineState, input: PlaceOrderInput, now: number): Outcome<OrderPreview> {
  const decision = placeOrder(state, input, now);
  if (!decision.ok) return decision;
  const order = decision.value;
  const account = state.account(order.accountId)!;
  const multiplier = orderMultiplier(state, order);
  const price = estimatePrice(state, order);
  const requirement = orderRequirement(state, order, multiplier, account.margin);
  const availableFunds = accountMetrics(state, account).availableFunds;
  const costs = fillCosts(state.settings, order.assetType, order.qty);
  const delta = order.side === 'BUY' ? order.qty : order.qty.negated();
  const availableAfter = availableFunds.minus(requirement);
  // The decision's change is dropped: a preview changes nothing.
  return {
    ok: true,
    value: {
      order,
      price,
      cashEffect: fillCashFlow(order.assetType, delta, price ?? ZERO, multiplier, ZERO),
      costs: costs.commission.plus(costs.fees),
      fees: costs.fees,
      requirement,
      availableFunds,
      availableAfter,
      buyingPowerAfter: availableAfter.div(STOCK_RATE[account.margin]),
    },
  };
}
