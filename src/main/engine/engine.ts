// The paper engine's operations: place, edit, cancel, apply a quote, advance the clock (expiries and the roll),
// reset, create accounts and change settings. Each takes the committed state and returns a Change (or an input
// error) without touching the state; the desk has the ledger write the change, then applies it.
//
// Invariants kept here:
// - an order comes into being and moves only through Draft.openOrder and Draft.moveOrder, which follow the
//   transition table of model.ts and record the order event with each move;
// - a fill happens at most once per order and carries the quote it met and the rule that filled it;
// - what a fill sets off (its OCO group canceled, its HELD children activated, children kept to the position they
//   close) and what an ending parent takes with it (its HELD children) happen in the same operation;
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
import { canonicalSymbol, resolveInstrument, tickSize } from './instruments';
import { checkTags, editTrade, endByReset, journalFill, measureAt, type Trade, type TradeEdit } from './journal';
import type { Account, Order } from './model';
import {
  checkChildSpec,
  checkClientOrderId,
  checkOrderSpec,
  editedChildFields,
  editedFields,
  type ChildSpec,
  type EditOrderInput,
  type OrderSpec,
  type PlaceOrderInput,
  shown,
} from './orderInput';
import { trailAfterQuote, trailLimit } from './trailing';
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
  /** For a linked command (ENGINE.md 12): which member (and which of its children) the input error is about. */
  readonly where?: { readonly member: number; readonly child?: number };
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
  const member = checkMember(input, state, now, 0);
  // A single order's own input error is plain; one of a child says which child.
  if (!member.ok) return member.error.where?.child === undefined ? invalid(member.error.message) : member;
  const draft = new Draft(state);
  const [order] = openMembers(draft, account.value, [{ ...member.value, clientOrderId: clientOrderId.value }], false, now);
  return { ok: true, value: draft.order(order!.id)!, change: draft.toChange() };
}

/** An OCO group (ENGINE.md 12): two or more orders of one account, placed in one transaction. */
export interface PlaceOcoInput {
  readonly orders: readonly PlaceOrderInput[];
}

const MAX_LINKED = 10;

export function placeOco(state: EngineState, input: PlaceOcoInput, now: number): Decision<readonly Order[]> {
  const list = input.orders;
  if (!Array.isArray(list) || list.length < 2 || list.length > MAX_LINKED) {
    return invalid(`an OCO group needs 2 to ${MAX_LINKED} orders (got ${Array.isArray(list) ? list.length : shown(list)})`);
  }
  const account = resolveAccount(state, list[0]!.account);
  if (!account.ok) return { ok: false, error: { code: 'INVALID_INPUT', message: account.message, where: { member: 0 } } };
  const members: CheckedMember[] = [];
  const existing: Order[] = [];
  for (const [index, input] of list.entries()) {
    const at = (message: string): Decision<never> => ({ ok: false, error: { code: 'INVALID_INPUT', message, where: { member: index } } });
    const own = resolveAccount(state, input.account ?? list[0]!.account);
    if (!own.ok) return at(own.message);
    if (own.value.id !== account.value.id) return at(`the orders of one OCO group must be in one account (${account.value.id}, got ${own.value.id})`);
    const clientOrderId = checkClientOrderId(input.clientOrderId);
    if (!clientOrderId.ok) return at(clientOrderId.message);
    const found = clientOrderId.value === null ? undefined : state.history.orderByClientId(account.value.id, clientOrderId.value);
    if (found) existing.push(state.liveOrder(found.id) ?? found);
    const member = checkMember(input, state, now, index);
    if (!member.ok) return member;
    members.push({ ...member.value, clientOrderId: clientOrderId.value });
  }
  // The same command sent again (every clientOrderId already known) returns the group it made; a mix is an error.
  if (existing.length === members.length) return { ok: true, value: existing, change: NO_CHANGE };
  if (existing.length > 0) return invalid(`clientOrderId ${shown(existing[0]!.clientOrderId)} already names order ${existing[0]!.id}`);
  const draft = new Draft(state);
  const orders = openMembers(draft, account.value, members, true, now);
  return { ok: true, value: orders.map((o) => draft.order(o.id)!), change: draft.toChange() };
}

interface CheckedMember {
  readonly spec: OrderSpec;
  readonly clientOrderId: string | null;
  readonly tags: readonly string[];
  readonly children: readonly ChildSpec[];
  readonly childrenOco: boolean;
}

const NO_CHILDREN: readonly unknown[] = [];

/** An input error about a member of a command (and one of its children). A function, not a closure made per order. */
function memberError(message: string, member: number, child?: number): Decision<never> {
  return { ok: false, error: { code: 'INVALID_INPUT', message, where: child === undefined ? { member } : { member, child } } };
}

/** One order of a command with its children, checked; an input error names the member and child it is about. */
function checkMember(input: PlaceOrderInput, state: EngineState, now: number, member: number): Decision<Omit<CheckedMember, 'clientOrderId'>> {
  const spec = checkOrderSpec(input, state.settings, now);
  if (!spec.ok) return memberError(spec.message, member);
  const tags = checkTags(input.tags);
  if (!tags.ok) return memberError(tags.message, member);
  const list = input.children ?? NO_CHILDREN;
  if (!Array.isArray(list) || list.length > MAX_LINKED) return memberError(`children must be a list of at most ${MAX_LINKED} orders`, member);
  const children: ChildSpec[] = [];
  for (let index = 0; index < list.length; index += 1) {
    const child: unknown = list[index];
    const checked = checkChildSpec(typeof child === 'object' && child !== null ? child : {}, spec.value, state.settings, now);
    if (!checked.ok) return memberError(checked.message, member, index);
    children.push(checked.value);
  }
  const oco = input.childrenOco;
  if (oco !== undefined && oco !== null && typeof oco !== 'boolean') return memberError(`childrenOco must be true or false (got ${shown(oco)})`, member);
  // A bracket: two or more children form one OCO group unless told otherwise (ENGINE.md 12).
  const childrenOco = typeof oco === 'boolean' ? oco && children.length >= 2 : children.length >= 2;
  return { ok: true, value: { spec: spec.value, tags: tags.value, children, childrenOco }, change: NO_CHANGE };
}

/**
 * Checked orders enter the draft in one operation: each REJECTED with its reason or ACCEPTED, its children HELD
 * behind it; then the accepted ones are evaluated at once, as arriving, in the order given (a member of an OCO
 * group that fills cancels the rest). An OCO group is checked once, at its largest member's requirement.
 */
function openMembers(draft: Draft, account: Account, members: readonly CheckedMember[], oco: boolean, now: number): Order[] {
  const groupRejection = oco ? ocoRejection(draft, account, members.map((m) => m.spec)) : null;
  let group: string | null = null;
  const opened: Order[] = [];
  for (const member of members) {
    const rejection = oco ? groupRejection : businessRejection(draft, account, member.spec, null);
    const fields = orderFields(draft, account, member.spec, member.clientOrderId, now, member.tags);
    group ??= oco ? `oco-${fields.id}` : null;
    const order = rejection
      ? draft.openOrder({ ...fields, ocoGroup: group, rejectReason: rejection, expiresAt: null }, 'REJECTED', { reason: rejection })
      : draft.openOrder({ ...fields, ocoGroup: group }, 'ACCEPTED', null);
    let childGroup: string | null = null;
    for (const child of member.children) {
      const childFields = orderFields(draft, account, { ...child, qty: child.qty ?? ZERO }, null, now, member.tags);
      childGroup ??= member.childrenOco ? `oco-${childFields.id}` : null;
      draft.openOrder(
        { ...childFields, parentId: order.id, ocoGroup: childGroup, limitTicks: child.limitTicks, stopTicks: child.stopTicks },
        'HELD',
        { parentId: order.id },
      );
    }
    opened.push(order);
  }
  for (const order of opened) {
    const current = draft.order(order.id)!;
    if (current.status === 'REJECTED') endHeldChildren(draft, current, 'rejected', now);
    else if (current.status === 'WORKING') evaluateAndApply(draft, current, now, true);
  }
  return opened;
}

/** An OCO group's refusal: any member's own reason, else the largest member's requirement against the funds. */
function ocoRejection(view: EngineView, account: Account, specs: readonly OrderSpec[]): string | null {
  let largest = ZERO;
  for (const spec of specs) {
    const reason = businessRejection(view, account, spec, null, false);
    if (reason) return reason;
    const needs = specRequirement(view, account, spec);
    if (needs.greaterThan(largest)) largest = needs;
  }
  return fundsRejection(view, account, largest, null);
}

/** A new order's fields before it is opened: no fills, not triggered, not linked; trailing terms with no stop yet. */
function orderFields(draft: Draft, account: Account, spec: OrderSpec, clientOrderId: string | null, now: number, tags: readonly string[]) {
  const { instrument } = spec;
  return {
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
    parentId: null as number | null,
    ocoGroup: null as string | null,
    limitTicks: null as Dec | null,
    stopTicks: null as Dec | null,
    trail: spec.trail ? { ...spec.trail, watermark: null, stop: null } : null,
  };
}

/** A single order with no children: REJECTED with its reason, or ACCEPTED and evaluated at once, as arriving. */
function openOrder(draft: Draft, account: Account, spec: OrderSpec, now: number): Order {
  const [order] = openMembers(draft, account, [{ spec, clientOrderId: null, tags: [], children: [], childrenOco: false }], false, now);
  return draft.order(order!.id)!;
}

export function editOrder(state: EngineState, orderId: number, edit: EditOrderInput, now: number): Decision<Order> {
  const found = findWorking(state, orderId, 'edited');
  if (!found.ok) return found;
  const order = found.value;
  if (order.status === 'HELD') return editHeld(state, order, edit, now);
  const spec = checkOrderSpec(editedFields(order, edit), state.settings, now);
  if (!spec.ok) return invalid(spec.message);
  const draft = new Draft(state);
  const account = draft.account(order.accountId)!;
  const rejection = businessRejection(draft, account, spec.value, order) ?? childEditRejection(draft, order, spec.value);
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
      // ENGINE.md 11: an edit re-anchors W at the current reference (evaluation sets it).
      trail: spec.value.trail ? { ...spec.value.trail, watermark: null, stop: null } : null,
      // Keeping its TIF keeps its expiry; a new DAY or EXT gets the expiry of the edit's moment.
      expiresAt: tif === order.tif ? order.expiresAt : orderExpiry(order.assetType, tif, now, draft.settings),
    },
    { before: terms(order), after: terms(after) },
  );
  const final = evaluateAndApply(draft, replaced, now, true);
  return { ok: true, value: final, change: draft.toChange() };
}

/** A working child stays a closing order (ENGINE.md 12): an edit may not make it larger than its position. */
function childEditRejection(view: EngineView, order: Order, spec: OrderSpec): string | null {
  if (order.parentId === null) return null;
  const held = (view.position(order.accountId, order.symbol)?.qty ?? ZERO).abs();
  return spec.qty.greaterThan(held) ? `a child order only closes its position: qty at most ${held.toFixed()} (got ${spec.qty.toFixed()})` : null;
}

/** A HELD child edited on its own (ENGINE.md 12): checked as a child, no buying power, it stays HELD. */
function editHeld(state: EngineState, order: Order, edit: EditOrderInput, now: number): Decision<Order> {
  const instrument = resolveInstrument(order.symbol, state.settings);
  if (!instrument.ok) return invalid(instrument.message);
  const spec = checkChildSpec(editedChildFields(order, edit), { instrument: instrument.instrument, tif: order.tif }, state.settings, now);
  if (!spec.ok) return invalid(spec.message);
  const draft = new Draft(state);
  const { tif } = spec.value;
  const after = { qty: spec.value.qty ?? ZERO, type: spec.value.type, limit: spec.value.limit, stop: spec.value.stop, tif };
  const replaced = draft.moveOrder(
    order,
    'REPLACED',
    now,
    {
      ...after,
      limitTicks: spec.value.limitTicks,
      stopTicks: spec.value.stopTicks,
      trail: spec.value.trail ? { ...spec.value.trail, watermark: null, stop: null } : null,
      expiresAt: tif === order.tif ? order.expiresAt : orderExpiry(order.assetType, tif, now, draft.settings),
    },
    { before: terms(order), after: terms(after) },
  );
  return { ok: true, value: replaced, change: draft.toChange() };
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
  // The reason names what canceled it, so the order's trail says "canceled by flatten" (issue 12).
  const canceled = cancelLive(draft, account.value.id, now, (order) => order.symbol === symbol, `canceled by ${how}`);
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
  const order = openOrder(draft, account.value, spec.value, now);
  return { ok: true, value: { canceled, order }, change: draft.toChange() };
}

/** Cancels every working order of an account. */
export function cancelAllOrders(state: EngineState, accountId: string, now: number): Decision<readonly Order[]> {
  if (!state.account(accountId)) return { ok: false, error: { code: 'NOT_FOUND', message: `unknown account "${accountId}"` } };
  const draft = new Draft(state);
  const canceled = cancelLive(draft, accountId, now, () => true, 'canceled by cancel all');
  return { ok: true, value: canceled, change: draft.toChange() };
}

/**
 * Cancels the account's WORKING and HELD orders that match, oldest first ("canceled"). A parent goes before its
 * children, so a HELD child it takes with it carries "parent order N canceled" (ENGINE.md 12), as in any cancel.
 */
function cancelLive(draft: Draft, accountId: string, now: number, matches: (order: Order) => boolean, reason = 'canceled'): Order[] {
  const live = [...draft.workingOrdersOf(accountId), ...draft.heldOrdersOf(accountId)].filter(matches).sort((a, b) => a.id - b.id);
  const canceled: Order[] = [];
  for (const order of live) {
    const current = draft.order(order.id)!;
    if (current.status !== 'WORKING' && current.status !== 'HELD') {
      if (current.status === 'CANCELED') canceled.push(current);
      continue;
    }
    canceled.push(endOrder(draft, current, 'CANCELED', now, reason));
  }
  return canceled;
}

/** Why a working order has not filled yet, in the fill model's words; at `now`, its market may be closed. */
export function whyNotFilled(view: EngineView, order: Order, now?: number): string | null {
  if (order.status === 'HELD') return `held until order ${order.parentId} fills`;
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
  if (order.status !== 'WORKING' && order.status !== 'HELD') {
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
function businessRejection(view: EngineView, account: Account, spec: OrderSpec, replacing: Order | null, checkFunds = true): string | null {
  const refusal = brokerAdapter(account.broker).refusal();
  if (refusal) return refusal;
  const { instrument, side, qty } = spec;
  if (side === 'SELL' && (instrument.assetType === 'OPT' || (instrument.assetType === 'EQ' && account.margin === 'CASH'))) {
    const held = Dec.max(ZERO, view.position(account.id, instrument.symbol)?.qty ?? ZERO);
    let pending = ZERO;
    // An OCO group covers once, as its largest member (ENGINE.md 12).
    const groups = new Map<string, Dec>();
    for (const order of view.workingOrdersOf(account.id)) {
      if (order.symbol !== instrument.symbol || order.side !== 'SELL' || order.id === replacing?.id) continue;
      if (order.ocoGroup === null) pending = pending.plus(order.qty);
      else groups.set(order.ocoGroup, Dec.max(groups.get(order.ocoGroup) ?? ZERO, order.qty));
    }
    for (const qty of groups.values()) pending = pending.plus(qty);
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
  if (!checkFunds) return null;
  return fundsRejection(view, account, specRequirement(view, account, spec), replacing);
}

function specRequirement(view: EngineView, account: Account, spec: OrderSpec): Dec {
  const probe = { accountId: account.id, symbol: spec.instrument.symbol, assetType: spec.instrument.assetType, ...spec, trail: null };
  return orderRequirement(view, probe, orderMultiplier(view, probe), account.margin);
}

/** ENGINE.md 7: a requirement of 0 (closing only) is always accepted; else it must fit the available funds. */
function fundsRejection(view: EngineView, account: Account, needs: Dec, replacing: Order | null): string | null {
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
  let current = order;
  // ENGINE.md 11: merge the quote (done), move W, recompute the stop; written with the quote, without an event.
  const trailed = current.trail ? trailAfterQuote(current, quote, instrument.instrument, draft.settings) : null;
  if (trailed) current = draft.trailOrder(current, trailed.watermark, trailed.stop);
  // The tick path's common case: a trailing stop the market has not reached rests; no why-text is built for it.
  if (current.trail?.stop && !current.triggered && !arriving && !stopReached(current.side, current.trail.stop, quote)) return current;
  const evaluation: Evaluation = evaluateOrder(current, quote, {
    instrument: instrument.instrument,
    settings: draft.settings,
    arriving,
  });
  if (evaluation.triggeredNow) {
    const t = triggerPrice(quote);
    const detail: Record<string, string | null> = { [t?.source ?? 'price']: t?.price.toFixed() ?? null };
    // TRIGGERED records the stop; a TRAIL_STP_LMT keeps its type and rests as a limit at the frozen stop -/+ offset.
    if (current.trail) detail.stop = current.trail.stop?.toFixed() ?? null;
    const limit = current.type === 'TRAIL_STP_LMT' ? { limit: trailLimit(current) } : {};
    current = draft.moveOrder(current, 'TRIGGERED', time, { triggered: true, ...limit }, detail);
  }
  if (evaluation.outcome === 'fill') return executeFill(draft, current, evaluation.price, evaluation.reason, time);
  // A resting order the quote did not change is not rewritten: a tick costs nothing for it.
  return current;
}

function stopReached(side: Order['side'], stop: Dec, quote: Parameters<typeof triggerPrice>[0]): boolean {
  const t = triggerPrice(quote);
  return t !== null && (side === 'BUY' ? t.price.greaterThanOrEqualTo(stop) : t.price.lessThanOrEqualTo(stop));
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
  const filled = draft.moveOrder(
    order,
    'FILLED',
    time,
    { filledQty: order.qty, avgFillPrice: price },
    { fillId: fill.id, qty: fill.qty.toFixed(), price: price.toFixed() },
  );
  afterFill(draft, filled, time);
  return filled;
}

/**
 * What a fill sets off in its own transaction (ENGINE.md 12): the rest of its OCO group canceled, its HELD children
 * activated, every working child of the symbol kept to the position it closes, then the activated children
 * evaluated at once on the current quote.
 */
function afterFill(draft: Draft, filled: Order, time: number) {
  const { accountId } = filled;
  if (filled.ocoGroup !== null) {
    const group = filled.ocoGroup;
    cancelLive(draft, accountId, time, (o) => o.ocoGroup === group && o.id !== filled.id, `OCO: order ${filled.id} filled`);
  }
  const activated: Order[] = [];
  for (const child of childrenOf(draft.heldOrdersOf(accountId), filled.id)) {
    const current = draft.order(child.id)!;
    if (current.status === 'HELD') activated.push(activate(draft, current, filled, time));
  }
  keepChildrenClosing(draft, filled, time);
  for (const child of activated) {
    const current = draft.order(child.id)!;
    if (current.status === 'WORKING') evaluateAndApply(draft, current, time, true);
  }
}

/** A HELD child becomes WORKING: its qty and tick-relative prices resolved from the parent's fill. */
function activate(draft: Draft, child: Order, parent: Order, time: number): Order {
  const fillPrice = parent.avgFillPrice!;
  const instrument = resolveInstrument(child.symbol, draft.settings);
  const tick = instrument.ok ? tickSize(instrument.instrument, fillPrice, draft.settings) : ZERO;
  const fromTicks = (ticks: Dec | null, given: Dec | null) => (ticks === null ? given : fillPrice.plus(ticks.times(tick)));
  const limit = fromTicks(child.limitTicks, child.limit);
  const stop = fromTicks(child.stopTicks, child.stop);
  const qty = child.qty.isZero() ? parent.filledQty : child.qty;
  if ((limit !== null && !limit.greaterThan(0)) || (stop !== null && !stop.greaterThan(0))) {
    return endOrder(draft, child, 'CANCELED', time, `price from ticks is not positive at fill ${fillPrice.toFixed()}`);
  }
  return draft.moveOrder(child, 'ACCEPTED', time, { qty, limit, stop }, { parentId: parent.id, fillPrice: fillPrice.toFixed() });
}

/**
 * Children are closing orders (ENGINE.md 12): after a fill, a working child of the symbol that would open or add is
 * canceled ("position closed"), and one larger than the position it closes is cut to it ("reduced to position").
 */
function keepChildrenClosing(draft: Draft, filled: Order, time: number) {
  // The symbol's orders, not the account's: a fill pays for its own symbol only.
  const children: Order[] = [];
  for (const o of draft.workingOrdersOfSymbol(filled.symbol)) if (o.parentId !== null && o.accountId === filled.accountId) children.push(o);
  // Most fills have no working child on their symbol: nothing to look up.
  if (children.length === 0) return;
  const qty = draft.position(filled.accountId, filled.symbol)?.qty ?? ZERO;
  for (const child of children.sort((a, b) => a.id - b.id)) {
    const current = draft.order(child.id)!;
    if (current.status !== 'WORKING') continue;
    const opens = qty.isZero() || (current.side === 'BUY' ? qty.greaterThan(0) : qty.lessThan(0));
    if (opens) endOrder(draft, current, 'CANCELED', time, 'position closed');
    else if (current.qty.greaterThan(qty.abs())) {
      const reason = 'reduced to position';
      draft.moveOrder(current, 'REPLACED', time, { qty: qty.abs(), statusReason: reason }, { reason, before: terms(current), after: terms({ ...current, qty: qty.abs() }) });
    }
  }
}

function endOrder(draft: Draft, order: Order, type: 'CANCELED' | 'EXPIRED', time: number, reason: string): Order {
  const ended = draft.moveOrder(order, type, time, { statusReason: reason }, { reason });
  endHeldChildren(draft, ended, type === 'EXPIRED' ? 'expired' : 'canceled', time);
  return ended;
}

/** The HELD orders among `held` whose parent is `parentId`, oldest first (one pass, no copy when there are none). */
function childrenOf(held: Iterable<Order>, parentId: number): Order[] {
  const children: Order[] = [];
  for (const o of held) if (o.parentId === parentId) children.push(o);
  return children.length > 1 ? children.sort((a, b) => a.id - b.id) : children;
}

/** A parent that ends without filling takes its HELD children with it (ENGINE.md 12). */
function endHeldChildren(draft: Draft, parent: Order, how: 'canceled' | 'expired' | 'rejected', time: number) {
  for (const child of childrenOf(draft.heldOrdersOf(parent.accountId), parent.id)) {
    const current = draft.order(child.id)!;
    if (current.status === 'HELD') endOrder(draft, current, 'CANCELED', time, `parent order ${parent.id} ${how}`);
  }
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
    // An earlier fill of this quote may have canceled or cut it (OCO, a closing child): the draft's is current.
    const current = draft.order(order.id)!;
    if (current.status !== 'WORKING') continue;
    evaluateAndApply(draft, current, update.time, firstLookSinceOpen(state, order, previous?.time, update.time));
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
    // A parent that expired first has already canceled its HELD child (ENGINE.md 12): skip what has ended.
    while (pending[i] && !isLive(draft.order(pending[i]!.id)!)) i += 1;
    const expiry = pending[i] && draft.order(pending[i]!.id);
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
function isLive(order: Order): boolean {
  return order.status === 'WORKING' || order.status === 'HELD';
}

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
  cancelLive(draft, account.id, now, () => true, 'account reset');
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
