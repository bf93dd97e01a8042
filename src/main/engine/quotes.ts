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
  // Built in place, in the order the spreads it replaced gave (fields, description, symbol, time): a live read makes
  // one for each changed symbol, and two spreads a symbol were a tenth of the main thread's share of a read.
  const update: { -readonly [K in QuoteNumberField]?: Dec | null } & { description?: string | null; symbol?: string; time?: number } = {};
  for (const field of QUOTE_NUMBER_FIELDS) {
    const value = read(field);
    if (value !== undefined) update[field] = value;
  }
  if (description !== undefined) update.description = description;
  update.symbol = symbol;
  update.time = time;
  return update as QuoteUpdate;
}

export function mergeQuote(previous: Quote | undefined, update: QuoteUpdate): Quote {
  const p = previous ?? EMPTY_FIELDS;
  const u = update;
  // One literal, so every quote has one shape (the spreads it replaced made a new one each time, and cost more).
  return {
    bid: u.bid === undefined ? p.bid : u.bid,
    ask: u.ask === undefined ? p.ask : u.ask,
    last: u.last === undefined ? p.last : u.last,
    mark: u.mark === undefined ? p.mark : u.mark,
    bidSize: u.bidSize === undefined ? p.bidSize : u.bidSize,
    askSize: u.askSize === undefined ? p.askSize : u.askSize,
    lastSize: u.lastSize === undefined ? p.lastSize : u.lastSize,
    volume: u.volume === undefined ? p.volume : u.volume,
    netChange: u.netChange === undefined ? p.netChange : u.netChange,
    percentChange: u.percentChange === undefined ? p.percentChange : u.percentChange,
    high: u.high === undefined ? p.high : u.high,
    low: u.low === undefined ? p.low : u.low,
    open: u.open === undefined ? p.open : u.open,
    close: u.close === undefined ? p.close : u.close,
    description: u.description === undefined ? p.description : u.description,
    symbol: u.symbol,
    time: u.time,
  };
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
