// The engine's records: accounts, orders, order events, fills, positions, resets and day snapshots.
// Plain immutable values; a change makes a new value. Times are epoch milliseconds.
import type { Dec } from './decimal';
import type { QuoteSeen } from './quotes';
import type { AssetType } from './settings';

// The words are the shared vocabulary's (src/shared/vocabulary.ts): one list for the engine, the contract and the window.
export {
  BROKERS,
  MARGIN_MODES,
  ORDER_EVENT_TYPES,
  ORDER_STATUSES,
  ORDER_TYPES,
  SIDES,
  TIFS,
  type Broker,
  type MarginMode,
  type OrderEventType,
  type OrderStatus,
  type OrderType,
  type Side,
  type Tif,
  type TrailRef,
  type TrailUnit,
} from '../../shared/vocabulary';
import type { Broker, MarginMode, OrderEventType, OrderStatus, OrderType, Side, Tif, TrailRef, TrailUnit } from '../../shared/vocabulary';

export interface Account {
  readonly id: string;
  readonly broker: Broker;
  readonly margin: MarginMode;
  /** What a reset returns cash to. */
  readonly startingBalance: Dec;
  readonly cash: Dec;
  // No P&L totals: the account's realized P&L of the day and its unrealized P&L at the roll are the sums of its
  // positions' own (accounting.accountMetrics), so they cannot disagree with them.
  readonly createdAt: number;
  /** Creation order: the first account is the default one. */
  readonly ordinal: number;
}

export interface Order {
  readonly id: number;
  readonly accountId: string;
  readonly clientOrderId: string | null;
  readonly symbol: string;
  readonly assetType: AssetType;
  readonly side: Side;
  readonly qty: Dec;
  readonly type: OrderType;
  readonly limit: Dec | null;
  readonly stop: Dec | null;
  readonly tif: Tif;
  readonly status: OrderStatus;
  /** A STP or STP_LMT whose stop has been reached. */
  readonly triggered: boolean;
  readonly filledQty: Dec;
  readonly avgFillPrice: Dec | null;
  readonly rejectReason: string | null;
  /** Why the order ended, when it was not a fill or a rejection ("account reset"). */
  readonly statusReason: string | null;
  /** When a DAY order expires; null for GTC. */
  readonly expiresAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** The trader's tags from the ticket (JOURNAL.md 4): they travel with the order to its trade. */
  readonly tags: readonly string[];
  /** Linked orders (ENGINE.md 12): the order whose fill activates this HELD child, and the OCO group's name. */
  readonly parentId: number | null;
  readonly ocoGroup: string | null;
  /** A HELD child's prices relative to its parent's fill, in ticks (resolved when it activates). */
  readonly limitTicks: Dec | null;
  readonly stopTicks: Dec | null;
  /** Trailing stops (ENGINE.md 11): null for other types. */
  readonly trail: Trail | null;
}

/** A trailing order's terms and where it stands: the watermark W and the stop it gives (null until a reference). */
export interface Trail {
  readonly offset: Dec;
  readonly unit: TrailUnit;
  readonly ref: TrailRef;
  readonly limitOffset: Dec;
  readonly watermark: Dec | null;
  readonly stop: Dec | null;
}

export interface OrderEvent {
  readonly orderId: number;
  readonly type: OrderEventType;
  readonly time: number;
  /** What a reader needs to know about the event: a reason, the replaced values, the fill id. */
  readonly detail: Readonly<Record<string, unknown>> | null;
}

export interface Fill {
  readonly id: number;
  readonly orderId: number;
  readonly accountId: string;
  readonly symbol: string;
  readonly assetType: AssetType;
  readonly side: Side;
  readonly qty: Dec;
  readonly price: Dec;
  readonly multiplier: Dec;
  readonly commission: Dec;
  readonly fees: Dec;
  /** Gross realized P&L of this fill (0 when it only opens or adds). */
  readonly realizedPl: Dec;
  readonly time: number;
  /** The quote it met and the rule that filled it. */
  readonly quote: QuoteSeen;
  readonly reason: string;
}

export interface Position {
  readonly accountId: string;
  readonly symbol: string;
  readonly assetType: AssetType;
  readonly multiplier: Dec;
  /** Signed: long > 0, short < 0, 0 for a position closed today. */
  readonly qty: Dec;
  /** Signed cost of the open quantity, before the multiplier: qty x average price, kept exact. */
  readonly cost: Dec;
  readonly realizedPlDay: Dec;
  readonly unrealizedAtRoll: Dec;
  readonly openedAt: number;
  readonly updatedAt: number;
}

export interface Reset {
  readonly accountId: string;
  /** OPEN when the account is created, RESET when the trader resets it. */
  readonly kind: 'OPEN' | 'RESET';
  readonly time: number;
  readonly startingBalance: Dec;
  readonly cashBefore: Dec;
  /** The last fill id before the reset: verify replays fills after it from the starting balance. */
  readonly afterFillId: number;
}

export interface DaySnapshot {
  readonly accountId: string;
  readonly rollAt: number;
  readonly cash: Dec;
  readonly netLiq: Dec;
  readonly unrealizedPl: Dec;
  readonly realizedPlDay: Dec;
}

/** A point of the equity history during the day (JOURNAL.md 5): after fills and resets, and once a minute. */
export interface EquitySample {
  readonly accountId: string;
  readonly time: number;
  readonly netLiq: Dec;
  readonly plDay: Dec;
}

export function positionKey(accountId: string, symbol: string): string {
  return `${accountId}\u0000${symbol}`;
}

/** Where every order's life starts: before its first event it has no status, only this place in the table. */
export const NEW = 'NEW';
export type LifecycleState = typeof NEW | OrderStatus;

/**
 * The order state machine: which event may follow which status, and where it leads. Creation is a row of its own
 * (NEW), so an order comes into being only through ACCEPTED, REJECTED or HELD (a child, ENGINE.md 12). Anything else is a bug and fails loudly.
 */
const TRANSITIONS: Readonly<Record<LifecycleState, Readonly<Partial<Record<OrderEventType, OrderStatus>>>>> = {
  NEW: { ACCEPTED: 'WORKING', REJECTED: 'REJECTED', HELD: 'HELD' },
  // A HELD child activates (ACCEPTED), ends with its parent or its day, or is edited on its own (REPLACED).
  HELD: { ACCEPTED: 'WORKING', REPLACED: 'HELD', CANCELED: 'CANCELED', EXPIRED: 'EXPIRED' },
  WORKING: { TRIGGERED: 'WORKING', REPLACED: 'WORKING', FILLED: 'FILLED', CANCELED: 'CANCELED', EXPIRED: 'EXPIRED' },
  FILLED: {},
  CANCELED: {},
  EXPIRED: {},
  REJECTED: {},
};

export class IllegalTransitionError extends Error {
  constructor(orderId: number, from: LifecycleState, event: OrderEventType) {
    super(`order ${orderId}: ${event} is not possible from ${from}`);
    this.name = 'IllegalTransitionError';
  }
}

/** Where `event` leads from `from`, or undefined when the table forbids it (verify reports, never throws). */
export function nextStatus(from: LifecycleState, event: OrderEventType): OrderStatus | undefined {
  return TRANSITIONS[from][event];
}

/** The status an event moves an order to; throws when the table forbids it. */
export function transition(orderId: number, from: LifecycleState, event: OrderEventType): OrderStatus {
  const next = nextStatus(from, event);
  if (!next) throw new IllegalTransitionError(orderId, from, event);
  return next;
}
