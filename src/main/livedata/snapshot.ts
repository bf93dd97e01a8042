// A snapshot is what one read of a source gives: per symbol, the fields it has cells for (a value, or null when
// the cell says N/A), and warnings about cells that looked like quotes but could not be understood.
import type { Dec } from '../engine/decimal';
import { quoteUpdate, type QuoteUpdate } from '../engine/quotes';
import { LIVE_FIELDS, type LiveField } from './fields';

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
  // Text in a number field (a cell that is not a number) makes it unknown; a description is text or unknown.
  const description = quote.description;
  return quoteUpdate(
    symbol,
    time,
    (field) => {
      const value = quote[field];
      return typeof value === 'string' ? null : value;
    },
    description === undefined ? undefined : typeof description === 'string' ? description : null,
  );
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
        row[field] = typeof value === 'string' ? value : value.isZero() ? '0' : value.toFixed();
      }
      return row;
    });
  return { source: snapshot.source, quotes, warnings: [...snapshot.warnings] };
}
