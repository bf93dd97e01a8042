// The last known quote of each symbol and the prices the fill model reads from it (ENGINE.md section 2).
// A newer quote replaces only the fields it carries; null makes a field unknown, never "the previous value".
import { Dec } from './decimal';

export const QUOTE_NUMBER_FIELDS = [
  'bid',
  'ask',
  'last',
  'mark',
  'bidSize',
  'askSize',
  'lastSize',
  'volume',
  'netChange',
  'percentChange',
  'high',
  'low',
  'open',
  'close',
] as const;
export type QuoteNumberField = (typeof QUOTE_NUMBER_FIELDS)[number];

export type QuoteFields = { readonly [K in QuoteNumberField]: Dec | null } & { readonly description: string | null };

export interface Quote extends QuoteFields {
  readonly symbol: string;
  /** Epoch ms of the last update. */
  readonly time: number;
}

/** A partial update: an absent field keeps its value, null clears it. */
export type QuoteUpdate = { readonly symbol: string; readonly time: number } & {
  readonly [K in QuoteNumberField]?: Dec | null;
} & { readonly description?: string | null };

const EMPTY_FIELDS: QuoteFields = {
  bid: null,
  ask: null,
  last: null,
  mark: null,
  bidSize: null,
  askSize: null,
  lastSize: null,
  volume: null,
  netChange: null,
  percentChange: null,
  high: null,
  low: null,
  open: null,
  close: null,
  description: null,
};

/**
 * The one quote-update builder (the scenario runner, LiveData and the ledger all use it): each number field as
 * `read` gives it (a decimal, null to make it unknown, undefined to leave it as it is), and the description.
 */
export function quoteUpdate(
  symbol: string,
  time: number,
  read: (field: QuoteNumberField) => Dec | null | undefined,
  description?: string | null,
): QuoteUpdate {
  const fields: { -readonly [K in QuoteNumberField]?: Dec | null } = {};
  for (const field of QUOTE_NUMBER_FIELDS) {
    const value = read(field);
    if (value !== undefined) fields[field] = value;
  }
  return { ...fields, ...(description !== undefined ? { description } : {}), symbol, time };
}

export function mergeQuote(previous: Quote | undefined, update: QuoteUpdate): Quote {
  const fields: { -readonly [K in keyof QuoteFields]: QuoteFields[K] } = { ...(previous ?? EMPTY_FIELDS) };
  for (const field of QUOTE_NUMBER_FIELDS) {
    const value = update[field];
    if (value !== undefined) fields[field] = value;
  }
  if (update.description !== undefined) fields.description = update.description;
  return { ...fields, symbol: update.symbol, time: update.time };
}

/** A price together with the quote field it came from, so reasons can say "ask 149.80". */
export interface PricePoint {
  readonly price: Dec;
  readonly source: 'bid' | 'ask' | 'last' | 'mark' | 'mid';
}

/** Pb: ask if known, else last. */
export function buyPrice(quote: Quote | undefined): PricePoint | null {
  if (!quote) return null;
  if (quote.ask) return { price: quote.ask, source: 'ask' };
  if (quote.last) return { price: quote.last, source: 'last' };
  return null;
}

/** Ps: bid if known, else last. */
export function sellPrice(quote: Quote | undefined): PricePoint | null {
  if (!quote) return null;
  if (quote.bid) return { price: quote.bid, source: 'bid' };
  if (quote.last) return { price: quote.last, source: 'last' };
  return null;
}

/** The quote's own mark; else the mid when bid <= ask; else last. */
export function markPrice(quote: Quote | undefined): PricePoint | null {
  if (!quote) return null;
  if (quote.mark) return { price: quote.mark, source: 'mark' };
  if (quote.bid && quote.ask && quote.bid.lessThanOrEqualTo(quote.ask)) {
    return { price: quote.bid.plus(quote.ask).div(2), source: 'mid' };
  }
  if (quote.last) return { price: quote.last, source: 'last' };
  return null;
}

/** T: last if known, else the mark. */
export function triggerPrice(quote: Quote | undefined): PricePoint | null {
  if (quote?.last) return { price: quote.last, source: 'last' };
  return markPrice(quote);
}

/** The side's execution price: Pb for a buy, Ps for a sell. */
export function executionPrice(quote: Quote | undefined, side: 'BUY' | 'SELL'): PricePoint | null {
  return side === 'BUY' ? buyPrice(quote) : sellPrice(quote);
}

/** What a fill records of the quote it met. */
export interface QuoteSeen {
  readonly bid: string | null;
  readonly ask: string | null;
  readonly last: string | null;
  readonly mark: string | null;
  readonly time: string;
}

export function quoteSeen(quote: Quote | undefined, time: number): QuoteSeen {
  const text = (d: Dec | null | undefined) => (d ? d.toFixed() : null);
  return {
    bid: text(quote?.bid),
    ask: text(quote?.ask),
    last: text(quote?.last),
    mark: text(markPrice(quote)?.price),
    time: new Date(quote?.time ?? time).toISOString(),
  };
}
