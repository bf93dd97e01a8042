// Display formatting of decimal strings, shared by the engine's messages and the renderer.
// Rounding happens here, for display only; stored and sent values keep every digit.
import Decimal from 'decimal.js';

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

export function groupThousands(value: string): string {
  const [whole = '', frac] = value.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}
