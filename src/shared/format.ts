// Display formatting of decimal strings, shared by the engine's messages and the renderer.
// Rounding happens here, for display only; stored and sent values keep every digit.
import Decimal from 'decimal.js';
import type { PriceFormat } from './contract';

/** "1234567.891" -> "1,234,567.89" (half away from zero). Text that is not a number comes back unchanged. */
export function formatMoney(value: string, decimals = 2): string {
  let rounded: string;
  try {
    rounded = new Decimal(value).toFixed(decimals, Decimal.ROUND_HALF_UP);
  } catch {
    return value;
  }
  return groupThousands(rounded.startsWith('-') && new Decimal(rounded).isZero() ? rounded.slice(1) : rounded);
}

/** "-1234567.5" -> "-1,234,567.5": the digits before the point grouped by three, the rest as written. */
export function groupThousands(value: string): string {
  const [whole = '', frac] = value.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  // One pass, linear in the length (a lookahead regex rescans the rest of the digits at every position).
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let i = head; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  const grouped = groups.join(',');
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

// ---- Display helpers for the window. Each takes the decimal strings of the views and returns text; none of them
// computes a figure (P&L, buying power): they only round, group and sign what main already computed.

const THIRTY_TWO = new Decimal(32);

function parse(value: string | null | undefined): Decimal | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  try {
    return new Decimal(value);
  } catch {
    return null;
  }
}

/**
 * A price as TOS shows it. Decimal instruments: the tick's decimals, thousands grouped ("6,712.25"). Treasury
 * futures: whole'32nds, with a third digit for the part of a 32nd (TOS and CME: .25 -> 2, .5 -> 5, .75 -> 7,
 * eighths 1 3 6 8): ZB "117'14", ZN "110'155". The third digit is always shown when the tick itself is a fraction of
 * a 32nd (ZN "110'150"), so a column of prices lines up. Empty for no price; unparsable text comes back as is.
 */
export function formatPrice(value: string | null | undefined, format: PriceFormat, tick?: string): string {
  if (value === null || value === undefined || value === '') return '';
  const price = parse(value);
  if (!price) return value;
  if (format.kind === 'decimal') return formatMoney(value, format.decimals);
  const negative = price.isNegative() && !price.isZero();
  const abs = price.abs();
  const whole = abs.floor();
  const inThirtySeconds = abs.minus(whole).times(THIRTY_TWO);
  const n = inThirtySeconds.floor();
  const part = inThirtySeconds.minus(n);
  const tickThirtySeconds = parse(tick ?? null)?.times(THIRTY_TWO);
  const fractionalTick = tickThirtySeconds ? !tickThirtySeconds.isInteger() : false;
  // Truncating tenths of the part gives CME's digits for halves, quarters and eighths alike.
  const third = part.isZero() && !fractionalTick ? '' : part.times(10).floor().toFixed(0);
  return `${negative ? '-' : ''}${groupThousands(whole.toFixed(0))}'${n.toFixed(0).padStart(2, '0')}${third}`;
}

/** -1, 0 or 1 for a decimal string (0 for no value): what colors P&L and net change. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  const parsed = parse(value);
  if (!parsed || parsed.isZero()) return 0;
  return parsed.isNegative() ? -1 : 1;
}

/** Money with its sign always shown, as TOS shows P&L: "+1,234.50", "-12.00", "0.00". */
export function formatSignedMoney(value: string | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return '';
  const text = formatMoney(value, decimals);
  // Judge the sign on the rounded text, so 0.004 shows "0.00" rather than "+0.00".
  const rounded = parse(text.replace(/,/g, ''));
  return rounded?.greaterThan(0) ? `+${text}` : text;
}

/** A percentage already computed by main ("12.3456" -> "+12.35%"); signed unless told otherwise. */
export function formatPercent(value: string | null | undefined, decimals = 2, signed = true): string {
  if (value === null || value === undefined || value === '') return '';
  const text = signed ? formatSignedMoney(value, decimals) : formatMoney(value, decimals);
  return parse(value) ? `${text}%` : text;
}

/** Quantities and sizes: grouped, never rounded ("1,200", "-100", "0.5"). */
export function formatQuantity(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const parsed = parse(value);
  return parsed ? groupThousands(parsed.toFixed()) : value;
}

/** How long ago, for a status line: "now", "2 s ago", "3 min ago", "1 h ago". */
export function formatAge(ms: number): string {
  if (ms < 1_000) return 'now';
  const seconds = Math.floor(ms / 1_000);
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

/** Orders two decimal strings (null last), for sorting rows by a figure main computed; no arithmetic. */
export function compareDecimals(a: string | null | undefined, b: string | null | undefined): number {
  const x = parse(a);
  const y = parse(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  return x.comparedTo(y);
}
