// Steps a typed price by the instrument's tick, in exact decimals (decimal.js on the strings, never floats). A price
// between ticks moves to the next tick in that direction, so stepping also snaps onto the grid the engine checks.
// Treasury prices are typed, stepped and staged in 32nds, as TOS's ticket shows them.
import Decimal from 'decimal.js';
import type { PriceFormat } from '../../../shared/contract';
import { formatPrice } from '../../../shared/format';
import { typedPrice } from '../../../shared/thirtySeconds';

/** The price `steps` ticks away (negative steps go down), or null when it cannot step (no price, a bad tick, <= 0). */
export function stepPrice(value: string, tick: string, steps: number, format: PriceFormat): string | null {
  let price: Decimal;
  let size: Decimal;
  try {
    price = new Decimal(typedPrice(value));
    size = new Decimal(tick);
  } catch {
    return null;
  }
  if (!size.greaterThan(0) || steps === 0) return null;
  const q = price.div(size);
  let n: Decimal;
  if (q.isInteger()) n = q.plus(steps);
  else n = steps > 0 ? q.ceil().plus(steps - 1) : q.floor().plus(steps + 1);
  const next = n.times(size);
  if (!next.greaterThan(0)) return null;
  // Decimal instruments keep the decimals they are shown with ("150.10"); 32nds keep exactly the digits they need.
  if (format.kind === 'decimal') return next.toFixed(Math.max(format.decimals, size.decimalPlaces()));
  return formatPrice(next.toFixed(), format, tick);
}

/**
 * A clicked or copied price in the digits the instrument is shown with, for a ticket field ("150.1" -> "150.10",
 * ZN "110.5" -> "110'160").
 */
export function priceForField(value: string, format: PriceFormat, tick?: string | null): string {
  if (format.kind !== 'decimal') return formatPrice(value, format, tick ?? undefined);
  try {
    const price = new Decimal(value);
    return price.decimalPlaces() > format.decimals ? price.toFixed() : price.toFixed(format.decimals);
  } catch {
    return value;
  }
}

/**
 * The price `ticks` ticks (signed whole number, as typed) from `price`, as plain decimal text, or null when either
 * cannot be read. Display only: the ticket's "≈" bracket prices; the engine resolves the real ones from the fill.
 */
export function ticksAway(price: string | null | undefined, ticks: string, tick: string | null | undefined): string | null {
  if (!price || !tick || !/^[+-]?\d{1,6}$/.test(ticks.trim())) return null;
  try {
    const next = new Decimal(typedPrice(price)).plus(new Decimal(tick).times(ticks.trim()));
    return next.greaterThan(0) ? next.toFixed() : null;
  } catch {
    return null;
  }
}
