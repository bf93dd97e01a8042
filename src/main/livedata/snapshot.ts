// A snapshot is what one read of a source gives: per symbol, the fields it has cells for (a value, or null when
// the cell says N/A), and warnings about cells that looked like quotes but could not be understood.
// Every reader ends with finishSnapshot, so a value that cannot be a price never reaches the engine. Values stay
// text (canonical decimals) until they change: only what reaches the engine becomes a Decimal.
import { Dec } from '../engine/decimal';
import { quoteUpdate, type QuoteUpdate } from '../engine/quotes';
import { LIVE_FIELDS, type LiveField } from './fields';
import { inValueRange, PRICE_FIELDS, printable } from './values';

/**
 * A field's value: for the numeric fields a canonical decimal as text (`6857.25`, `-0.07`: values.ts fieldText's form,
 * so equal values are equal strings), for description its text; null when the cell says N/A.
 */
export type LiveValue = string | null;
export type LiveQuote = Partial<Record<LiveField, LiveValue>>;

export interface Snapshot {
  readonly source: 'workbook' | 'csv' | 'practice';
  readonly quotes: ReadonlyMap<string, LiveQuote>;
  readonly warnings: readonly string[];
}

function sameValue(a: LiveValue | undefined, b: LiveValue | undefined): boolean {
  return a === b;
}

/** The fields of `next` that differ from `previous` (a field that disappears is sent as null). */
export function changedFields(previous: LiveQuote | undefined, next: LiveQuote): LiveQuote | null {
  let changed: LiveQuote | null = null;
  for (const field of LIVE_FIELDS) {
    const before = previous?.[field];
    const after = next[field];
    if (after === undefined && before === undefined) continue;
    if (sameValue(before, after)) continue;
    changed ??= {};
    changed[field] = after === undefined ? null : after;
  }
  return changed;
}

/** Only the symbols whose values changed between two snapshots, with only their changed fields. */
export function diffSnapshots(previous: Snapshot | undefined, next: Snapshot): Map<string, LiveQuote> {
  const changes = new Map<string, LiveQuote>();
  for (const [symbol, quote] of next.quotes) {
    const changed = changedFields(previous?.quotes.get(symbol), quote);
    if (changed) changes.set(symbol, changed);
  }
  return changes;
}

/** A snapshot's fields as an engine quote update. */
export function toQuoteUpdate(symbol: string, quote: LiveQuote, time: number): QuoteUpdate {
  return quoteUpdate(
    symbol,
    time,
    (field) => {
      const value = quote[field];
      return value === undefined || value === null ? value : new Dec(value);
    },
    quote.description,
  );
}

/** Whether canonical decimal text is within what values.ts accepts (|v| < 1e15, and 0 or |v| >= 1e-12), without a Decimal. */
function inRange(value: string): boolean {
  const unsigned = value.startsWith('-') ? value.slice(1) : value;
  if (!/^\d+(\.\d+)?$/.test(unsigned)) {
    try {
      return inValueRange(new Dec(value));
    } catch {
      return false;
    }
  }
  const dot = unsigned.indexOf('.');
  const whole = dot < 0 ? unsigned : unsigned.slice(0, dot);
  if (whole !== '0') return whole.replace(/^0+/, '').length <= 15;
  const fraction = dot < 0 ? '' : unsigned.slice(dot + 1);
  const lead = fraction.search(/[1-9]/);
  return lead < 0 || lead < 12;
}

/** Compares two canonical decimal texts (fieldText's form) exactly, without building Decimals: -1, 0 or 1. */
function compareText(a: string, b: string): number {
  const negativeA = a.startsWith('-');
  const negativeB = b.startsWith('-');
  if (negativeA !== negativeB) return negativeA ? -1 : 1;
  const magnitude = compareMagnitude(negativeA ? a.slice(1) : a, negativeB ? b.slice(1) : b);
  return negativeA ? -magnitude : magnitude;
}

function compareMagnitude(a: string, b: string): number {
  const dotA = a.indexOf('.');
  const dotB = b.indexOf('.');
  const wholeA = dotA < 0 ? a.length : dotA;
  const wholeB = dotB < 0 ? b.length : dotB;
  if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
  // Same number of whole digits: digit by digit, a missing fraction digit counting as 0.
  const width = Math.max(a.length, b.length);
  for (let i = 0; i < width; i += 1) {
    if (i === wholeA) continue; // the dot
    const x = i < a.length ? a.charCodeAt(i) : 48;
    const y = i < b.length ? b.charCodeAt(i) : 48;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** More warnings than this say nothing more to a trader, and would make the status and inspect's output huge. */
export const MAX_WARNINGS = 100;

/**
 * The last step of every reader: values that cannot be prices are not traded on (LIVEDATA.md "Values").
 * - A stock, ETF, index or option price (last, bid, ask, mark, open, high, low, close) at or below 0 becomes
 *   missing; a futures price (a symbol starting with `/`) may be negative: crude oil went to -37 in 2020.
 * - A number outside what values.ts accepts (a reader that skipped it) becomes missing.
 * - A crossed quote (bid above ask) keeps both values, with a warning: the engine marks it from last.
 * Warnings past MAX_WARNINGS are counted, not listed.
 */
export function finishSnapshot(source: Snapshot['source'], quotes: ReadonlyMap<string, LiveQuote>, warnings: readonly string[]): Snapshot {
  const all = [...warnings];
  const finished = new Map<string, LiveQuote>();
  for (const [symbol, raw] of quotes) {
    let quote = raw;
    const future = symbol.startsWith('/');
    for (const key in raw) {
      const field = key as LiveField;
      const value = raw[field];
      if (value === undefined || value === null || field === 'description') continue;
      let problem: string | null = null;
      // Text from values.ts is in range already; a long one from another reader may not be.
      if (value.length >= 14 && !inRange(value)) problem = `${field} value out of range`;
      else if (!future && PRICE_FIELDS.has(field) && (value.startsWith('-') || value === '0')) {
        problem = value === '0' ? '' : `${field} ${printable(value)} is not a price`;
      }
      if (problem === null) continue;
      // Copied only when a value changes: the reader's quote stays as it read it.
      if (quote === raw) quote = { ...raw };
      quote[field] = null;
      if (problem) all.push(`${printable(symbol)}: ${problem}`);
    }
    const { bid, ask, mark } = quote;
    if (bid && ask && compareText(bid, ask) > 0) {
      const marked = mark === undefined || mark === null ? ': marked from last' : '';
      all.push(`${printable(symbol)}: bid ${bid} is above ask ${ask} (crossed quote${marked})`);
    }
    finished.set(symbol, quote);
  }
  const shown = all.length > MAX_WARNINGS ? [...all.slice(0, MAX_WARNINGS), `and ${all.length - MAX_WARNINGS} more warnings`] : all;
  return { source, quotes: finished, warnings: shown };
}

/** inspect's form: fields with a value only, decimals as plain strings, sorted by symbol. */
export function snapshotToJson(snapshot: Snapshot): { source: string; quotes: Record<string, string>[]; warnings: string[] } {
  const quotes = [...snapshot.quotes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([symbol, quote]) => {
      const row: Record<string, string> = { symbol };
      for (const field of LIVE_FIELDS) {
        const value = quote[field];
        if (value === undefined || value === null) continue;
        row[field] = value;
      }
      return row;
    });
  return { source: snapshot.source, quotes, warnings: [...snapshot.warnings] };
}
