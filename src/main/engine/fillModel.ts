// The default fill model of ENGINE.md section 4: whether an order triggers or fills on a quote, at what price,
// and in words why (or why not yet). Pure: it reads an order, a quote and the settings, and decides nothing else.
import type { Dec } from './decimal';
import type { Instrument } from './instruments';
import { priceText, tickSize } from './instruments';
import type { Order } from './model';
import { executionPrice, triggerPrice, type PricePoint, type Quote } from './quotes';
import type { Settings } from './settings';
import { trailLimit, trailText } from './trailing';

export type Evaluation =
  | {
      readonly outcome: 'fill';
      readonly price: Dec;
      readonly triggeredNow: boolean;
      /** "resting LMT BUY: ask 149.80 <= limit 149.80, touch" */
      readonly reason: string;
    }
  | {
      readonly outcome: 'rest';
      readonly triggeredNow: boolean;
      /** "needs ask <= 149.50; ask is 150.05" */
      readonly why: string;
    };

export interface EvaluationContext {
  readonly instrument: Instrument;
  readonly settings: Settings;
  /** True when the order is new or just edited: a marketable limit fills at the market, not at its limit. */
  readonly arriving: boolean;
}

export function evaluateOrder(order: Order, quote: Quote | undefined, ctx: EvaluationContext): Evaluation {
  const { instrument } = ctx;
  const show = (d: Dec) => priceText(instrument, d, ctx.settings);
  const label = `${order.type} ${order.side}`;
  let triggeredNow = false;
  let arriving = ctx.arriving;

  const trailing = order.type === 'TRAIL_STP' || order.type === 'TRAIL_STP_LMT';
  if ((order.type === 'STP' || order.type === 'STP_LMT' || trailing) && !order.triggered) {
    const t = triggerPrice(quote);
    const comparison = order.side === 'BUY' ? '>=' : '<=';
    if (trailing) {
      // ENGINE.md 11: the stop the watermark gives, or none yet (no reference price): then it waits.
      const stop = order.trail?.stop;
      const trails = trailText(order, instrument, ctx.settings);
      if (!stop) return { outcome: 'rest', triggeredNow, why: `${trails}; waiting for a ${order.trail?.ref ?? 'MARK'} price to set the stop` };
      if (!t) return { outcome: 'rest', triggeredNow, why: `${trails}; needs last ${comparison} ${show(stop)}; no last or mark yet` };
      const reached = order.side === 'BUY' ? t.price.greaterThanOrEqualTo(stop) : t.price.lessThanOrEqualTo(stop);
      if (!reached) {
        return { outcome: 'rest', triggeredNow, why: `${trails}; needs ${t.source} ${comparison} ${show(stop)}, ${t.source} is ${show(t.price)}` };
      }
    }
    const stop = trailing ? order.trail!.stop! : order.stop!;
    if (!t) return { outcome: 'rest', triggeredNow, why: `needs last ${comparison} ${show(stop)} to trigger; no last or mark yet` };
    const reached = order.side === 'BUY' ? t.price.greaterThanOrEqualTo(stop) : t.price.lessThanOrEqualTo(stop);
    if (!reached) {
      return {
        outcome: 'rest',
        triggeredNow,
        why: `needs ${t.source} ${comparison} ${show(stop)} to trigger; ${t.source} is ${show(t.price)}`,
      };
    }
    triggeredNow = true;
    // A triggered stop-limit arrives as a new limit order on the triggering quote.
    arriving = true;
  }

  const market = executionPrice(quote, order.side);
  const marketName = order.side === 'BUY' ? 'ask' : 'bid';

  if (order.type === 'MKT' || order.type === 'STP' || order.type === 'TRAIL_STP') {
    if (!market) return { outcome: 'rest', triggeredNow, why: `triggered; waiting for a ${marketName} or last to fill` };
    const slip = ctx.settings.slippageTicks.times(tickSize(instrument, market.price, ctx.settings));
    const price = order.side === 'BUY' ? market.price.plus(slip) : market.price.minus(slip);
    const slipText = slip.isZero() ? '' : `, ${ctx.settings.slippageTicks.toFixed()} ticks slippage`;
    const trigger = order.type === 'MKT' ? '' : triggeredNow ? stopText(order, quote, show) : 'stop triggered earlier, ';
    return {
      outcome: 'fill',
      price,
      triggeredNow,
      reason: `${label}: ${trigger}filled at ${market.source} ${show(market.price)}${slipText}`,
    };
  }

  // A TRAIL_STP_LMT triggered on this quote has no limit stored yet: the stop -/+ limitOffset.
  const limit = order.limit ?? trailLimit(order)!;
  const comparison = order.side === 'BUY' ? '<=' : '>=';
  if (!market) {
    return { outcome: 'rest', triggeredNow, why: `needs ${marketName} ${comparison} ${show(limit)}; no ${marketName} or last yet` };
  }
  const trigger = (order.type === 'STP_LMT' || order.type === 'TRAIL_STP_LMT') && triggeredNow ? stopText(order, quote, show) : '';
  const marketable = order.side === 'BUY' ? market.price.lessThanOrEqualTo(limit) : market.price.greaterThanOrEqualTo(limit);
  if (arriving) {
    if (marketable) {
      return {
        outcome: 'fill',
        price: market.price,
        triggeredNow,
        reason: `marketable ${label}: ${trigger}${describe(market, show)} ${comparison} limit ${show(limit)}, filled at ${market.source}`,
      };
    }
  } else {
    const cross = ctx.settings.limitFill === 'cross';
    const fills = cross
      ? order.side === 'BUY'
        ? market.price.lessThan(limit)
        : market.price.greaterThan(limit)
      : marketable;
    if (fills) {
      const op = cross ? (order.side === 'BUY' ? '<' : '>') : comparison;
      return {
        outcome: 'fill',
        price: limit,
        triggeredNow,
        reason: `resting ${label}: ${describe(market, show)} ${op} limit ${show(limit)}, ${ctx.settings.limitFill}`,
      };
    }
  }
  const needOp = ctx.settings.limitFill === 'cross' && !arriving ? (order.side === 'BUY' ? '<' : '>') : comparison;
  return {
    outcome: 'rest',
    triggeredNow,
    why: `needs ${market.source} ${needOp} ${show(limit)}; ${market.source} is ${show(market.price)}`,
  };
}

function describe(point: PricePoint, show: (d: Dec) => string): string {
  return `${point.source} ${show(point.price)}`;
}

function stopText(order: Order, quote: Quote | undefined, show: (d: Dec) => string): string {
  const t = triggerPrice(quote);
  const stop = order.trail ? order.trail.stop : order.stop;
  if (!stop || !t) return 'triggered, ';
  const op = order.side === 'BUY' ? '>=' : '<=';
  return `${order.trail ? 'trailing ' : ''}stop triggered (${t.source} ${show(t.price)} ${op} stop ${show(stop)}), `;
}
