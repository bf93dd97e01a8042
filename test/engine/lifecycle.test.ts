// The order lifecycle, row by row (NautilusTrader's table-driven transition tests): every (state, event) pair of
// the table, allowed and refused, and the one way in (Draft.openOrder / moveOrder) that records the event with the
// move. The expected table is written out here, not read from the engine, so a change to either shows.
import { describe, expect, it } from 'vitest';
import { Dec, ZERO } from '../../src/main/engine/decimal';
import { defaultSettings } from '../../src/main/engine/settings';
import { Draft } from '../../src/main/engine/draft';
import {
  IllegalTransitionError,
  NEW,
  ORDER_EVENT_TYPES,
  ORDER_STATUSES,
  nextStatus,
  transition,
  type LifecycleState,
  type Order,
  type OrderEventType,
  type OrderStatus,
} from '../../src/main/engine/model';
import { EngineState } from '../../src/main/engine/state';

/** ENGINE.md sections 3 and 9: what each event does from each state. Absent pairs are refused. */
const EXPECTED: Readonly<Record<LifecycleState, Partial<Record<OrderEventType, OrderStatus>>>> = {
  NEW: { ACCEPTED: 'WORKING', REJECTED: 'REJECTED', HELD: 'HELD' },
  // ENGINE.md 12: a HELD child activates, is edited on its own, or ends with its parent or its day.
  HELD: { ACCEPTED: 'WORKING', REPLACED: 'HELD', CANCELED: 'CANCELED', EXPIRED: 'EXPIRED' },
  WORKING: { TRIGGERED: 'WORKING', REPLACED: 'WORKING', FILLED: 'FILLED', CANCELED: 'CANCELED', EXPIRED: 'EXPIRED' },
  FILLED: {},
  CANCELED: {},
  EXPIRED: {},
  REJECTED: {},
};

const STATES: readonly LifecycleState[] = [NEW, ...ORDER_STATUSES];
const PAIRS = STATES.flatMap((from) => ORDER_EVENT_TYPES.map((event) => ({ from, event, to: EXPECTED[from][event] })));

describe('the order transition table (every state x event)', () => {
  it('covers every pair: 7 states x 8 events (HELD and its event, ENGINE.md 12)', () => {
    expect(PAIRS).toHaveLength(56);
  });

  it.each(PAIRS.filter((p) => p.to !== undefined))('$from + $event -> $to', ({ from, event, to }) => {
    expect(nextStatus(from, event)).toBe(to);
    expect(transition(7, from, event)).toBe(to);
  });

  it.each(PAIRS.filter((p) => p.to === undefined))('$from + $event is refused', ({ from, event }) => {
    expect(nextStatus(from, event)).toBeUndefined();
    expect(() => transition(7, from, event)).toThrow(IllegalTransitionError);
    expect(() => transition(7, from, event)).toThrow(`order 7: ${event} is not possible from ${from}`);
  });
});

function emptyState(): EngineState {
  return new EngineState({
    settings: defaultSettings(),
    accounts: [],
    positions: [],
    workingOrders: [],
    quotes: [],
    lastRollAt: 0,
    lastOrderId: 0,
    lastFillId: 0,
    history: { orderById: () => undefined, orderByClientId: () => undefined },
  });
}

const T0 = Date.parse('2026-01-05T14:30:00Z');

function fields(draft: Draft): Omit<Order, 'status'> {
  return {
    id: draft.nextOrderId(),
    accountId: 'main',
    clientOrderId: null,
    symbol: 'AAPL',
    assetType: 'EQ',
    side: 'BUY',
    qty: new Dec(1),
    type: 'LMT',
    limit: new Dec(100),
    stop: null,
    tif: 'GTC',
    triggered: false,
    filledQty: ZERO,
    avgFillPrice: null,
    rejectReason: null,
    statusReason: null,
    expiresAt: null,
    createdAt: T0,
    updatedAt: T0,

    tags: [],
    parentId: null,
    ocoGroup: null,
    limitTicks: null,
    stopTicks: null,
    trail: null,
  };
}

describe('the one way in: Draft.openOrder and Draft.moveOrder', () => {
  it('creates an order only through ACCEPTED or REJECTED, with its event', () => {
    const draft = new Draft(emptyState());
    const accepted = draft.openOrder(fields(draft), 'ACCEPTED', null);
    const rejected = draft.openOrder({ ...fields(draft), rejectReason: 'no' }, 'REJECTED', { reason: 'no' });
    expect([accepted.status, rejected.status]).toEqual(['WORKING', 'REJECTED']);
    const change = draft.toChange();
    expect(change.orders.map((o) => o.status)).toEqual(['WORKING', 'REJECTED']);
    expect(change.events).toEqual([
      { orderId: 1, type: 'ACCEPTED', time: T0, detail: null },
      { orderId: 2, type: 'REJECTED', time: T0, detail: { reason: 'no' } },
    ]);
  });

  it('moves an order with its event and the time of the move; a refused move records nothing', () => {
    const draft = new Draft(emptyState());
    const order = draft.openOrder(fields(draft), 'ACCEPTED', null);
    const canceled = draft.moveOrder(order, 'CANCELED', T0 + 5, { statusReason: 'canceled' }, { reason: 'canceled' });
    expect(canceled).toMatchObject({ status: 'CANCELED', statusReason: 'canceled', updatedAt: T0 + 5 });
    expect(() => draft.moveOrder(canceled, 'FILLED', T0 + 6, {}, null)).toThrow('order 1: FILLED is not possible from CANCELED');
    const change = draft.toChange();
    expect(change.events.map((e) => [e.type, e.time])).toEqual([
      ['ACCEPTED', T0],
      ['CANCELED', T0 + 5],
    ]);
    expect(change.orders).toEqual([canceled]);
  });

  it('a HELD child comes in through HELD and activates through ACCEPTED; a trail move records no event', () => {
    const draft = new Draft(emptyState());
    const held = draft.openOrder({ ...fields(draft), parentId: 9 }, 'HELD', { parentId: 9 });
    expect(held.status).toBe('HELD');
    expect(() => draft.moveOrder(held, 'FILLED', T0, {}, null)).toThrow('order 1: FILLED is not possible from HELD');
    const active = draft.moveOrder(held, 'ACCEPTED', T0 + 1, {}, null);
    expect(active.status).toBe('WORKING');
    const trailing = draft.openOrder(
      { ...fields(draft), type: 'TRAIL_STP', limit: null, trail: { offset: new Dec(1), unit: 'PRICE', ref: 'MARK', limitOffset: ZERO, watermark: null, stop: null } },
      'ACCEPTED',
      null,
    );
    draft.trailOrder(trailing, new Dec(100), new Dec(99));
    const change = draft.toChange();
    expect(change.events.map((e) => [e.orderId, e.type])).toEqual([
      [1, 'HELD'],
      [1, 'ACCEPTED'],
      [2, 'ACCEPTED'],
    ]);
    // Opened in this operation, the trailed order is written whole; only a committed one is written as its trail.
    expect(change.orders.map((o) => o.trail?.stop?.toFixed() ?? null)).toEqual([null, '99']);
  });
});
