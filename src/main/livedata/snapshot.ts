// A snapshot is what one read of a source gives: per symbol, the fields it has cells for (a value, or null when
// the cell says N/A), and warnings about cells that looked like quotes but could not be understood.
// Every reader ends with finishSnapshot, so a value that cannot be a price never reaches the engine.
import { plain, type Dec } from '../engine/decimal';
import type { QuoteUpdate } from '../engine/quotes';
import { LIVE_FIELDS, type LiveField } from './fields';
import { inValueRange, PRICE_FIELDS, printable } from './values';

export type LiveValue = Dec | string | null;
export type LiveQuote = Partial<Record<LiveField, LiveValue>>;

export interface Snapshot {
  readonly source: 'workbook' | 'csv' | 'practice';
  readonly quotes: ReadonlyMap<string, LiveQuote>;
  readonly warnings: readonly string[];
}

function sameValue(a: LiveValue | undefined, b: LiveValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.eq(b);
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
  const update: { -readonly [K in keyof QuoteUpdate]: QuoteUpdate[K] } = { symbol, time };
  for (const field of LIVE_FIELDS) {
    const value = quote[field];
    if (value === undefined) continue;
    if (field === 'description') update.description = typeof value === 'string' ? value : null;
    else update[field] = typeof value === 'string' ? null : value;
  }
  return update;
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
      if (value === undefined || value === null || typeof value === 'string') continue;
      let problem: string | null = null;
      if (!inValueRange(value)) problem = `${field} value out of range`;
      else if (!future && field !== 'description' && PRICE_FIELDS.has(field) && (value.isNegative() || value.isZero())) {
        problem = value.isZero() ? '' : `${field} ${plain(value)} is not a price`;
      }
      if (problem === null) continue;
      // Copied only when a value changes: the reader's quote stays as it read it.
      if (quote === raw) quote = { ...raw };
      quote[field] = null;
      if (problem) all.push(`${printable(symbol)}: ${problem}`);
    }
    const { bid, ask, mark } = quote;
    if (bid && ask && typeof bid !== 'string' && typeof ask !== 'string' && bid.greaterThan(ask)) {
      const marked = mark === undefined || mark === null ? ': marked from last' : '';
      all.push(`${printable(symbol)}: bid ${plain(bid)} is above ask ${plain(ask)} (crossed quote${marked})`);
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
        // Plain notation; a value finishSnapshot would have refused (too large or too small for plain text to
        // stay short) is written with an exponent instead of as a string of thousands of digits.
        row[field] = typeof value === 'string' ? value : inValueRange(value) ? plain(value) : value.toSignificantDigits(15).toString();
      }
      return row;
    });
  return { source: snapshot.source, quotes, warnings: [...snapshot.warnings] };
}
