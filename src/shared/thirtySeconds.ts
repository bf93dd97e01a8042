// Treasury prices in 32nds as TOS and the CME write them (117'14, 110'16+, 110'165): the one parse both sides use,
// LiveData's cells in main and the ticket and the order editor in the window. It returns decimal text and must never
// build a Decimal from text it has not measured: the regex has no nested repetition and the whole part is capped.
import Decimal from 'decimal.js';

// Whole points and 32nds, a third digit in quarters of a 32nd (0, 2, 5, 7), + for a half.
const THIRTY_SECONDS = /^([+-]?)(\d+)'(\d{2})([0257])?(\+)?$/;
const QUARTERS: Readonly<Record<string, string>> = { '0': '0', '2': '0.25', '5': '0.5', '7': '0.75' };
/** 15 whole digits: beyond them nothing quoted is exact (LIVEDATA.md's value range). */
const MAX_WHOLE_DIGITS = 15;
// 15 whole digits and 7 decimals (1/128 of a point) fit exactly.
const Exact = Decimal.clone({ precision: 40 });

/** A price in 32nds as plain decimal text ("110'16+" -> "110.515625"), or null when the text is not one. */
export function parseThirtySeconds(text: string): string | null {
  const match = THIRTY_SECONDS.exec(text);
  if (!match) return null;
  const [, signText, wholeText, thirtySeconds, quarter, plus] = match;
  const whole = wholeText!.replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_WHOLE_DIGITS) return null;
  let ticks = new Exact(thirtySeconds!);
  if (ticks.greaterThanOrEqualTo(32)) return null;
  if (quarter) ticks = ticks.plus(QUARTERS[quarter]!);
  if (plus) ticks = ticks.plus('0.5');
  const value = new Exact(whole).plus(ticks.div(32));
  const signed = signText === '-' ? value.negated() : value;
  return signed.isZero() ? '0' : signed.toFixed();
}

/**
 * A typed price as the decimal text the contract takes: trimmed, thousands separators dropped, 32nds read
 * ("110'16" -> "110.5"). Text that is neither comes back cleaned, for main to refuse in its own words.
 */
export function typedPrice(text: string): string {
  const cleaned = text.trim().replace(/,/g, '');
  if (!cleaned.includes("'")) return cleaned;
  return parseThirtySeconds(cleaned) ?? cleaned;
}
