// The watchlist: one row per quoted symbol (the source's symbols, then those held or worked). As in TOS, a click on
// the bid stages a SELL LMT at the bid and a click on the ask a BUY LMT at the ask; a click on the symbol loads it.
// A price that moved flashes green or red for a moment against the previous tick of that symbol.
// Only the rows in view (and a few either side) are in the DOM (@tanstack/react-virtual), and each cell selects its
// own field, so a tick re-renders the cells that moved in the rows on screen, never the whole list.
import { memo, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import type { PriceFormat } from '../../../shared/contract';
import { formatPrice, signOf } from '../../../shared/format';
import { Qty, toneOf } from '../components/figures';
import { useFlash } from '../components/hooks';
import { priceForField } from '../components/priceStep';
import { DEFAULT_PRICE_FORMAT, useDesk } from '../state/desk';
import { editTicket, ticketFromQuote, useTicket } from '../state/ticket';

const DEFAULT_DECIMALS = DEFAULT_PRICE_FORMAT.kind === 'decimal' ? DEFAULT_PRICE_FORMAT.decimals : 2;

/** A row's height before it is measured (td 23 px and its border); rows are measured once shown. */
const ROW_PX = 24;
/** Rows kept in the DOM beyond each edge of the view, so a scroll shows rows already drawn. */
const OVERSCAN = 12;

export function Watchlist() {
  const symbols = useDesk(useShallow((s) => s.quotes.map((q) => q.symbol)));
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: symbols.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: OVERSCAN,
    getItemKey: (index) => symbols[index] ?? index,
    // Before the panel is measured (the first render, a test's page): enough rows to fill a tall panel.
    initialRect: { width: 0, height: 40 * ROW_PX },
  });
  const items = rows.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = items.length > 0 ? rows.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <section className="panel watchlist" aria-label="Watchlist">
      <header className="panel-title">
        <span>Watchlist</span>
        <span className="muted small">click bid to sell, ask to buy</span>
      </header>
      <div className="table-wrap" ref={scroller}>
        <table className="grid">
          <thead>
            <tr>
              <th className="left">Symbol</th>
              <th className="left desc-col narrow-hide">Description</th>
              <th>Last</th>
              <th>Net Chng</th>
              <th>Bid</th>
              <th>Ask</th>
              <th className="narrow-hide">Bid Sz</th>
              <th className="narrow-hide">Ask Sz</th>
              <th>Volume</th>
            </tr>
          </thead>
          <tbody>
            {/* Spacers stand for the rows out of view, so the scrollbar is the whole list's. */}
            {top > 0 && <Spacer height={top} />}
            {items.map((item) => (
              <QuoteRow key={item.key} symbol={symbols[item.index]!} index={item.index} measure={rows.measureElement} />
            ))}
            {bottom > 0 && <Spacer height={bottom} />}
          </tbody>
        </table>
        {symbols.length === 0 && <p className="empty">No quotes yet.</p>}
      </div>
    </section>
  );
}

function Spacer({ height }: { height: number }) {
  return (
    <tr className="spacer-row" aria-hidden>
      <td colSpan={9} style={{ height }} />
    </tr>
  );
}

type Field = 'last' | 'bid' | 'ask' | 'netChange' | 'bidSize' | 'askSize' | 'volume' | 'description' | 'percentChange';

/** One field of one quote: a tick that changes another field, or another symbol, does not re-render its cell. */
const useQuoteField = (symbol: string, field: Field) => useDesk((s) => s.quoteBySymbol[symbol]?.[field] ?? null);

/** The symbol's price format and tick, the same object while they say the same thing (they change only with a
 *  contract's settings or a price's decimals). */
function useQuoteFormat(symbol: string): { format: PriceFormat; tick: string } {
  const kind = useDesk((s) => s.quoteBySymbol[symbol]?.priceFormat.kind ?? 'decimal');
  const decimals = useDesk((s) => {
    const format = s.quoteBySymbol[symbol]?.priceFormat;
    return format?.kind === 'decimal' ? format.decimals : DEFAULT_DECIMALS;
  });
  const tick = useDesk((s) => s.quoteBySymbol[symbol]?.tick ?? '0.01');
  return useMemo(() => ({ format: kind === 'thirtySeconds' ? { kind } : { kind, decimals }, tick }), [kind, decimals, tick]);
}

const QuoteRow = memo(function QuoteRow({ symbol, index, measure }: { symbol: string; index: number; measure: (el: Element | null) => void }) {
  const present = useDesk((s) => s.quoteBySymbol[symbol] !== undefined);
  const inTicket = useTicket((s) => s.symbol.trim().toUpperCase() === symbol);
  if (!present) return null;
  return (
    <tr data-testid={`quote-row-${symbol}`} data-index={index} ref={measure} className={`${index % 2 === 1 ? 'alt' : ''}${inTicket ? ' selected' : ''}`}>
      <td className="left symbol clickable" onClick={() => editTicket({ symbol })} title="Load in the ticket">
        {symbol}
      </td>
      <DescriptionCell symbol={symbol} />
      <PriceCell symbol={symbol} field="last" />
      <NetChangeCell symbol={symbol} />
      <PriceCell symbol={symbol} field="bid" />
      <PriceCell symbol={symbol} field="ask" />
      <SizeCell symbol={symbol} field="bidSize" className="num muted narrow-hide" />
      <SizeCell symbol={symbol} field="askSize" className="num muted narrow-hide" />
      <SizeCell symbol={symbol} field="volume" className="num" />
    </tr>
  );
});

function DescriptionCell({ symbol }: { symbol: string }) {
  const description = useQuoteField(symbol, 'description');
  return (
    <td className="left desc-col muted narrow-hide" title={description ?? undefined}>
      {description ?? ''}
    </td>
  );
}

/** Last, bid or ask: flashes when it moves; a click on the bid stages a SELL at it, on the ask a BUY. */
function PriceCell({ symbol, field }: { symbol: string; field: 'last' | 'bid' | 'ask' }) {
  const value = useQuoteField(symbol, field);
  const { format, tick } = useQuoteFormat(symbol);
  const flash = useFlash(value);
  const shown = value ? formatPrice(value, format, tick) : '—';
  if (field === 'last') {
    return (
      <td className={`num ${flash}`} data-testid="quote-last">
        {shown}
      </td>
    );
  }
  const side = field === 'bid' ? 'SELL' : 'BUY';
  return (
    <td
      className={`num clickable ${field} ${flash}`}
      data-testid={`quote-${field}`}
      title={field === 'bid' ? 'Sell at the bid' : 'Buy at the ask'}
      onClick={() => {
        if (value) ticketFromQuote(symbol, side, priceForField(value, format, tick));
      }}
    >
      {shown}
    </td>
  );
}

function NetChangeCell({ symbol }: { symbol: string }) {
  const netChange = useQuoteField(symbol, 'netChange');
  const percent = useQuoteField(symbol, 'percentChange');
  const { format, tick } = useQuoteFormat(symbol);
  const change = netChange ? `${signOf(netChange) > 0 ? '+' : ''}${formatPrice(netChange, format, tick)}` : '—';
  return (
    <td className={`num ${toneOf(netChange)}`} title={percent ? `${percent}%` : undefined}>
      {change}
    </td>
  );
}

function SizeCell({ symbol, field, className }: { symbol: string; field: 'bidSize' | 'askSize' | 'volume'; className: string }) {
  const value = useQuoteField(symbol, field);
  return (
    <td className={className}>
      <Qty value={value} />
    </td>
  );
}
