// The order ticket: symbol with its live bid/ask/last, side, quantity, type, the prices the type needs and TIF; the
// engine's preview (cost, commission, requirement, buying power after, warning) fetched ~150 ms after the last
// keystroke; then a confirmation with the order in words (Settings > confirm orders) and the send. Trailing stops
// with their terms; an OCO mode (a second order, both sent as one placeOco) and TRG w/ bracket (a take-profit and a
// stop-loss in ticks from the fill, their "≈" prices shown from the quote: display only, never sent). Keyboard: Enter
// in Symbol loads the symbol and moves to Qty (it never sends), Enter elsewhere sends (or confirms), Esc clears,
// ArrowUp/ArrowDown step a price by the instrument's tick, Alt+O toggles OCO, Alt+B the bracket.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CommandRequest, OrderPreview, PriceFormat } from '../../../shared/contract';
import { formatPrice, formatQuantity, signOf } from '../../../shared/format';
import { typedPrice } from '../../../shared/thirtySeconds';
import {
  isTrailing,
  needsLimit,
  needsStop,
  oneOfWords,
  ORDER_TYPES as TYPE_WORDS,
  TIFS,
  TRAIL_REFS,
  TRAIL_UNITS,
} from '../../../shared/vocabulary';
import { Money, Price, Qty } from '../components/figures';
import { ConfirmDialog } from '../components/Modal';
import { PriceInput } from '../components/PriceInput';
import { priceForField, ticksAway } from '../components/priceStep';
import { DEFAULT_PRICE_FORMAT, selectedAccountId, useDesk } from '../state/desk';
import {
  clearTicket,
  editOcoLeg,
  editTicket,
  rememberBracket,
  rememberedBracket,
  setTicketMode,
  ticketFromQuote,
  useTicket,
  type OcoLeg,
  type OrderType,
  type TicketFields,
  type TrailUnit,
} from '../state/ticket';
import { useJournal } from '../state/journal';
import { run } from '../state/thor';

const PREVIEW_DELAY_MS = 150;
const ORDER_TYPES: { value: OrderType; label: string }[] = [
  { value: 'LMT', label: 'LIMIT' },
  { value: 'MKT', label: 'MARKET' },
  { value: 'STP', label: 'STOP' },
  { value: 'STP_LMT', label: 'STOP LIMIT' },
  { value: 'TRAIL_STP', label: 'TRAIL STOP' },
  { value: 'TRAIL_STP_LMT', label: 'TRAIL STOP LMT' },
];
/** The OCO mode's second order: the plain types (a trailing second leg is placed on its own and linked by editing). */
const OCO_LEG_TYPES = ORDER_TYPES.slice(0, 4);
const UNIT_LABELS: Record<TrailUnit, string> = { PRICE: 'price', TICKS: 'ticks', PERCENT: '%' };

const canonical = (symbol: string) => symbol.trim().toUpperCase();

const cleanQty = (qty: string) => qty.trim().replace(/,/g, '');
const opposite = (side: TicketFields['side']) => (side === 'BUY' ? 'SELL' : 'BUY');
/** "-8" for 8 ticks down: the sign the engine reads as a direction from the fill. */
const signedTicks = (ticks: string, direction: 1 | -1) => {
  const text = ticks.trim().replace(/^\+/, '');
  return direction > 0 || text === '' ? text : text.startsWith('-') ? text.slice(1) : `-${text}`;
};

/** One order as the contract reads it: only the fields its type uses. */
function orderRequest(account: string, t: TicketFields, leg: Pick<TicketFields, 'side' | 'qty' | 'orderType' | 'limit' | 'stop'>): CommandRequest<'placeOrder'> {
  const trailing = isTrailing(leg.orderType);
  return {
    account,
    symbol: canonical(t.symbol),
    side: leg.side,
    qty: cleanQty(leg.qty),
    orderType: leg.orderType,
    // Prices the type does not use are not sent: a hidden stale limit must not make a MKT order invalid.
    // 32nds are read here, with main's rules (src/shared/thirtySeconds.ts): the contract carries decimal text only.
    limit: needsLimit(leg.orderType) ? typedPrice(leg.limit) : undefined,
    stop: needsStop(leg.orderType) ? typedPrice(leg.stop) : undefined,
    tif: t.tif,
    ...(trailing
      ? {
          trailOffset: t.trailOffset.trim(),
          trailUnit: t.trailUnit,
          trailRef: t.trailRef,
          ...(leg.orderType === 'TRAIL_STP_LMT' ? { limitOffset: typedPrice(t.limitOffset) } : {}),
        }
      : {}),
  };
}

/**
 * The ticket's first (or only) order; with the bracket, its children: a LMT take-profit N ticks from the fill in the
 * trade's favour and a STP stop-loss M ticks against it, on the other side, one OCO group (TOS's TRG w/ bracket).
 */
export function ticketRequest(account: string, t: TicketFields): CommandRequest<'placeOrder'> {
  const request = orderRequest(account, t, t);
  if (t.mode !== 'BRACKET') return request;
  const direction = t.side === 'BUY' ? 1 : -1;
  return {
    ...request,
    children: [
      { side: opposite(t.side), orderType: 'LMT', limitTicks: signedTicks(t.takeProfitTicks, direction) },
      { side: opposite(t.side), orderType: 'STP', stopTicks: signedTicks(t.stopLossTicks, direction > 0 ? -1 : 1) },
    ],
    childrenOco: true,
  };
}

/** The OCO mode's pair, one placeOco: the ticket's order and the second leg. */
export function ocoRequest(account: string, t: TicketFields): CommandRequest<'placeOco'> {
  return { orders: [orderRequest(account, t, t), orderRequest(account, t, t.oco)] };
}

/** The price a bracket's ticks count from, as the ticket can see it: the entry's limit or stop, else the side's market. */
function bracketBase(t: TicketFields, quote: { bid: string | null; ask: string | null; last: string | null } | undefined): string | null {
  if (needsLimit(t.orderType) && t.limit.trim() !== '') return t.limit;
  if (needsStop(t.orderType) && t.stop.trim() !== '') return t.stop;
  return (t.side === 'BUY' ? quote?.ask : quote?.bid) ?? quote?.last ?? null;
}

/** The take-profit's and the stop-loss's "≈" prices (plain decimals), or null where they cannot be shown yet. */
function bracketPrices(t: TicketFields, quote: { bid: string | null; ask: string | null; last: string | null; tick: string } | undefined) {
  const base = bracketBase(t, quote);
  const direction = t.side === 'BUY' ? 1 : -1;
  return {
    takeProfit: ticksAway(base, signedTicks(t.takeProfitTicks, direction), quote?.tick),
    stopLoss: ticksAway(base, signedTicks(t.stopLossTicks, direction > 0 ? -1 : 1), quote?.tick),
  };
}

/** A trailing offset as TOS writes it: "1.00", "4 ticks", "0.5%". */
function trailInWords(t: Pick<TicketFields, 'trailOffset' | 'trailUnit'>, price: (value: string) => string): string {
  const offset = t.trailOffset.trim() || '?';
  return t.trailUnit === 'TICKS' ? `${offset} ticks` : t.trailUnit === 'PERCENT' ? `${offset}%` : price(offset);
}

/**
 * "BUY 100 AAPL LMT 150.00 DAY", "SELL 2 /ESZ25 STP 6,700.00 LMT 6,699.75 GTC", "SELL 100 AAPL TRAIL STP 1.00 MARK
 * DAY", with a bracket "... TRG w/ bracket: SELL LMT +8 ticks ≈ 201.08 / SELL STP -8 ticks ≈ 199.92", an OCO pair
 * "OCO: BUY ... / SELL ...": the order as the trader reads it.
 */
function orderInWords(t: TicketFields, format: PriceFormat, tick?: string, quote?: Parameters<typeof bracketPrices>[1]): string {
  const price = (value: string) => formatPrice(typedPrice(value), format, tick) || '?';
  const legWords = (leg: Pick<TicketFields, 'side' | 'qty' | 'orderType' | 'limit' | 'stop'>) => {
    const words = [leg.side, formatQuantity(cleanQty(leg.qty)), canonical(t.symbol)];
    if (leg.orderType === 'MKT') words.push('MKT');
    if (leg.orderType === 'LMT') words.push('LMT', price(leg.limit));
    if (leg.orderType === 'STP') words.push('STP', price(leg.stop));
    if (leg.orderType === 'STP_LMT') words.push('STP', price(leg.stop), 'LMT', price(leg.limit));
    if (leg.orderType === 'TRAIL_STP') words.push('TRAIL STP', trailInWords(t, price), t.trailRef);
    if (leg.orderType === 'TRAIL_STP_LMT') words.push('TRAIL STP LMT', trailInWords(t, price), t.trailRef, 'LMT OFF', price(t.limitOffset.trim() || '0'));
    words.push(t.tif);
    return words.join(' ');
  };
  if (t.mode === 'OCO') return `OCO: ${legWords(t)} / ${legWords(t.oco)}`;
  if (t.mode !== 'BRACKET') return legWords(t);
  const { takeProfit, stopLoss } = bracketPrices(t, quote);
  const approx = (value: string | null) => (value === null ? '' : ` ≈ ${price(value)}`);
  const ticks = (n: string, sign: '+' | '-') => `${sign}${n.trim().replace(/^[+-]/, '') || '?'} ticks`;
  const side = opposite(t.side);
  const up = t.side === 'BUY';
  return (
    `${legWords(t)} TRG w/ bracket: ${side} LMT ${ticks(t.takeProfitTicks, up ? '+' : '-')}${approx(takeProfit)}` +
    ` / ${side} STP ${ticks(t.stopLossTicks, up ? '-' : '+')}${approx(stopLoss)}`
  );
}

const pickFields = (s: TicketFields): TicketFields => ({
  symbol: s.symbol,
  side: s.side,
  qty: s.qty,
  orderType: s.orderType,
  limit: s.limit,
  stop: s.stop,
  tif: s.tif,
  trailOffset: s.trailOffset,
  trailUnit: s.trailUnit,
  trailRef: s.trailRef,
  limitOffset: s.limitOffset,
  mode: s.mode,
  oco: s.oco,
  takeProfitTicks: s.takeProfitTicks,
  stopLossTicks: s.stopLossTicks,
});

/**
 * Asks the engine what the ticket would cost, once typing pauses, and again whenever what the estimate stands on
 * moves: the account (cash, buying power, a reset), its working orders (cancel all, an edit) and the symbol's quote.
 * Typing restarts the wait; the market only schedules one, so a busy tape cannot starve the preview. Only the answer
 * to the latest question is shown.
 */
function usePreview(account: string | null, fields: TicketFields) {
  const { symbol, side, qty, orderType, limit, stop, tif, trailOffset, trailUnit, trailRef, limitOffset, mode, takeProfitTicks, stopLossTicks } = fields;
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
  }, [ask, account, symbol, side, qty, orderType, limit, stop, tif, trailOffset, trailUnit, trailRef, limitOffset, mode, takeProfitTicks, stopLossTicks, sent]);

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
  const tagged = tags.length > 0 ? { tags } : {};
  const result =
    state.mode === 'OCO'
      ? await run((t) => t.placeOco({ orders: ocoRequest(account, state).orders.map((order) => ({ ...order, ...tagged })) }))
      : await run((t) => t.placeOrder({ ...ticketRequest(account, state), ...tagged }));
  useTicket.setState((s) => ({ sent: s.sent + 1 }));
  if (!result.ok) {
    useTicket.setState({ sending: false, sendError: result.error.message });
    return;
  }
  // Accepted as orders but refused by the engine (buying power, no market...): say why, next to the ticket.
  const rejected = (Array.isArray(result.data) ? result.data : [result.data]).find((order) => order.status === 'REJECTED');
  if (rejected) {
    useTicket.setState({ sending: false, sendError: `Rejected: ${rejected.rejectReason ?? 'no reason given'}` });
  } else {
    if (state.mode === 'BRACKET') rememberBracket(state.symbol, { takeProfitTicks: state.takeProfitTicks, stopLossTicks: state.stopLossTicks });
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
    } else if (event.altKey && !event.ctrlKey && (event.code === 'KeyO' || event.code === 'KeyB')) {
      // Alt+O / Alt+B: the OCO pair or the bracket, on and off, without leaving the field being typed in.
      event.preventDefault();
      const mode = event.code === 'KeyO' ? 'OCO' : 'BRACKET';
      setTicketMode(fields.mode === mode ? 'SINGLE' : mode);
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.dataset.testid === 'ticket-symbol') {
      // As in TOS, Enter in Symbol loads the symbol and moves on to the quantity: it must never send the ticket as it
      // stood before the symbol was typed.
      event.preventDefault();
      editTicket({ symbol: symbol, ...bracketTicksFor(symbol) });
      qtyRef.current?.focus();
      qtyRef.current?.select();
    } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      // Enter sends from any field, selects included (a select would not submit the form by itself).
      event.preventDefault();
      submit();
    }
  };
  // A bracket on another root starts from the ticks remembered for that root.
  const bracketTicksFor = (next: string) => (fields.mode === 'BRACKET' ? rememberedBracket(next) : {});
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
              onChange={(event) => editTicket({ symbol: event.target.value.toUpperCase(), limit: '', stop: '', ...bracketTicksFor(event.target.value) })}
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

        <div className="ticket-row">
          <div className="mode-toggle" role="group" aria-label="Order kind">
            <button type="button" data-testid="ticket-mode-single" className={fields.mode === 'SINGLE' ? 'on' : ''} aria-pressed={fields.mode === 'SINGLE'} onClick={() => setTicketMode('SINGLE')}>
              Single
            </button>
            <button type="button" data-testid="ticket-mode-oco" className={fields.mode === 'OCO' ? 'on' : ''} aria-pressed={fields.mode === 'OCO'} title="Alt+O: two orders, one cancels the other" onClick={() => setTicketMode(fields.mode === 'OCO' ? 'SINGLE' : 'OCO')}>
              OCO
            </button>
            <button type="button" data-testid="ticket-mode-bracket" className={fields.mode === 'BRACKET' ? 'on' : ''} aria-pressed={fields.mode === 'BRACKET'} title="Alt+B: the fill triggers a take-profit and a stop-loss, one cancels the other" onClick={() => setTicketMode(fields.mode === 'BRACKET' ? 'SINGLE' : 'BRACKET')}>
              TRG w/ bracket
            </button>
          </div>
        </div>

        {isTrailing(fields.orderType) && <TrailFields fields={fields} tick={tick} format={format} />}

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

        {fields.mode === 'BRACKET' && <BracketFields fields={fields} quote={quote} format={format} />}
        {fields.mode === 'OCO' && <OcoFields leg={fields.oco} tick={tick} format={format} reference={quote?.last ?? reference} />}

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
            {sending ? 'Sending…' : confirmOrders ? 'Review order' : fields.mode === 'OCO' ? 'Send OCO' : `Send ${fields.side}`}
          </button>
        </div>
      </form>
      {confirming && account && (
        <ConfirmDialog
          title="Confirm order"
          text={orderInWords(fields, format, tick ?? undefined, quote)}
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

/** A trailing stop's terms (ENGINE.md 11): the offset and its unit, what it trails, a TRAIL STP LMT's limit offset. */
function TrailFields({ fields, tick, format }: { fields: TicketFields; tick: string | null; format: PriceFormat }) {
  return (
    <div className="ticket-row" data-testid="ticket-trail">
      <label className="field qty-field">
        <span>Trail by</span>
        <input data-testid="ticket-trail-offset" inputMode="decimal" autoComplete="off" value={fields.trailOffset} onChange={(event) => editTicket({ trailOffset: event.target.value })} />
      </label>
      <label className="field">
        <span>Unit</span>
        <select data-testid="ticket-trail-unit" value={fields.trailUnit} onChange={(event) => editTicket({ trailUnit: oneOfWords(TRAIL_UNITS, event.target.value) ?? fields.trailUnit })}>
          {TRAIL_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {UNIT_LABELS[unit]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Trails</span>
        <select data-testid="ticket-trail-ref" value={fields.trailRef} onChange={(event) => editTicket({ trailRef: oneOfWords(TRAIL_REFS, event.target.value) ?? fields.trailRef })}>
          {TRAIL_REFS.map((ref) => (
            <option key={ref} value={ref}>
              {ref}
            </option>
          ))}
        </select>
      </label>
      {fields.orderType === 'TRAIL_STP_LMT' && (
        <label className="field price-field">
          <span>Limit offset</span>
          <PriceInput testId="ticket-limit-offset" label="Limit offset" value={fields.limitOffset} onChange={(limitOffset) => editTicket({ limitOffset })} tick={tick} format={format} reference="0" />
        </label>
      )}
    </div>
  );
}

/**
 * The bracket's take-profit and stop-loss in ticks, with the prices they would give from the entry's price (its limit
 * or stop, else the side's market): "≈", display only; the engine resolves the real ones from the fill.
 */
function BracketFields({ fields, quote, format }: { fields: TicketFields; quote: Parameters<typeof bracketPrices>[1]; format: PriceFormat }) {
  const { takeProfit, stopLoss } = bracketPrices(fields, quote);
  const exit = opposite(fields.side);
  return (
    <div className="ticket-row bracket-row" data-testid="ticket-bracket">
      <label className="field ticks-field" title="Take profit: a LMT this many ticks from the fill, in the trade's favour">
        <span>TP ticks</span>
        <input data-testid="ticket-tp-ticks" inputMode="numeric" autoComplete="off" value={fields.takeProfitTicks} onChange={(event) => editTicket({ takeProfitTicks: event.target.value })} />
      </label>
      <span className="bracket-price small" title={`${exit} LMT at about this price, from the fill`}>
        <span className="muted">LMT ≈</span> <Price value={takeProfit} format={format} tick={quote?.tick} testId="ticket-tp-price" className="up" />
      </span>
      <label className="field ticks-field" title="Stop loss: a STP this many ticks from the fill, against the trade">
        <span>SL ticks</span>
        <input data-testid="ticket-sl-ticks" inputMode="numeric" autoComplete="off" value={fields.stopLossTicks} onChange={(event) => editTicket({ stopLossTicks: event.target.value })} />
      </label>
      <span className="bracket-price small" title={`${exit} STP at about this price, from the fill`}>
        <span className="muted">STP ≈</span> <Price value={stopLoss} format={format} tick={quote?.tick} testId="ticket-sl-price" className="down" />
      </span>
    </div>
  );
}

/** The OCO mode's second order: side, qty, type and its prices; symbol, account and TIF are the ticket's. */
function OcoFields({ leg, tick, format, reference }: { leg: OcoLeg; tick: string | null; format: PriceFormat; reference: string | null | undefined }) {
  return (
    <div className={`ticket-row oco-row ${leg.side === 'BUY' ? 'buy' : 'sell'}`} data-testid="ticket-oco">
      <span className="badge badge-dim oco-badge">OCO</span>
      <div className="side-toggle" role="group" aria-label="Second order's side">
        <button type="button" data-testid="ticket-oco-side-buy" className={leg.side === 'BUY' ? 'on buy' : ''} aria-pressed={leg.side === 'BUY'} onClick={() => editOcoLeg({ side: 'BUY' })}>
          BUY
        </button>
        <button type="button" data-testid="ticket-oco-side-sell" className={leg.side === 'SELL' ? 'on sell' : ''} aria-pressed={leg.side === 'SELL'} onClick={() => editOcoLeg({ side: 'SELL' })}>
          SELL
        </button>
      </div>
      <label className="field qty-field">
        <span>Qty</span>
        <input data-testid="ticket-oco-qty" inputMode="numeric" autoComplete="off" value={leg.qty} onChange={(event) => editOcoLeg({ qty: event.target.value })} />
      </label>
      <label className="field">
        <span>Type</span>
        <select data-testid="ticket-oco-type" value={leg.orderType} onChange={(event) => editOcoLeg({ orderType: oneOfWords(TYPE_WORDS, event.target.value) ?? leg.orderType })}>
          {OCO_LEG_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {needsStop(leg.orderType) && (
        <label className="field price-field">
          <span>Stop</span>
          <PriceInput testId="ticket-oco-stop" label="Second order's stop price" value={leg.stop} onChange={(stop) => editOcoLeg({ stop })} tick={tick} format={format} reference={reference} />
        </label>
      )}
      {needsLimit(leg.orderType) && (
        <label className="field price-field">
          <span>Limit</span>
          <PriceInput testId="ticket-oco-limit" label="Second order's limit price" value={leg.limit} onChange={(limit) => editOcoLeg({ limit })} tick={tick} format={format} reference={reference} />
        </label>
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
