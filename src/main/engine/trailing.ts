// Trailing stops (ENGINE.md 11): the reference price a trailing order follows, how its watermark W moves, and the
// stop W gives, rounded to the tick grid away from the market. Pure: it reads an order and a quote and decides
// nothing about filling (the fill model does, with the stop this module gives).
import { Dec } from './decimal';
import { priceText, tickSize, type Instrument } from './instruments';
import type { Order, Trail } from './model';
import { markPrice, type Quote } from './quotes';
import type { Settings } from './settings';

const HUNDRED = new Dec(100);

/** The quote field the order trails: its mark (the mark rule of ENGINE.md 2), last, bid or ask; null when unknown. */
export function trailReference(trail: Pick<Trail, 'ref'>, quote: Quote | undefined): Dec | null {
  if (!quote) return null;
  switch (trail.ref) {
    case 'MARK':
      return markPrice(quote)?.price ?? null;
    case 'LAST':
      return quote.last;
    case 'BID':
      return quote.bid;
    case 'ASK':
      return quote.ask;
  }
}

/** The stop a watermark gives: W -/+ the offset, rounded to the tick grid away from the market (SELL down, BUY up). */
export function trailStopAt(trail: Pick<Trail, 'offset' | 'unit'>, side: Order['side'], watermark: Dec, instrument: Instrument, settings: Settings): Dec {
  const offset =
    trail.unit === 'PRICE'
      ? trail.offset
      : trail.unit === 'TICKS'
        ? trail.offset.times(tickSize(instrument, watermark, settings))
        : watermark.times(trail.offset).div(HUNDRED);
  const raw = side === 'SELL' ? watermark.minus(offset) : watermark.plus(offset);
  const tick = tickSize(instrument, raw, settings);
  const ticks = raw.div(tick);
  return (side === 'SELL' ? ticks.floor() : ticks.ceil()).times(tick);
}

/**
 * W after a quote: the reference when there is no W yet (acceptance, an edit, a child's activation), else moved
 * only in the trader's favour (SELL: the highest reference seen, BUY: the lowest). Null when nothing moves.
 */
export function trailAfterQuote(order: Order, quote: Quote | undefined, instrument: Instrument, settings: Settings): { watermark: Dec; stop: Dec } | null {
  const trail = order.trail;
  if (!trail || order.triggered) return null;
  const reference = trailReference(trail, quote);
  if (!reference) return null;
  const w = trail.watermark;
  const better = w === null || (order.side === 'SELL' ? reference.greaterThan(w) : reference.lessThan(w));
  if (!better && trail.stop !== null) return null;
  const watermark = better ? reference : w;
  return { watermark, stop: trailStopAt(trail, order.side, watermark, instrument, settings) };
}

/** A triggered TRAIL_STP_LMT's limit: the stop -/+ limitOffset (SELL below, BUY above). */
export function trailLimit(order: Order): Dec | null {
  const trail = order.trail;
  if (order.type !== 'TRAIL_STP_LMT' || !trail?.stop) return null;
  return order.side === 'SELL' ? trail.stop.minus(trail.limitOffset) : trail.stop.plus(trail.limitOffset);
}

/** "trails MARK by 2.00 from high 101.50: stop 99.50" (the first half of the why-not-filled text). */
export function trailText(order: Order, instrument: Instrument, settings: Settings): string {
  const trail = order.trail!;
  const show = (d: Dec) => priceText(instrument, d, settings);
  const by = trail.unit === 'PRICE' ? show(trail.offset) : trail.unit === 'TICKS' ? `${trail.offset.toFixed()} ticks` : `${trail.offset.toFixed()}%`;
  if (trail.watermark === null || trail.stop === null) return `trails ${trail.ref} by ${by}`;
  return `trails ${trail.ref} by ${by} from ${order.side === 'SELL' ? 'high' : 'low'} ${show(trail.watermark)}: stop ${show(trail.stop)}`;
}
