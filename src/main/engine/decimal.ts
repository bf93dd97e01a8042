// Exact decimals for every price, quantity and amount the engine touches.
// One Decimal constructor with enough precision for qty x price x multiplier sums; never a JS float for money.
import DecimalJs from 'decimal.js';

export const Dec = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);
export const ONE = new Dec(1);

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a decimal from a string or a JSON number. Numbers come from JSON or Excel as doubles: their shortest
 * round-trip text is what the user wrote, so String(n) is exact for every literal a person types.
 */
export function parseDecimal(value: unknown): Dec | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? new Dec(String(value)) : undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return DECIMAL_TEXT.test(text) ? new Dec(text) : undefined;
  }
  return undefined;
}

/** Plain notation, no exponent, no trailing zeros, never "-0". */
export function plain(value: Dec): string {
  return value.isZero() ? '0' : value.toFixed();
}

export function plainOrNull(value: Dec | null | undefined): string | null {
  return value == null ? null : plain(value);
}

/** Fixed decimals for reasons and messages ("149.80"), never fewer than the value carries. */
export function fixed(value: Dec, decimals: number): string {
  return value.toFixed(Math.max(decimals, value.decimalPlaces()));
}

export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

export function sign(value: Dec): -1 | 0 | 1 {
  return value.isZero() ? 0 : value.isNegative() ? -1 : 1;
}
