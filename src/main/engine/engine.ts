// The paper engine's operations: place, edit, cancel, apply a quote, advance the clock (expiries and the roll),
// reset, create accounts and change settings. Each takes the committed state and returns a Change (or an input
// error) without touching the state; the desk has the ledger write the change, then applies it.
//
// Invariants kept here:
// - an order comes into being and moves only through Draft.openOrder and Draft.moveOrder, which follow the
//   transition table of model.ts and record the order event with each move;
// - a fill happens at most once per order and carries the quote it met and the rule that filled it;
// - an input error returns a message and changes nothing; a business rejection is a REJECTED order.
import { formatMoney } from '../../shared/format';
import { BROKERS, MARGIN_MODES, oneOfWords } from '../../shared/vocabulary';
import { accountMetrics, orderMultiplier, orderRequirement, positionMetrics } from './accounting';
import { brokerAdapter } from './brokers';
import { cashAfterFill, fillCashFlow, fillCosts } from './cash';
import { NO_CHANGE, type Change } from './change';
import { Dec, ZERO, parseDecimal } from './decimal';
import { Draft } from './draft';
import { equitySample, sampleMoved } from './equity';
import { evaluateOrder, type Evaluation } from './fillModel';
import { canonicalSymbol, resolveInstrument } from './instruments';
import { checkTags, editTrade, endByReset, journalFill, measureAt, type Trade, type TradeEdit } from './journal';
import type { Account, Order } from './model';
import {
  checkClientOrderId,
  checkOrderSpec,
  editedFields,
  type EditOrderInput,
  type OrderSpec,
  type PlaceOrderInput,
  shown,
} from './orderInput';
import { applyFillToPosition, newPosition } from './positions';
import { executionPrice, markPrice, mergeQuote, quoteSeen, triggerPrice, type QuoteUpdate } from './quotes';
import type { Settings } from './settings';
import type { EngineState } from './state';
import type { EngineView } from './view';
import { marketClosedText, marketOpenFor, sessionAt, sessionKind } from './marketHours';
import { nextRollAfter, orderExpiry } from './tradingDay';

export type EngineErrorCode = 'INVALID_INPUT' | 'NOT_FOUND' | 'NOT_WORKING' | 'EDIT_REJECTED';
export interface EngineError {
  readonly code: EngineErrorCode;
  readonly message: string;
}
/** An answer that changes nothing: a value, or why not. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EngineError };
export type Decision<T> =
  | { readonly ok: true; readonly value: T; readonly change: Change }
  | { readonly ok: false; readonly error: EngineError };

const invalid = (message: string): Decision<never> => ({ ok: false, error: { code: 'INVALID_INPUT', message } });

const STARTING_BALANCE = new Dec(100_000);
/** A trillion: beyond any paper account, and small enough that every figure of a snapshot stays short. */
const MAX_BALANCE = new Dec(1_000_000_000_000);

// ---------------------------------------------------------------------------------------------------------------
// Orders

export function placeOrder(state: EngineState, input: PlaceOrderInput, now: number): Decision<Order> {
  const account = resolveAccount(state, input.account);
  if (!account.ok) return invalid(account.message);
  const clientOrderId = checkClientOrderId(input.clientOrderId);
  if (!clientOrderId.ok) return invalid(clientOrderId.message);
  if (clientOrderId.value !== null) {
    const existing = state.history.orderByClientId(account.value.id, clientOrderId.value);
    if (existing) return { ok: true, value: state.workingOrder(existing.id) ?? existing, change: NO_CHANGE };
  }
  const spec = checkOrderSpec(input, state.settings, now);
  if (!spec.ok) return invalid(spec.message);
  const tags = checkTags(input.tags);
  if (!tags.ok) return invalid(tags.message);
  const draft = new Draft(state);
  const order = openOrder(draft, account.value, spec.value, clientOrderId.value, now, tags.value);
  return { ok: true, value: order, change: draft.toChange() };
}

/** A checked order enters the draft: REJECTED with its reason, or ACCEPTED and evaluated at once, as arriving. */
function openOrder(
  draft: Draft,
  account: Account,
  spec: OrderSpec,
  clientOrderId: string | null,
  now: number,
  tags: readonly string[],
): Order {
  const { instrument } = spec;
  const fields = {
    id: draft.nextOrderId(),
    accountId: account.id,
    clientOrderId,
    symbol: instrument.symbol,
    assetType: instrument.assetType,
    side: spec.side,
    qty: spec.qty,
    type: spec.type,
    limit: spec.limit,
    stop: spec.stop,
    tif: spec.tif,
    triggered: false,
    filledQty: ZERO,
    avgFillPrice: null,
    rejectReason: null,
    statusReason: null,
    expiresAt: orderExpiry(instrument.assetType, spec.tif, now, draft.settings),
    createdAt: now,
    updatedAt: now,
    tags,
  };
  const rejection = businessRejection(draft, account, spec, null);
  if (rejection) {
    return draft.openOrder({ ...fields, rejectReason: rejection, expiresAt: null }, 'REJECTED', { reason: rejection });
  }
  return evaluateAndApply(draft, draft.openOrder(fields, 'ACCEPTED', null), now, true);
}

export function editOrder(state: EngineState, orderId: number, edit: EditOrderInput, now: number): Decision<Order> {
  const found = findWorking(state, orderId, 'edited');
  if (!found.ok) return found;
  const order = found.value;
  const spec = checkOrderSpec(editedFields(order, edit), state.settings, now);
  if (!spec.ok) return invalid(spec.message);
  const draft = new Draft(state);
  const account = draft.account(order.accountId)!;
  const rejection = businessRejection(draft, account, spec.value, order);
  if (rejection) return { ok: false, error: { code: 'EDIT_REJECTED', message: rejection } };

  const { tif } = spec.value;
  const after = { qty: spec.value.qty, type: spec.value.type, limit: spec.value.limit, stop: spec.value.stop, tif };
  const replaced = draft.moveOrder(
    order,
    'REPLACED',
    now,
    {
      ...after,
      triggered: false,
      // Keeping its TIF keeps its expiry; a new DAY or EXT gets the expiry of the edit's moment.
      expiresAt: tif === order.tif ? order.expiresAt : orderExpiry(order.assetType, tif, now, draft.settings),
    },
    { before: terms(order), after: terms(after) },
  );
  const final = evaluateAndApply(draft, replaced, now, true);
  return { ok: true, value: final, change: draft.toChange() };
}

export function cancelOrder(state: EngineState, orderId: number, now: number, reason = 'canceled'): Decision<Order> {
  const found = findWorking(state, orderId, 'canceled');
  if (!found.ok) return found;
  const draft = new Draft(state);
  const canceled = endOrder(draft, found.value, 'CANCELED', now, reason);
  return { ok: true, value: canceled, change: draft.toChange() };
}

// ---------------------------------------------------------------------------------------------------------------
// Flatten, reverse and cancel all (ENGINE.md section 13): each one change, so one transaction.

export interface Closing {
  /** The symbol's working orders that were canceled first. */
  readonly canceled: readonly Order[];
  /** The MKT order that closes (flatten) or turns (reverse) the position; null when there was none. */
  readonly order: Order | null;
}

/**
 * Cancels the account's working orders of the symbol (they would fight the close and hold its shares, as in TOS),
 * then places one MKT order: the position's size on the other side (flatten), or twice it (reverse: its
 * requirement is the opening half's). A rejected reverse leaves the cancels standing. No position: cancels only.
 */
export function closePosition(
  state: EngineState,
  accountId: unknown,
  rawSymbol: string,
  how: 'flatten' | 'reverse',
  now: number,
): Decision<Closing> {
  const account = resolveAccount(state, accountId);
  if (!account.ok) return invalid(account.message);
  const symbol = canonicalSymbol(rawSymbol);
  const draft = new Draft(state);
  const canceled: Order[] = [];
  for (const order of [...state.workingOrdersOf(account.value.id)]) {
    // The reason names what canceled it, so the order's trail says "canceled by flatten" (issue 12).
    if (order.symbol === symbol) canceled.push(endOrder(draft, order, 'CANCELED', now, `canceled by ${how}`));
  }
  const held = draft.position(account.value.id, symbol)?.qty ?? ZERO;
  if (held.isZero()) return { ok: true, value: { canceled, order: null }, change: draft.toChange() };
  const spec = checkOrderSpec(
    {
      symbol,
      side: held.greaterThan(0) ? 'SELL' : 'BUY',
      qty: (how === 'flatten' ? held.abs() : held.abs().times(2)).toFixed(),
      orderType: 'MKT',
      tif: 'DAY',
    },
    state.settings,
    now,
  );
  if (!spec.ok) return invalid(spec.message);
  const order = openOrder(draft, account.value, spec.value, null, now, []);
  return { ok: true, value: { canceled, order }, change: draft.toChange() };
}

/** Cancels every working order of an account. */
export function cancelAllOrders(state: EngineState, accountId: string, now: number): Decision<readonly Order[]> {
  if (!state.account(accountId)) return { ok: false, error: { code: 'NOT_FOUND', message: `unknown account "${accountId}"` } };
  const draft = new Draft(state);
  const canceled = [...state.workingOrdersOf(accountId)].map((order) => endOrder(draft, order, 'CANCELED', now, 'canceled by cancel all'));
  return { ok: true, value: canceled, change: draft.toChange() };
}

/** Why a working order has not filled yet, in the fill model's words; at `now`, its market may be closed. */
export function whyNotFilled(view: EngineView, order: Order, now?: number): string | null {
  if (order.status !== 'WORKING') return null;
  if (now !== undefined && !marketOpenFor(order.assetType, order.tif, now, view.settings)) {
    return marketClosedText(sessionKind(order.assetType, order.tif), now, view.settings.closedDates);
  }
  const instrument = resolveInstrument(order.symbol, view.settings);
  if (!instrument.ok) return instrument.message;
  const evaluation = evaluateOrder(order, view.quote(order.symbol), {
    instrument: instrument.instrument,
    settings: view.settings,
    arriving: false,
  });
  return evaluation.outcome === 'rest' ? evaluation.why : 'fills on the next quote';
}

function findWorking(state: EngineState, orderId: number, verb: 'edited' | 'canceled'): Decision<Order> {
  const order = state.orderById(orderId);
  if (!order) return { ok: false, error: { code: 'NOT_FOUND', message: `no order ${orderId}` } };
  if (order.status !== 'WORKING') {
    return {
      ok: false,
      error: { code: 'NOT_WORKING', message: `Only WORKING orders can be ${verb} (current status: ${order.status})` },
    };
  }
  return { ok: true, value: order, change: NO_CHANGE };
}

function resolveAccount(state: EngineState, requested: unknown): { ok: true; value: Account } | { ok: false; message: string } {
  if (requested === undefined || requested === null) {
    const first = state.accounts().next();
    return first.done ? { ok: false, message: 'no account exists: create one first' } : { ok: true, value: first.value };
  }
  if (typeof requested !== 'string') return { ok: false, message: `account must be text (got ${JSON.stringify(requested)})` };
  const account = state.account(requested);
  return account ? { ok: true, value: account } : { ok: false, message: `unknown account "${requested}"` };
}

/** The business reasons to refuse an order that is well formed (ENGINE.md section 3 and 7). */
function businessRejection(view: EngineView, account: Account, spec: OrderSpec, replacing: Order | null): string | null {
  const refusal = brokerAdapter(account.broker).refusal();
  if (refusal) return refusal;
  const { instrument, side, qty } = spec;
  if (side === 'SELL' && (instrument.assetType === 'OPT' || (instrument.assetType === 'EQ' && account.margin === 'CASH'))) {
    const held = Dec.max(ZERO, view.position(account.id, instrument.symbol)?.qty ?? ZERO);
    let pending = ZERO;
    for (const order of view.workingOrdersOf(account.id)) {
      if (order.symbol === instrument.symbol && order.side === 'SELL' && order.id !== replacing?.id) pending = pending.plus(order.qty);
    }
    const free = Dec.max(ZERO, held.minus(pending));
    if (qty.greaterThan(free)) {
      const holding = `the account holds ${held.toFixed()}${pending.isZero() ? '' : ` (${pending.toFixed()} already in working sell orders)`}`;
      return instrument.assetType === 'OPT'
        ? `no short options: selling ${qty.toFixed()} ${instrument.symbol} needs a long position; ${holding}`
        : `no short stock in a CASH account: selling ${qty.toFixed()} ${instrument.symbol}; ${holding}`;
    }
  }
  if (spec.type === 'MKT' && !executionPrice(view.quote(instrument.symbol), side)) {
    return `no price for ${instrument.symbol}: a MKT ${side} needs ${side === 'BUY' ? 'an ask' : 'a bid'} or a last`;
  }
  const probe = { accountId: account.id, symbol: instrument.symbol, assetType: instrument.assetType, ...spec };
  const needs = orderRequirement(view, probe, orderMultiplier(view, probe), account.margin);
  if (needs.isZero()) return null;
  const available = accountMetrics(view, account, replacing ?? undefined).availableFunds;
  if (needs.greaterThan(available)) {
    return `insufficient buying power: needs ${formatMoney(needs.toFixed())}, available ${formatMoney(available.toFixed())}`;
  }
  return null;
}

function evaluateAndApply(draft: Draft, order: Order, time: number, arriving: boolean): Order {
  // ENGINE.md 14: outside its market's hours an order rests untouched (MKT too), neither triggering nor filling.
  if (!marketOpenFor(order.assetType, order.tif, time, draft.settings)) return order;
  const instrument = resolveInstrument(order.symbol, draft.settings);
  // A contract removed from the table after the order was placed: it rests until the contract is back.
  if (!instrument.ok) return order;
  const quote = draft.quote(order.symbol);
  const evaluation: Evaluation = evaluateOrder(order, quote, {
    instrument: instrument.instrument,
    settings: draft.settings,
    arriving,
  });
  let current = order;
  if (evaluation.triggeredNow) {
    const t = triggerPrice(quote);
    current = draft.moveOrder(current, 'TRIGGERED', time, { triggered: true }, { [t?.source ?? 'price']: t?.price.toFixed() ?? null });
  }
  if (evaluation.outcome === 'fill') return executeFill(draft, current, evaluation.price, evaluation.reason, time);
  // A resting order the quote did not change is not rewritten: a tick costs nothing for it.
  return current;
}

function executeFill(draft: Draft, order: Order, price: Dec, reason: string, time: number): Order {
  const account = draft.account(order.accountId)!;
  const held =
    draft.position(order.accountId, order.symbol) ??
    newPosition(order.accountId, order.symbol, order.assetType, orderMultiplier(draft, order), time);
  const delta = order.side === 'BUY' ? order.qty : order.qty.negated();
  const { position, realized } = applyFillToPosition(held, delta, price, time);
  const m = position.multiplier;
  const costs = fillCosts(draft.settings, order.assetType, order.qty);
  draft.putPosition(position);
  draft.putAccount({
    ...account,
    cash: cashAfterFill(account.cash, fillCashFlow(order.assetType, delta, price, m, realized), costs),
  });
  const fill = {
    id: draft.nextFillId(),
    orderId: order.id,
    accountId: order.accountId,
    symbol: order.symbol,
    assetType: order.assetType,
    side: order.side,
    qty: order.qty,
    price,
    multiplier: m,
    commission: costs.commission,
    fees: costs.fees,
    realizedPl: realized,
    time,
    quote: quoteSeen(draft.quote(order.symbol), time),
    reason,
  };
  draft.addFill(fill);
  const step = journalFill(
    draft.openTrade(order.accountId, order.symbol),
    {
      fill,
      qtyBefore: held.qty,
      qtyAfter: position.qty,
      costAfter: position.cost,
      mark: markPrice(draft.quote(order.symbol))?.price ?? null,
      orderTags: order.tags,
    },
    () => draft.nextTradeId(),
  );
  for (const trade of step.trades) draft.putTrade(trade);
  draft.addEquitySample(equitySample(draft, draft.account(order.accountId)!, time));
  return draft.moveOrder(
    order,
    'FILLED',
    time,
    { filledQty: order.qty, avgFillPrice: price },
    { fillId: fill.id, qty: fill.qty.toFixed(), price: price.toFixed() },
  );
}

function endOrder(draft: Draft, order: Order, type: 'CANCELED' | 'EXPIRED', time: number, reason: string): Order {
  return draft.moveOrder(order, type, time, { statusReason: reason }, { reason });
}

function terms(order: Pick<Order, 'qty' | 'type' | 'limit' | 'stop' | 'tif'>) {
  return {
    qty: order.qty.toFixed(),
    orderType: order.type,
    limit: order.limit?.toFixed() ?? null,
    stop: order.stop?.toFixed() ?? null,
    tif: order.tif,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Quotes and the clock

/** A quote replaces the fields it carries, then re-evaluates the working orders of its symbol, oldest first. */
export function applyQuote(state: EngineState, update: QuoteUpdate): Change {
  const draft = new Draft(state);
  const previous = state.quote(update.symbol);
  const quote = mergeQuote(previous, update);
  draft.putQuote(quote);
  // Excursions of the symbol's open trades at the merged quote, before the fills it causes (JOURNAL.md 2). A symbol
  // without open trades pays one map lookup.
  const trades = state.openTradesOfSymbol(update.symbol);
  let traded: Set<string> | undefined;
  if (trades) {
    const mark = markPrice(quote)?.price ?? null;
    traded = new Set();
    for (const trade of trades) {
      traded.add(trade.accountId);
      const measured = measureAt(trade, mark);
      if (measured !== trade) draft.putExcursion(measured);
    }
  }
  for (const order of [...state.workingOrdersOfSymbol(update.symbol)]) {
    evaluateAndApply(draft, order, update.time, firstLookSinceOpen(state, order, previous?.time, update.time));
  }
  // The equity history during the day: at most once a minute per account while its net liq or P/L Day moves.
  if (traded) {
    for (const accountId of traded) {
      const last = state.lastSample(accountId);
      if (last && update.time - last.time < 60_000) continue;
      const account = draft.account(accountId);
      if (!account) continue;
      const sample = equitySample(draft, account, update.time);
      if (sampleMoved(last, sample)) draft.addEquitySample(sample);
    }
  }
  return draft.toChange();
}

/**
 * ENGINE.md 14: an order that rested while its market was closed meets the first quote of the session as arriving
 * (a limit marketable at the open fills at the market, as in an opening cross). That is when the session began
 * after both the order's last change and the symbol's previous quote. Always false with `always` hours.
 */
function firstLookSinceOpen(state: EngineState, order: Order, previousQuoteAt: number | undefined, time: number): boolean {
  const { settings } = state;
  if (settings.marketHours === 'always') return false;
  const session = sessionAt(sessionKind(order.assetType, order.tif), time, settings.closedDates);
  return session.open && session.start > Math.max(order.updatedAt, previousQuoteAt ?? Number.NEGATIVE_INFINITY);
}

/** Expiries and rolls due at or before `now`, in time order (an expiry before a roll of the same moment). */
export function advanceClock(state: EngineState, now: number): Change {
  const expiries = state.dueExpiries(now);
  let nextRoll = state.nextRollAt;
  if (expiries.length === 0 && nextRoll > now) return NO_CHANGE;
  const draft = new Draft(state);
  const pending = [...expiries].sort((a, b) => a.expiresAt! - b.expiresAt! || a.id - b.id);
  let i = 0;
  for (;;) {
    const expiry = pending[i];
    if (expiry && expiry.expiresAt! <= nextRoll) {
      endOrder(draft, expiry, 'EXPIRED', expiry.expiresAt!, `${expiry.tif} order expired`);
      i += 1;
    } else if (nextRoll <= now) {
      rollDay(draft, nextRoll);
      nextRoll = nextRollAfter(nextRoll);
    } else if (expiry) {
      endOrder(draft, expiry, 'EXPIRED', expiry.expiresAt!, `${expiry.tif} order expired`);
      i += 1;
    } else break;
  }
  return draft.toChange();
}

/**
 * The 17:00 roll: keep each account's equity, start P/L Day over (each position's realized P&L to 0, its unrealized
 * P&L kept as the day's starting point), drop positions closed during the day. The account's totals follow.
 */
function rollDay(draft: Draft, rollAt: number) {
  for (const account of [...draft.accounts()]) {
    const metrics = accountMetrics(draft, account);
    draft.addSnapshot({
      accountId: account.id,
      rollAt,
      cash: account.cash,
      netLiq: metrics.netLiq,
      unrealizedPl: metrics.unrealizedPl,
      realizedPlDay: metrics.realizedPlDay,
    });
    for (const position of [...draft.positionsOf(account.id)]) {
      if (position.qty.isZero()) draft.removePosition(account.id, position.symbol);
      else {
        const { unrealizedPl } = positionMetrics(draft, position, account.margin);
        draft.putPosition({ ...position, realizedPlDay: ZERO, unrealizedAtRoll: unrealizedPl });
      }
    }
  }
  draft.setLastRollAt(rollAt);
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts and settings

export interface CreateAccountInput {
  readonly id: unknown;
  readonly cash?: unknown;
  readonly margin?: unknown;
  readonly broker?: unknown;
}

// No spaces: an id shows in every list, export and scenario line, where a space is easy to lose.
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export function createAccount(state: EngineState, input: CreateAccountInput, now: number): Decision<Account> {
  if (typeof input.id !== 'string' || !ACCOUNT_ID.test(input.id)) {
    return invalid(`account id must be 1 to 32 letters, digits, '_', '.' or '-', without spaces (got ${shown(input.id)})`);
  }
  if (state.account(input.id)) return invalid(`account "${input.id}" already exists`);
  const balance = checkBalance(input.cash);
  if (!balance.ok) return invalid(balance.message);
  const requestedMargin = input.margin ?? 'DAYTRADE';
  const margin = typeof requestedMargin === 'string' ? oneOfWords(MARGIN_MODES, requestedMargin) : undefined;
  if (!margin) return invalid(`unknown margin mode ${JSON.stringify(requestedMargin)}: use DAYTRADE, REGT or CASH`);
  const requestedBroker = input.broker ?? 'PAPER';
  const broker = typeof requestedBroker === 'string' ? oneOfWords(BROKERS, requestedBroker) : undefined;
  if (!broker) return invalid(`unknown broker ${JSON.stringify(requestedBroker)}: use PAPER or SCHWAB`);
  const account: Account = {
    id: input.id,
    broker,
    margin,
    startingBalance: balance.value,
    cash: balance.value,
    createdAt: now,
    ordinal: [...state.accounts()].length,
  };
  const draft = new Draft(state);
  draft.putAccount(account);
  draft.addReset({
    accountId: account.id,
    kind: 'OPEN',
    time: now,
    startingBalance: balance.value,
    cashBefore: ZERO,
    afterFillId: state.lastFillId,
  });
  return { ok: true, value: account, change: draft.toChange() };
}

function checkBalance(value: unknown): { ok: true; value: Dec } | { ok: false; message: string } {
  if (value === undefined || value === null) return { ok: true, value: STARTING_BALANCE };
  const balance = parseDecimal(value);
  if (!balance || !balance.greaterThan(0) || balance.decimalPlaces() > 2 || balance.greaterThan(MAX_BALANCE)) {
    return { ok: false, message: `starting balance must be a positive amount in cents, at most 1,000,000,000,000 (got ${shown(value)})` };
  }
  return { ok: true, value: balance };
}

/** Reset: working orders canceled, positions removed, cash back to the starting balance; history stays. */
export function resetAccount(
  state: EngineState,
  accountId: unknown,
  now: number,
  startingBalance?: unknown,
): Decision<Account> {
  const found = resolveAccount(state, accountId);
  if (!found.ok) return invalid(found.message);
  const balance = startingBalance === undefined ? { ok: true as const, value: found.value.startingBalance } : checkBalance(startingBalance);
  if (!balance.ok) return invalid(balance.message);
  const account = found.value;
  const draft = new Draft(state);
  for (const order of [...state.workingOrdersOf(account.id)]) endOrder(draft, order, 'CANCELED', now, 'account reset');
  for (const position of state.positionsOf(account.id)) {
    draft.removePosition(account.id, position.symbol);
    const trade = state.openTrade(account.id, position.symbol);
    if (trade) draft.putTrade(endByReset(trade, now));
  }
  const reset: Account = {
    ...account,
    startingBalance: balance.value,
    cash: balance.value,
  };
  draft.putAccount(reset);
  draft.addReset({
    accountId: account.id,
    kind: 'RESET',
    time: now,
    startingBalance: balance.value,
    cashBefore: account.cash,
    afterFillId: state.lastFillId,
  });
  draft.addEquitySample(equitySample(draft, reset, now));
  return { ok: true, value: reset, change: draft.toChange() };
}

export function replaceSettings(state: EngineState, settings: Settings): Change {
  const draft = new Draft(state);
  draft.setSettings(settings);
  return draft.toChange();
}

// ---------------------------------------------------------------------------------------------------------------
// The journal

/** Tags and the note of a trade, open or closed (JOURNAL.md 4): one change that never touches money. */
export function editTradeJournal(state: EngineState, trade: Trade, edit: TradeEdit): Decision<Trade> {
  // An open trade is edited as the state holds it, so its latest excursions are kept.
  const current = trade.status === 'OPEN' ? (state.openTrade(trade.accountId, trade.symbol) ?? trade) : trade;
  const edited = editTrade(current, edit);
  if (!edited.ok) return invalid(edited.message);
  const draft = new Draft(state);
  draft.putTrade(edited.value);
  return { ok: true, value: edited.value, change: draft.toChange() };
}
