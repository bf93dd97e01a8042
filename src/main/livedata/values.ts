// The value rules of LIVEDATA.md: what a cell's cached value means for a quote field. Excel hands us doubles
// and text; this is the one place they become exact decimals (15 significant digits, as Excel shows them).
import { Dec } from '../engine/decimal';
import type { QuoteNumberField } from '../engine/quotes';

/** Fields where 0 means "no value yet this session". */
const PRICE_FIELDS: ReadonlySet<QuoteNumberField> = new Set(['last', 'bid', 'ask', 'mark', 'open', 'high', 'low', 'close']);

const MISSING_TEXT = /^(n\/a|na|--|-|#n\/a|#value!|#ref!|#name\?|#div\/0!|#num!|#null!|#getting_data|\{error\}|error|loading\.*)$/i;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// 117'14, 110'195, 117'14+, -0'01: whole points and 32nds, a third digit in quarters (2, 5, 7), + for a half.
const THIRTY_SECONDS = /^([+-]?)(\d+)'(\d{2})([0257])?(\+)?$/;
const QUARTERS: Readonly<Record<string, string>> = { '0': '0', '2': '0.25', '5': '0.5', '7': '0.75' };

/** An Excel double as the decimal Excel shows: 15 significant digits (-7.0000000000000007E-2 is -0.07). */
export function excelNumber(value: number): Dec | null {
  if (!Number.isFinite(value)) return null;
  return new Dec(value.toPrecision(15)).toSignificantDigits(15);
}

/** A Treasury price in 32nds, or null when the text is not one. */
export function parseThirtySeconds(text: string): Dec | null {
  const match = THIRTY_SECONDS.exec(text);
  if (!match) return null;
  const [, signText, whole, thirtySeconds, quarter, plus] = match;
  let ticks = new Dec(thirtySeconds!);
  if (ticks.greaterThanOrEqualTo(32)) return null;
  if (quarter) ticks = ticks.plus(QUARTERS[quarter]!);
  if (plus) ticks = ticks.plus('0.5');
  const value = new Dec(whole!).plus(ticks.div(32));
  return signText === '-' ? value.negated() : value;
}

/** Text as a number: trimmed, `,` `$` `%` stripped, 32nds understood; null when it means "missing". */
export function parseText(raw: string): Dec | null {
  const text = raw.trim();
  if (text === '' || MISSING_TEXT.test(text)) return null;
  const treasury = parseThirtySeconds(text.replace(/\s+/g, ''));
  if (treasury) return treasury;
  const cleaned = text.replace(/[,$%\s]/g, '');
  if (!PLAIN_NUMBER.test(cleaned)) return null;
  return new Dec(cleaned).toSignificantDigits(15);
}

/** An Excel error value as exceljs gives it ({ error: '#N/A' }). */
function isErrorValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** What a cached cell value means for a quote field: a decimal, or null for missing. */
export function fieldValue(field: QuoteNumberField, raw: unknown): Dec | null {
  let value: Dec | null;
  if (typeof raw === 'number') value = excelNumber(raw);
  else if (typeof raw === 'string') value = parseText(raw);
  else if (raw instanceof Date || raw === null || raw === undefined || isErrorValue(raw) || typeof raw === 'boolean') value = null;
  else value = null;
  if (value && value.isZero()) return PRICE_FIELDS.has(field) ? null : new Dec(0);
  return value;
}

/** A cached value as text (descriptions, symbols); null when it means "missing". */
export function textValue(raw: unknown): string | null {
  if (typeof raw === 'string') {
    const text = raw.trim();
    return text === '' || MISSING_TEXT.test(text) ? null : text;
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'object' && raw !== null && 'richText' in raw) {
    const parts = (raw as { richText: { text: string }[] }).richText;
    return textValue(parts.map((p) => p.text).join(''));
  }
  return null;
}
