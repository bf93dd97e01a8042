// The quote fields LiveData knows: their RTD names (TOS's) and the captions a table header may use.
import type { QuoteNumberField } from '../engine/quotes';

export type LiveField = QuoteNumberField | 'description';

const FIELDS: readonly { field: LiveField; rtd: string; captions: readonly string[] }[] = [
  { field: 'last', rtd: 'LAST', captions: ['Last'] },
  { field: 'bid', rtd: 'BID', captions: ['Bid'] },
  { field: 'ask', rtd: 'ASK', captions: ['Ask'] },
  { field: 'mark', rtd: 'MARK', captions: ['Mark'] },
  { field: 'bidSize', rtd: 'BID_SIZE', captions: ['Bid Size', 'BidSize'] },
  { field: 'askSize', rtd: 'ASK_SIZE', captions: ['Ask Size', 'AskSize'] },
  { field: 'lastSize', rtd: 'LAST_SIZE', captions: ['Last Size', 'LastSize'] },
  { field: 'volume', rtd: 'VOLUME', captions: ['Volume'] },
  { field: 'netChange', rtd: 'NET_CHANGE', captions: ['Net Chng', 'Net Change', 'NetChange'] },
  { field: 'percentChange', rtd: 'PERCENT_CHANGE', captions: ['% Change', '%Change', 'Percent Change'] },
  { field: 'high', rtd: 'HIGH', captions: ['High', '24High'] },
  { field: 'low', rtd: 'LOW', captions: ['Low', '24Low'] },
  { field: 'open', rtd: 'OPEN', captions: ['Open'] },
  { field: 'close', rtd: 'CLOSE', captions: ['Close'] },
  { field: 'description', rtd: 'DESCRIPTION', captions: ['Description'] },
];

/** Captions compare without case and spaces: "Net Chng" = "netchng". */
export function captionKey(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

const BY_RTD = new Map(FIELDS.map((f) => [f.rtd, f.field]));
const BY_CAPTION = new Map(FIELDS.flatMap((f) => f.captions.map((c) => [captionKey(c), f.field] as const)));

/** LAST -> last; an RTD field we do not use (DELTA, IMPL_VOL) -> undefined. */
export function fieldOfRtd(name: string): LiveField | undefined {
  return BY_RTD.get(name.trim().toUpperCase());
}

export function fieldOfCaption(caption: string): LiveField | undefined {
  return BY_CAPTION.get(captionKey(caption));
}

export const SYMBOL_CAPTION = captionKey('Symbol');

/** The order fields are listed in, for inspect's output. */
export const LIVE_FIELDS: readonly LiveField[] = FIELDS.map((f) => f.field);
