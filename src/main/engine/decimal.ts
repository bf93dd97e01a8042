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
/** No amount, price or quantity the engine takes is longer than this, nor beyond 10^18 or finer than 10^-18. */
const MAX_DECIMAL_TEXT = 64;
const MAX_EXPONENT = 18;

/**
 * Reads a decimal from a string or a JSON number. Numbers come from JSON or Excel as doubles: their shortest
 * round-trip text is what the user wrote, so String(n) is exact for every literal a person types.
 */
export function parseDecimal(value: unknown): Dec | undefined {
  let parsed: Dec | undefined;
  if (typeof value === 'number') {
    parsed = Number.isFinite(value) ? new Dec(String(value)) : undefined;
  } else if (typeof value === 'string' && value.length <= MAX_DECIMAL_TEXT * 4) {
    const text = value.trim();
    parsed = text.length <= MAX_DECIMAL_TEXT && DECIMAL_TEXT.test(text) ? new Dec(text) : undefined;
  }
  // Bounded, so no input can make a million-digit figure (1e999999 is short text): every later sum, view and
  // message stays small. Real amounts are far inside.
  if (!parsed || (!parsed.isZero() && Math.abs(parsed.e) > MAX_EXPONENT)) return undefined;
  return parsed;
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
