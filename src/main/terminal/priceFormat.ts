// How a symbol's prices are shown and stepped: decimals of its tick, or 32nds for Treasury futures as TOS shows
// them. Derived from the engine's instruments and sent with every row that shows a price; the renderer only
// formats with it.
import type { Priced } from '../../shared/views';
import { Dec } from '../engine/decimal';
import { inThirtySeconds, resolveInstrument, tickSize } from '../engine/instruments';
import type { Settings } from '../engine/settings';

const DEFAULT_TICK = new Dec('0.01');

/** The format and tick of a symbol at a price (the instrument's tick at $1 when there is none). */
export function priceFormatOf(symbol: string, price: Dec | null, settings: Settings): Priced {
  const resolved = resolveInstrument(symbol, settings);
  if (!resolved.ok) {
    return { priceFormat: { kind: 'decimal', decimals: price && price.lessThan(1) ? 4 : 2 }, tick: DEFAULT_TICK.toFixed() };
  }
  const { instrument } = resolved;
  const tick = tickSize(instrument, price ?? new Dec(1), settings);
  if (inThirtySeconds(instrument)) return { priceFormat: { kind: 'thirtySeconds' }, tick: tick.toFixed() };
  return { priceFormat: { kind: 'decimal', decimals: Math.max(2, tick.decimalPlaces()) }, tick: tick.toFixed() };
}
