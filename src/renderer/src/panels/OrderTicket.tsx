// The order ticket: symbol with its live bid/ask/last, side, quantity, type, the prices the type needs and TIF; the
// engine's preview (cost, commission, requirement, buying power after, warning) fetched ~150 ms after the last
// keystroke; then a confirmation with the order in words (Settings > confirm orders) and the send. Keyboard: Enter in
// Symbol loads the symbol and moves to Qty (it never sends), Enter elsewhere sends (or confirms), Esc clears,
// ArrowUp/ArrowDown step a price by the instrument's tick.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CommandRequest, OrderPreview, PriceFormat } from '../../../shared/contract';
import { formatPrice, formatQuantity, signOf } from '../../../shared/format';
import { typedPrice } from '../../../shared/thirtySeconds';
import { needsLimit, needsStop, oneOfWords, ORDER_TYPES as TYPE_WORDS, TIFS } from '../../../shared/vocabulary';
import { Money, Price, Qty } from '../components/figures';
import { ConfirmDialog } from '../components/Modal';
import { PriceInput } from '../components/PriceInput';
import { priceForField } from '../components/priceStep';
import { DEFAULT_PRICE_FORMAT, selectedAccountId, useDesk } from '../state/desk';
import {
  clearTicket,
  editTicket,
  ticketFromQuote,
  useTicket,
  type OrderType,
  type TicketFields,
} from '../state/ticket';
import { useJournal } from '../state/journal';
import { run } from '../state/thor';

const PREVIEW_DELAY_MS = 150;
const ORDER_TYPES: { value: OrderType; label: string }[] = [
  { value: 'LMT', label: 'LIMIT' },
  { value: 'MKT', label: 'MARKET' },
  { value: 'STP', label: 'STOP' },
  { value: 'STP_LMT', label: 'STOP LIMIT' },
];

const canonical = (symbol: string) => symbol.trim().toUpperCase();

function ticketRequest(account: string, t: TicketFields): CommandRequest<'placeOrder'> {
  return {
    account,
    symbol: canonical(t.symbol),
    side: t.side,
    qty: t.qty.trim().replace(/,/g, ''),
    orderType: t.orderType,
    // Prices the type does not use are not sent: a hidden stale limit must not make a MKT order invalid.
    // 32nds are read here, with main's rules (src/shared/thirtySeconds.ts): the contract carries decimal text only.
    limit: needsLimit(t.orderType) ? typedPrice(t.limit) : undefined,
    stop: needsStop(t.orderType) ? typedPrice(t.stop) : undefined,
    tif: t.tif,
  };
}

/** "BUY 100 AAPL LMT 150.00 DAY", "SELL 2 /ESZ25 STP 6,700.00 LMT 6,699.75 GTC": the order as the trader reads it. */
function orderInWords(t: TicketFields, format: PriceFormat, tick?: string): string {
  const price = (value: string) => formatPrice(typedPrice(value), format, tick) || '?';
  const words = [t.side, formatQuantity(t.qty.trim().replace(/,/g, '')), canonical(t.symbol)];
  if (t.orderType === 'MKT') words.push('MKT');
  if (t.orderType === 'LMT') words.push('LMT', price(t.limit));
  if (t.orderType === 'STP') words.push('STP', price(t.stop));
  if (t.orderType === 'STP_LMT') words.push('STP', price(t.stop), 'LMT', price(t.limit));
  words.push(t.tif);
  return words.join(' ');
}

const pickFields = (s: TicketFields): TicketFields => ({
  symbol: s.symbol,
  side: s.side,
  qty: s.qty,
  orderType: s.orderType,
  limit: s.limit,
  stop: s.stop,
  tif: s.tif,
});

/**
 * Asks the engine what the ticket would cost, once typing pauses, and again whenever what the estimate stands on
 * moves: the account (cash, buying power, a reset), its working orders (cancel all, an edit) and the symbol's quote.
 * Typing restarts the wait; the market only schedules one, so a busy tape cannot starve the preview. Only the answer
 * to the latest question is shown.
 */
function usePreview(account: string | null, fields: TicketFields) {
  const { symbol, side, qty, orderType, limit, stop, tif } = fields;
  const sent = useTicket((s) => s.sent);
  const accountRow = useDesk((s) => (account ? s.accounts.find((a) => a.id === account) : undefined));
  const workingOrders = useDesk((s) => s.workingOrders);
  const quote = useDesk((s) => s.quoteBySymbol[canonical(symbol)]);
  const latest = useRef({ account, fields });
  latest.current = { account, fields };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const asked = useRef(0);

  const ask = useCallback(() => {
    timer.current = null;
    const { account: forAccount, fields: ticket } = latest.current;
    const question = ++asked.current;
    if (!forAccount || ticket.symbol.trim() === '' || ticket.qty.trim() === '') {
      useTicket.setState({ preview: null, previewError: null });
      return;
    }
    void run((t) => t.previewOrder(ticketRequest(forAccount, ticket))).then((result) => {
      if (question !== asked.current) return;
      if (result.ok) useTicket.setState({ preview: result.data, previewError: null });
      else useTicket.setState({ preview: null, previewError: result.error.message });
    });
  }, []);

  useEffect(() => {
    // An answer still on its way is for the ticket as it was: drop it.
    asked.current++;
    if (timer.current !== null) clearTimeout(timer.current);
    if (!account || symbol.trim() === '' || qty.trim() === '') {
      timer.current = null;
      useTicket.setState({ preview: null, previewError: null });
      return;
    }
    timer.current = setTimeout(ask, PREVIEW_DELAY_MS);
  }, [ask, account, symbol, side, qty, orderType, limit, stop, tif, sent]);

  useEffect(() => {
    if (timer.current === null) timer.current = setTimeout(ask, PREVIEW_DELAY_MS);
  }, [ask, accountRow, workingOrders, quote]);

  useEffect(
    () => () => {
      asked.current++;
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
}

async function sendTicket(account: string): Promise<void> {
  const state = useTicket.getState();
  if (state.sending) return;
  useTicket.setState({ sending: true, confirming: false });
  const tags = state.tags.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const result = await run((t) => t.placeOrder({ ...ticketRequest(account, state), ...(tags.length > 0 ? { tags } : {}) }));
  useTicket.setState((s) => ({ sent: s.sent + 1 }));
  if (!result.ok) {
    useTicket.setState({ sending: false, sendError: result.error.message });
  } else if (result.data.status === 'REJECTED') {
    // Accepted as an order but refused by the engine (buying power, no market...): say why, next to the ticket.
    useTicket.setState({ sending: false, sendError: `Rejected: ${result.data.rejectReason ?? 'no reason given'}` });
  } else {
    useTicket.setState({ sending: false, sendError: null });
  }
}

export function OrderTicket() {
  const account = useDesk(selectedAccountId);
  const fields = useTicket(useShallow(pickFields));
  const { error, confirming, sending } = useTicket(
    useShallow((s) => ({ error: s.sendError ?? s.previewError, confirming: s.confirming, sending: s.sending })),
  );
  const symbol = canonical(fields.symbol);
  const quote = useDesk((s) => s.quoteBySymbol[symbol]);
  // The symbol's quote row carries its format; a symbol not quoted yet shows two decimals and steps nothing.
  const format = quote?.priceFormat ?? DEFAULT_PRICE_FORMAT;
  const tick = quote?.tick ?? null;
  const confirmOrders = useDesk((s) => s.settings?.confirmOrders ?? true);
  // No sends to a desk the window has lost: the figures the trader would judge by are frozen.
  const offline = useDesk((s) => s.connection.state === 'offline');
  usePreview(account, fields);
  const qtyRef = useRef<HTMLInputElement>(null);

  const submit = () => {
    if (!account || sending || offline) return;
    if (confirmOrders) useTicket.setState({ confirming: true });
    else void sendTicket(account);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      clearTicket();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.dataset.testid === 'ticket-symbol') {
      // As in TOS, Enter in Symbol loads the symbol and moves on to the quantity: it must never send the ticket as it
      // stood before the symbol was typed.
      event.preventDefault();
      editTicket({ symbol: symbol });
      qtyRef.current?.focus();
      qtyRef.current?.select();
    } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      // Enter sends from any field, selects included (a select would not submit the form by itself).
      event.preventDefault();
      submit();
    }
  };
  const reference = fields.side === 'BUY' ? (quote?.ask ?? quote?.last) : (quote?.bid ?? quote?.last);
  const sideClass = fields.side === 'BUY' ? 'buy' : 'sell';

  return (
    <section className="panel ticket" aria-label="Order ticket">
      <header className="panel-title">
        <span>Order entry</span>
        <span className="muted small">{account ? `account ${account}` : 'no account'}</span>
      </header>
      <form className={`ticket-form ${sideClass}`} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <div className="ticket-row">
          <label className="field symbol-field">
            <span>Symbol</span>
            <input
              data-testid="ticket-symbol"
              value={fields.symbol}
              autoComplete="off"
              spellCheck={false}
              placeholder="AAPL, /ESZ25"
              // A price typed for another symbol must never ride along to this one.
              onChange={(event) => editTicket({ symbol: event.target.value.toUpperCase(), limit: '', stop: '' })}
            />
          </label>
          <div className="ticket-quote" data-testid="ticket-quote">
            {quote ? (
              <>
                <button type="button" className="quote-chip bid" title="Sell at the bid" onClick={() => quote.bid && ticketFromQuote(symbol, 'SELL', priceForField(quote.bid, format, quote.tick))}>
                  <span className="muted">Bid</span> <Price value={quote.bid} format={format} tick={quote.tick} />
                  {quote.bidSize && (
                    <span className="muted small">
                      {' '}
                      ×<Qty value={quote.bidSize} />
                    </span>
                  )}
                </button>
                <button type="button" className="quote-chip ask" title="Buy at the ask" onClick={() => quote.ask && ticketFromQuote(symbol, 'BUY', priceForField(quote.ask, format, quote.tick))}>
                  <span className="muted">Ask</span> <Price value={quote.ask} format={format} tick={quote.tick} />
                  {quote.askSize && (
                    <span className="muted small">
                      {' '}
                      ×<Qty value={quote.askSize} />
                    </span>
                  )}
                </button>
                <span className="quote-chip">
                  <span className="muted">Last</span> <Price value={quote.last} format={format} tick={quote.tick} />
                </span>
              </>
            ) : (
              <span className="muted small">{symbol ? `no quote for ${symbol}` : 'type a symbol or click a quote'}</span>
            )}
          </div>
        </div>

        <div className="ticket-row">
          <div className="side-toggle" role="group" aria-label="Side">
            <button type="button" data-testid="ticket-side-buy" className={fields.side === 'BUY' ? 'on buy' : ''} aria-pressed={fields.side === 'BUY'} onClick={() => editTicket({ side: 'BUY' })}>
              BUY
            </button>
            <button type="button" data-testid="ticket-side-sell" className={fields.side === 'SELL' ? 'on sell' : ''} aria-pressed={fields.side === 'SELL'} onClick={() => editTicket({ side: 'SELL' })}>
              SELL
            </button>
          </div>
          <label className="field qty-field">
            <span>Qty</span>
            <input ref={qtyRef} data-testid="ticket-qty" inputMode="numeric" autoComplete="off" value={fields.qty} onChange={(event) => editTicket({ qty: event.target.value })} />
          </label>
          <label className="field">
            <span>Type</span>
            <select data-testid="ticket-type" value={fields.orderType} onChange={(event) => editTicket({ orderType: oneOfWords(TYPE_WORDS, event.target.value) ?? fields.orderType })}>
              {ORDER_TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>TIF</span>
            <select data-testid="ticket-tif" value={fields.tif} onChange={(event) => editTicket({ tif: oneOfWords(TIFS, event.target.value) ?? fields.tif })}>
              {TIFS.map((tif) => (
                <option key={tif} value={tif}>
                  {tif}
                </option>
              ))}
            </select>
          </label>
        </div>

        {(needsStop(fields.orderType) || needsLimit(fields.orderType)) && (
          <div className="ticket-row">
            {needsStop(fields.orderType) && (
              <label className="field price-field">
                <span>Stop</span>
                <PriceInput testId="ticket-stop" label="Stop price" value={fields.stop} onChange={(stop) => editTicket({ stop })} tick={tick} format={format} reference={quote?.last ?? reference} />
              </label>
            )}
            {needsLimit(fields.orderType) && (
              <label className="field price-field">
                <span>Limit</span>
                <PriceInput testId="ticket-limit" label="Limit price" value={fields.limit} onChange={(limit) => editTicket({ limit })} tick={tick} format={format} reference={reference} />
              </label>
            )}
            {tick && <span className="muted small tick-note">tick {tick} · ↑↓ steps</span>}
          </div>
        )}

        <div className="ticket-row">
          <label className="field tags-field">
            <span>Tags</span>
            <TicketTags />
          </label>
        </div>

        <Preview format={format} tick={tick ?? undefined} />

        {error && (
          <p className="ticket-error" data-testid="ticket-error" role="alert">
            {error}
          </p>
        )}

        <div className="ticket-actions">
          <button type="button" className="ghost" onClick={clearTicket} title="Esc">
            Clear
          </button>
          <button type="submit" className={`send ${sideClass}`} data-testid="ticket-send" disabled={!account || sending || offline}>
            {sending ? 'Sending…' : confirmOrders ? 'Review order' : `Send ${fields.side}`}
          </button>
        </div>
      </form>
      {confirming && account && (
        <ConfirmDialog
          title="Confirm order"
          text={orderInWords(fields, format, tick ?? undefined)}
          details={<ConfirmFigures account={account} fields={fields} />}
          confirmLabel="Send"
          busy={sending}
          onConfirm={() => void sendTicket(account)}
          onCancel={() => useTicket.setState({ confirming: false })}
        />
      )}
    </section>
  );
}

/**
 * The confirmation's figures, as TOS's order confirmation shows them: the account, the estimated cost or proceeds,
 * commission and fees, the requirement, the buying power after, and the preview's warning. Asked afresh for exactly
 * the order being confirmed, so a quick Enter, Enter never confirms an estimate of an older ticket.
 */
function ConfirmFigures({ account, fields }: { account: string; fields: TicketFields }) {
  const [answer, setAnswer] = useState<{ preview: OrderPreview | null; error: string | null } | null>(null);
  useEffect(() => {
    let current = true;
    void run((t) => t.previewOrder(ticketRequest(account, fields))).then((result) => {
      if (current) setAnswer(result.ok ? { preview: result.data, error: null } : { preview: null, error: result.error.message });
    });
    return () => {
      current = false;
    };
    // `fields` keeps its identity until a field changes (useShallow in OrderTicket).
  }, [account, fields]);
  const preview = answer?.preview;
  const pending = answer === null;
  const figure = (value: string | undefined) => (pending ? '…' : <Money value={value} />);
  const cashLabel = !preview ? 'Est. cost' : signOf(preview.cashEffect) < 0 ? 'Est. cost' : signOf(preview.cashEffect) > 0 ? 'Est. proceeds' : 'Cash effect';
  return (
    <div className="ticket-preview confirm-figures" data-testid="confirm-figures">
      <dl>
        <div>
          <dt>Account</dt>
          <dd data-testid="confirm-account">{account}</dd>
        </div>
        <div>
          <dt>{cashLabel}</dt>
          <dd data-testid="confirm-cost">{figure(preview?.cashEffect.replace(/^-/, ''))}</dd>
        </div>
        <div>
          <dt>Commission and fees</dt>
          <dd data-testid="confirm-commission">{figure(preview?.commission)}</dd>
        </div>
        <div>
          <dt>Requirement</dt>
          <dd data-testid="confirm-requirement">{figure(preview?.requirement)}</dd>
        </div>
        <div>
          <dt>Buying power after</dt>
          <dd data-testid="confirm-bp-after" className={preview?.buyingPowerAfter.startsWith('-') ? 'down' : undefined}>
            {figure(preview?.buyingPowerAfter)}
          </dd>
        </div>
      </dl>
      {(preview?.warning ?? answer?.error) && (
        <p className="preview-warning" data-testid="confirm-warning" role="alert">
          ⚠ {preview?.warning ?? answer?.error}
        </p>
      )}
    </div>
  );
}

/** The ticket's journal tags, comma separated, with the tags used before offered; kept after a send. */
function TicketTags() {
  const tags = useTicket((s) => s.tags);
  const used = useJournal((s) => s.tagsUsed);
  return (
    <>
      <input data-testid="ticket-tags" list="ticket-tags-used" autoComplete="off" placeholder="breakout, A+" value={tags} onChange={(event) => useTicket.setState({ tags: event.target.value })} />
      <datalist id="ticket-tags-used">
        {used.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </>
  );
}

/** The engine's estimate for the ticket as typed: what it costs, what it needs, what is left. */
function Preview({ format, tick }: { format: PriceFormat; tick?: string }) {
  const preview = useTicket((s) => s.preview);
  if (!preview) return <div className="ticket-preview empty-preview" data-testid="ticket-preview" />;
  return (
    <div className="ticket-preview" data-testid="ticket-preview">
      <dl>
        <div>
          {/* cashEffect is signed as cash moves: a buy takes cash (cost), a sell brings it (proceeds). */}
          <dt>{signOf(preview.cashEffect) < 0 ? 'Est. cost' : signOf(preview.cashEffect) > 0 ? 'Est. proceeds' : 'Cash effect'}</dt>
          <dd data-testid="preview-cost" title={`cash effect ${preview.cashEffect}`}>
            <Money value={preview.cashEffect.replace(/^-/, '')} />
          </dd>
        </div>
        <div>
          <dt>Commission</dt>
          <dd data-testid="preview-commission">
            <Money value={preview.commission} />
          </dd>
        </div>
        <div>
          <dt>Requirement</dt>
          <dd data-testid="preview-requirement">
            <Money value={preview.requirement} />
          </dd>
        </div>
        <div>
          <dt>BP after</dt>
          <dd data-testid="preview-bp-after" className={preview.buyingPowerAfter.startsWith('-') ? 'down' : undefined}>
            <Money value={preview.buyingPowerAfter} />
          </dd>
        </div>
      </dl>
      {preview.price && (
        <p className="preview-price muted">
          {/* The price the estimate uses: a market order's is the ask or bid with the slippage, as it would fill. */}
          Est. price <Price value={preview.price} format={format} tick={tick} testId="preview-price" />
        </p>
      )}
      {preview.warning && (
        <p className="preview-warning" data-testid="preview-warning">
          ⚠ {preview.warning}
        </p>
      )}
    </div>
  );
}
