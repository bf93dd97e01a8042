// The value rules of LIVEDATA.md: what a cell's cached value means for a quote field. Excel hands us doubles
// and text; this is the one place they become exact decimals (15 significant digits, as Excel shows them).
// It must never build a Decimal from text it has not measured first: `1e100000000` froze the app once.
import { Dec } from '../engine/decimal';
import type { QuoteNumberField } from '../engine/quotes';
import { parseThirtySeconds as parseThirtySecondsText } from '../../shared/thirtySeconds';

/** Fields where 0 means "no value yet this session", and which a stock can never have at or below 0. */
export const PRICE_FIELDS: ReadonlySet<QuoteNumberField> = new Set(['last', 'bid', 'ask', 'mark', 'open', 'high', 'low', 'close']);

/** Reports why a value was not used, in a trader's words; the caller puts the cell address or row in front. */
export type ValueWarning = (problem: string) => void;

// A value is used only when 1e-12 <= |value| < 1e15: beyond 15 significant digits nothing Excel shows is exact,
// and nothing quoted is that large or that small. Outside that range a value is a broken cell, never a price.
const MAX_EXPONENT = 14;
const MIN_EXPONENT = -12;

const MISSING_TEXT =
  /^(n\/a|na|--|-|#n\/a|#value!|#ref!|#name\?|#div\/0!|#num!|#null!|#getting_data|\{error\}|error|loading\.*|<empty>)$/i;

/**
 * Any text made safe for a status or warning line: printable ASCII on one line, at most `max` characters (4 at
 * least), cut with "...". Looks at no more than `max` + 1 characters of the text, so a 50 MB cell costs nothing.
 */
export function printable(text: string, max = 24): string {
  const limit = Math.max(max, 4);
  const head = text.slice(0, limit + 1);
  let out = '';
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code >= 0x20 && code < 0x7f) out += head[i];
    else if (code === 0x09 || code === 0x0a || code === 0x0d) out += ' ';
    else out += '?';
  }
  return text.length > limit ? `${out.slice(0, limit - 3)}...` : out;
}

function outOfRange(shown: string): string {
  return `value out of range (${printable(shown)})`;
}

/** True when a decimal is one we can show and trade on: finite and 1e-12 <= |value| < 1e15, or 0. */
export function inValueRange(value: Dec): boolean {
  if (!value.isFinite()) return false;
  return value.isZero() || (value.e <= MAX_EXPONENT && value.e >= MIN_EXPONENT);
}

/** An Excel double as the decimal Excel shows: 15 significant digits (-7.0000000000000007E-2 is -0.07). */
export function excelNumber(value: number, warn?: ValueWarning): Dec | null {
  if (value === 0) return new Dec(0);
  const magnitude = Math.abs(value);
  if (!Number.isFinite(value) || magnitude >= 1e15 || magnitude < 1e-12) {
    warn?.(outOfRange(String(value)));
    return null;
  }
  const decimal = new Dec(value.toPrecision(15)).toSignificantDigits(15);
  // 999999999999999.9 rounds up to 1e15.
  if (!inValueRange(decimal)) {
    warn?.(outOfRange(String(value)));
    return null;
  }
  return decimal;
}

/** A Treasury price in 32nds, or null when the text is not one (the window reads typed prices with the same rules). */
export function parseThirtySeconds(text: string): Dec | null {
  const value = parseThirtySecondsText(text);
  return value === null ? null : new Dec(value);
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

function digitsEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) break;
    i++;
  }
  return i;
}

type Scanned = { kind: 'number'; value: Dec } | { kind: 'out of range' } | { kind: 'not a number' };

/**
 * A plain decimal (`-12.5`, `.5`, `1e3`) read in one pass: its size is worked out from the digits and the
 * exponent's text before any Decimal exists, and at most 17 significant digits (plus one that says "more")
 * reach the Decimal, which is all that rounding to 15 digits needs. Linear in the text, whatever it holds.
 */
function scanPlainNumber(text: string): Scanned {
  let i = 0;
  const signChar = text[0];
  const negative = signChar === '-';
  if (signChar === '-' || signChar === '+') i = 1;
  const intStart = i;
  const intEnd = digitsEnd(text, intStart);
  let fracStart = intEnd;
  let fracEnd = intEnd;
  if (text[intEnd] === '.') {
    fracStart = intEnd + 1;
    fracEnd = digitsEnd(text, fracStart);
  }
  if (intEnd === intStart && fracEnd === fracStart) return { kind: 'not a number' };
  let end = fracEnd;
  let exponentText = '0';
  let exponentNegative = false;
  if (text[end] === 'e' || text[end] === 'E') {
    let at = end + 1;
    if (text[at] === '-' || text[at] === '+') {
      exponentNegative = text[at] === '-';
      at++;
    }
    const expEnd = digitsEnd(text, at);
    if (expEnd === at) return { kind: 'not a number' };
    exponentText = text.slice(at, expEnd);
    end = expEnd;
  }
  if (end !== text.length) return { kind: 'not a number' };

  const intDigits = intEnd - intStart;
  const fracDigits = fracEnd - fracStart;
  // The common case, a price as TOS writes it (`6857.25`): short enough to be exact and in range as it stands.
  if (end === fracEnd && intDigits + fracDigits <= 15 && intDigits <= MAX_EXPONENT + 1) {
    // toSignificantDigits changes nothing here but gives a compact copy: decimal.js's parser leaves each value
    // with a 17-slot digit array (250 bytes instead of 130), and a 100,000-row file holds a million values.
    const value = new Dec(text).toSignificantDigits(15);
    return value.isZero() || value.e >= MIN_EXPONENT ? { kind: 'number', value } : { kind: 'out of range' };
  }
  const digits = text.slice(intStart, intEnd) + text.slice(fracStart, fracEnd);
  const first = digits.search(/[1-9]/);
  if (first < 0) return { kind: 'number', value: new Dec(0) };
  exponentText = exponentText.replace(/^0+/, '');
  // An exponent of ten digits or more puts any non-zero value far outside the range.
  if (exponentText.length > 9) return { kind: 'out of range' };
  const exponent = (exponentNegative ? -1 : 1) * Number(exponentText || '0');
  // The value is d.ddd x 10^order, with d the first non-zero digit.
  const order = intDigits - 1 - first + exponent;
  if (order > MAX_EXPONENT || order < MIN_EXPONENT) return { kind: 'out of range' };
  const rest = digits.slice(first + 17);
  const kept = digits.slice(first, first + 17) + (/[1-9]/.test(rest) ? '1' : '');
  const value = new Dec(`${negative ? '-' : ''}0.${kept}e${order + 1}`).toSignificantDigits(15);
  return inValueRange(value) ? { kind: 'number', value } : { kind: 'out of range' };
}

/**
 * Text as a number: trimmed, `,` `$` `%` and spaces stripped, `(41.20)` and `($41.20)` as -41.20, 32nds
 * understood; null when it means "missing" or is not a number. A number too large or too small to be a
 * quote is missing too, and `warn` says so.
 */
export function parseText(raw: string, warn?: ValueWarning): Dec | null {
  const text = raw.trim();
  if (text === '' || MISSING_TEXT.test(text)) return null;
  let cleaned = text.replace(/[,$%\s]/g, '');
  // Accounting negatives, as TOS and Excel write them.
  let negated = false;
  if (cleaned.length > 2 && cleaned.startsWith('(') && cleaned.endsWith(')')) {
    cleaned = cleaned.slice(1, -1);
    if (cleaned.startsWith('-') || cleaned.startsWith('+')) return null;
    negated = true;
  }
  let value = cleaned.includes("'") ? parseThirtySeconds(cleaned) : null;
  if (!value) {
    const scanned = scanPlainNumber(cleaned);
    if (scanned.kind === 'out of range') warn?.(outOfRange(text));
    if (scanned.kind !== 'number') return null;
    value = scanned.value;
  }
  return negated ? value.negated() : value;
}

// A decimal written the way decimal.js's toFixed() writes it: no sign on zero, no leading zeros, no trailing ones.
const CANONICAL = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{0,14}[1-9])?$/;

/** Text already as fieldText would write it: canonical, at most 15 significant digits, and in range. */
function isCanonicalInRange(text: string): boolean {
  if (!CANONICAL.test(text) || text === '-0') return false;
  const unsigned = text.startsWith('-') ? text.slice(1) : text;
  if (!unsigned.startsWith('0.')) return unsigned.length - (unsigned.includes('.') ? 1 : 0) <= 15;
  const fraction = unsigned.slice(2);
  const lead = fraction.search(/[1-9]/);
  return lead < -MIN_EXPONENT && fraction.length - lead <= 15;
}

/** An Excel double as canonical text, through toPrecision(15) and no Decimal at all when it prints plainly. */
function excelNumberText(value: number, warn?: ValueWarning): string | null {
  const magnitude = Math.abs(value);
  if (!Number.isFinite(value) || magnitude >= 1e15 || magnitude < 1e-12) {
    warn?.(outOfRange(String(value)));
    return null;
  }
  // JavaScript's shortest round-trip text, when it has at most 15 significant digits, is the 15-digit rounding
  // already: doubles are 15 digits apart at least, so no other 15-digit decimal is nearer (and it has no zeros to trim).
  const shortest = String(value);
  if (significantDigits(shortest) <= 15) return shortest;
  let text = value.toPrecision(15);
  if (text.includes('e')) {
    const decimal = excelNumber(value, warn);
    return decimal === null ? null : decimal.toFixed();
  }
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/** Significant digits of a number's plain text ("-0.00125" has 3); more than 15 for any text with an exponent. */
function significantDigits(text: string): number {
  let digits = 0;
  let leading = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 101 /* e */) return Infinity;
    if (c < 48 || c > 57) continue; // sign, point
    if (leading && c === 48) continue;
    leading = false;
    digits += 1;
  }
  return digits;
}

/**
 * What a cached cell value means for a quote field, as canonical decimal text (`6857.25`, `-0.07`), or null for
 * missing. Booleans, dates, Excel errors and text that is not a number are missing; so is 0 in a price field. A
 * number out of range is missing and reported through `warn` (the problem only: the caller adds the cell address
 * or row). The tick path keeps quotes as this text and builds a Decimal only for what changed: a read of a
 * 1,000-symbol sheet would otherwise build 10,000 Decimals a second to compare them with the last ones.
 */
export function fieldText(field: QuoteNumberField, raw: unknown, warn?: ValueWarning): string | null {
  let text: string | null;
  if (typeof raw === 'number') text = raw === 0 ? '0' : excelNumberText(raw, warn);
  else if (typeof raw === 'string') {
    const trimmed = raw.trim();
    if (isCanonicalInRange(trimmed)) text = trimmed;
    else {
      const value = parseText(raw, warn);
      text = value === null ? null : value.isZero() ? '0' : value.toFixed();
    }
  } else text = null; // booleans (TRUE is not a price), Excel errors ({ error: '#N/A' }), dates, empty cells
  if (text === '0') return PRICE_FIELDS.has(field) ? null : '0';
  return text;
}

/** What a cached cell value means for a quote field: a decimal, or null for missing (fieldText's rules). */
export function fieldValue(field: QuoteNumberField, raw: unknown, warn?: ValueWarning): Dec | null {
  const text = fieldText(field, raw, warn);
  return text === null ? null : new Dec(text);
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
