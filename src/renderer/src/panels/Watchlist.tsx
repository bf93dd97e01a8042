// The watchlist: one row per quoted symbol (the source's symbols, then those held or worked). As in TOS, a click on
// the bid stages a SELL LMT at the bid and a click on the ask a BUY LMT at the ask; a click on the symbol loads it.
// A price that moved flashes green or red for a moment against the previous tick of that symbol.
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatPrice, signOf } from '../../../shared/format';
import { Qty, toneOf } from '../components/figures';
import { useFlash } from '../components/hooks';
import { priceForField } from '../components/priceStep';
import { useDesk } from '../state/desk';
import { editTicket, ticketFromQuote, useTicket } from '../state/ticket';

export function Watchlist() {
  const symbols = useDesk(useShallow((s) => s.quotes.map((q) => q.symbol)));
  return (
    <section className="panel watchlist" aria-label="Watchlist">
      <header className="panel-title">
        <span>Watchlist</span>
        <span className="muted small">click bid to sell, ask to buy</span>
      </header>
      <div className="table-wrap">
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
            {symbols.map((symbol) => (
              <QuoteRow key={symbol} symbol={symbol} />
            ))}
          </tbody>
        </table>
        {symbols.length === 0 && <p className="empty">No quotes yet.</p>}
      </div>
    </section>
  );
}

const QuoteRow = memo(function QuoteRow({ symbol }: { symbol: string }) {
  const quote = useDesk((s) => s.quoteBySymbol[symbol]);
  const inTicket = useTicket((s) => s.symbol.trim().toUpperCase() === symbol);
  const lastFlash = useFlash(quote?.last ?? null);
  const bidFlash = useFlash(quote?.bid ?? null);
  const askFlash = useFlash(quote?.ask ?? null);
  if (!quote) return null;
  const format = quote.priceFormat;
  const show = (value: string | null) => (value ? formatPrice(value, format, quote.tick) : '—');
  const change = quote.netChange ? `${signOf(quote.netChange) > 0 ? '+' : ''}${formatPrice(quote.netChange, format, quote.tick)}` : '—';
  const stage = (side: 'BUY' | 'SELL', price: string | null) => {
    if (price) ticketFromQuote(symbol, side, priceForField(price, format, quote.tick));
  };
  return (
    <tr data-testid={`quote-row-${symbol}`} className={inTicket ? 'selected' : undefined}>
      <td className="left symbol clickable" onClick={() => editTicket({ symbol })} title="Load in the ticket">
        {symbol}
      </td>
      <td className="left desc-col muted narrow-hide" title={quote.description ?? undefined}>
        {quote.description ?? ''}
      </td>
      <td className={`num ${lastFlash}`} data-testid="quote-last">
        {show(quote.last)}
      </td>
      <td className={`num ${toneOf(quote.netChange)}`} title={quote.percentChange ? `${quote.percentChange}%` : undefined}>
        {change}
      </td>
      <td
        className={`num clickable bid ${bidFlash}`}
        data-testid="quote-bid"
        title="Sell at the bid"
        onClick={() => stage('SELL', quote.bid)}
      >
        {show(quote.bid)}
      </td>
      <td
        className={`num clickable ask ${askFlash}`}
        data-testid="quote-ask"
        title="Buy at the ask"
        onClick={() => stage('BUY', quote.ask)}
      >
        {show(quote.ask)}
      </td>
      <td className="num muted narrow-hide">
        <Qty value={quote.bidSize} />
      </td>
      <td className="num muted narrow-hide">
        <Qty value={quote.askSize} />
      </td>
      <td className="num">
        <Qty value={quote.volume} />
      </td>
    </tr>
  );
});
