// Runs scenario events against the real desk (the same engine, ledger and schema as the app) on a clock that is
// the events' times, and builds the final state of SCENARIOS.md. Input errors and failed edits or cancels are
// collected, never fatal.
import type { AccountView, FillView, PositionView } from '../../shared/views';
import { PaperDesk, type Clock } from '../desk/desk';
import { statisticsView, tradeView, type StatisticsView, type TradeView } from '../desk/journalViews';
import { accountsAndPositions, fillView, orderView } from '../desk/views';
import type { ChildOrderInput, PlaceOrderInput } from '../engine/orderInput';
import type { Order } from '../engine/model';
import { parseDecimal } from '../engine/decimal';
import { canonicalSymbol } from '../engine/instruments';
import { quoteUpdate as buildQuoteUpdate, type QuoteUpdate } from '../engine/quotes';
import { startTime, type ScenarioEvent } from './events';

export interface ScenarioError {
  line: number;
  ref: string | null;
  message: string;
}

export interface ScenarioOrder {
  ref: string | null;
  account: string;
  symbol: string;
  side: string;
  qty: string | null;
  orderType: string;
  limit: string | null;
  stop: string | null;
  tif: string;
  status: string;
  filledQty: string;
  avgFillPrice: string | null;
  rejectReason: string | null;
  [extra: string]: unknown;
}

export interface ScenarioOutput {
  time: string;
  accounts: AccountView[];
  positions: PositionView[];
  orders: ScenarioOrder[];
  fills: (FillView & { ref: string | null })[];
  errors: ScenarioError[];
  trades: TradeView[];
  stats: Record<string, StatisticsView>;
}

class ManualClock implements Clock {
  constructor(public time: number) {}
  now() {
    return this.time;
  }
}

/** A run in progress: the desk, the refs that name orders, and the errors so far. */
export class ScenarioRun {
  readonly errors: ScenarioError[] = [];
  private readonly orderByRef = new Map<string, number>();
  private readonly refByOrder = new Map<number, string>();
  /** `flatten-N` / `reverse-N`: the orders flatten and reverse placed without a ref, counted from 1. */
  private readonly madeBy = { flatten: 0, reverse: 0 };

  private constructor(
    readonly desk: PaperDesk,
    private readonly clock: ManualClock,
  ) {}

  static async start(dbPath: string, events: readonly ScenarioEvent[]): Promise<ScenarioRun> {
    const clock = new ManualClock(startTime(events));
    const desk = await PaperDesk.open({ path: dbPath, clock });
    const run = new ScenarioRun(desk, clock);
    if (!events.some((e) => e.type === 'account') && [...desk.state.accounts()].length === 0) {
      desk.createAccount({ id: 'main' });
    }
    return run;
  }

  apply(event: ScenarioEvent): void {
    this.clock.time = event.time;
    // Every event applies the clock first: rolls and expiries that fell due run even when the event itself fails
    // (an edit of an unknown ref, a ref already taken).
    this.desk.catchUp();
    const f = event.fields;
    const ref = typeof f.ref === 'string' ? f.ref : f.ref === undefined ? null : String(f.ref);
    const fail = (message: string): void => {
      this.errors.push({ line: event.line, ref, message });
    };
    switch (event.type) {
      case 'settings': {
        const result = this.desk.updateSettings(f);
        if (!result.ok) fail(result.error.message);
        return;
      }
      case 'account': {
        const result = this.desk.createAccount({ id: f.id, cash: f.cash, margin: f.margin, broker: f.broker });
        if (!result.ok) fail(result.error.message);
        return;
      }
      case 'quote': {
        const update = quoteUpdate(f, event.time);
        if (typeof update === 'string') fail(update);
        else this.desk.applyQuote(update);
        return;
      }
      case 'place': {
        const members = [f];
        const refs = this.checkRefs(members, event.line);
        if (!refs) return;
        const next = this.desk.state.lastOrderId + 1;
        const result = this.desk.placeOrder(placeInput(f));
        if (!result.ok) return this.failAt(event.line, refs, result.error);
        this.name(result.value, refs[0]!, next);
        return;
      }
      case 'oco': {
        if (!Array.isArray(f.orders)) return fail('oco needs "orders": a list of orders');
        const members = f.orders.map((member: unknown) => (typeof member === 'object' && member !== null ? (member as Record<string, unknown>) : {}));
        const refs = this.checkRefs(members, event.line);
        if (!refs) return;
        const next = this.desk.state.lastOrderId + 1;
        const result = this.desk.placeOco({ orders: members.map((m) => placeInput({ account: f.account, ...m })) });
        if (!result.ok) return this.failAt(event.line, refs, result.error);
        result.value.forEach((order, index) => this.name(order, refs[index]!, next));
        return;
      }
      case 'flatten':
      case 'reverse': {
        const symbol = typeof f.symbol === 'string' ? f.symbol : String(f.symbol);
        if (ref !== null && this.orderByRef.has(ref)) return fail(`ref "${ref}" already names an order`);
        const result = event.type === 'flatten' ? this.desk.flatten(f.account, symbol) : this.desk.reverse(f.account, symbol);
        if (!result.ok) return fail(result.error.message);
        const order = result.value.order;
        if (order) {
          const name = ref ?? `${event.type}-${++this.madeBy[event.type]}`;
          this.orderByRef.set(name, order.id);
          this.refByOrder.set(order.id, name);
        }
        return;
      }
      case 'cancelAll': {
        const account = f.account ?? this.desk.state.accounts().next().value?.id;
        if (typeof account !== 'string') return fail(account === undefined ? 'no account exists' : `account must be text (got ${JSON.stringify(account)})`);
        const result = this.desk.cancelAll(account);
        if (!result.ok) fail(result.error.message);
        return;
      }
      case 'edit':
      case 'cancel': {
        const orderId = ref === null ? undefined : this.orderByRef.get(ref);
        if (orderId === undefined) return fail(`no order has ref "${ref}"`);
        const result =
          event.type === 'edit'
            ? this.desk.editOrder(orderId, {
                qty: f.qty,
                orderType: f.orderType,
                limit: f.limit,
                stop: f.stop,
                tif: f.tif,
                trailOffset: f.trailOffset,
                trailUnit: f.trailUnit,
                trailRef: f.trailRef,
                limitOffset: f.limitOffset,
                limitTicks: f.limitTicks,
                stopTicks: f.stopTicks,
              })
            : this.desk.cancelOrder(orderId);
        if (!result.ok) fail(result.error.message);
        return;
      }
      case 'clock':
        return; // the clock was applied above, as for every event
      case 'reset': {
        const result = this.desk.resetAccount(f.account, f.cash);
        if (!result.ok) fail(result.error.message);
        return;
      }
    }
  }

  /**
   * The refs one place or oco event names: per member, its own and then its children's, as the engine numbers them.
   * Null (with the error listed) when one is missing, repeated or already taken: then nothing is placed.
   */
  private checkRefs(members: readonly Readonly<Record<string, unknown>>[], line: number): string[][] | null {
    const groups: string[][] = [];
    const seen = new Set<string>();
    for (const member of members) {
      const children = Array.isArray(member.children) ? (member.children as unknown[]) : [];
      const group: string[] = [];
      for (const named of [member, ...children]) {
        const raw = typeof named === 'object' && named !== null ? (named as Record<string, unknown>).ref : undefined;
        const ref = typeof raw === 'string' ? raw : raw === undefined || raw === null ? null : String(raw);
        if (ref === null) {
          this.errors.push({ line, ref: group[0] ?? null, message: 'ref is required' });
          return null;
        }
        if (this.orderByRef.has(ref) || seen.has(ref)) {
          this.errors.push({ line, ref, message: `ref "${ref}" already names an order` });
          return null;
        }
        seen.add(ref);
        group.push(ref);
      }
      groups.push(group);
    }
    return groups;
  }

  /** An input error of a place or oco event, listed under the ref of the member (or child) that caused it. */
  private failAt(line: number, refs: readonly string[][], error: { message: string; where?: { member: number; child?: number } }) {
    const where = error.where ?? { member: 0 };
    const ref = refs[where.member]?.[where.child === undefined ? 0 : where.child + 1] ?? refs[0]?.[0] ?? null;
    this.errors.push({ line, ref, message: error.message });
  }

  /** Names a placed order and, when it is new, its children (the engine numbers them right after it). */
  private name(order: Order, refs: readonly string[], firstNewId: number) {
    const [ref, ...children] = refs;
    this.orderByRef.set(ref!, order.id);
    if (!this.refByOrder.has(order.id)) this.refByOrder.set(order.id, ref!);
    if (order.id < firstNewId) return;
    children.forEach((childRef, index) => {
      this.orderByRef.set(childRef, order.id + 1 + index);
      this.refByOrder.set(order.id + 1 + index, childRef);
    });
  }

  output(): ScenarioOutput {
    const { accounts, positions } = accountsAndPositions(this.desk.state);
    const orders = this.desk.orderHistory().map((order) => {
      const view = orderView(order);
      return {
        ref: this.refByOrder.get(order.id) ?? null,
        account: view.account,
        symbol: view.symbol,
        side: view.side,
        qty: view.qtyFromParent ? null : view.qty,
        orderType: view.orderType,
        limit: view.limit,
        stop: view.stop,
        tif: view.tif,
        status: view.status,
        filledQty: view.filledQty,
        avgFillPrice: view.avgFillPrice,
        rejectReason: view.rejectReason,
        id: view.id,
        clientOrderId: view.clientOrderId,
        triggered: view.triggered,
        statusReason: view.statusReason,
        tags: [...order.tags],
        parentRef: order.parentId === null ? null : (this.refByOrder.get(order.parentId) ?? null),
        ocoGroup: view.ocoGroup,
        trailStop: view.trailStop,
        trailWatermark: view.trailWatermark,
        trailOffset: view.trailOffset,
        trailUnit: view.trailUnit,
        trailRef: view.trailRef,
        limitOffset: view.limitOffset,
        limitTicks: view.limitTicks,
        stopTicks: view.stopTicks,
      };
    });
    const fills = this.desk.fillHistory().map((fill) => ({ ref: this.refByOrder.get(fill.orderId) ?? null, ...fillView(fill) }));
    const trades = this.desk.trades();
    const stats: Record<string, StatisticsView> = {};
    // Every account is listed, one without closed trades with trades 0 (JOURNAL.md 3).
    for (const account of this.desk.state.accounts()) {
      stats[account.id] = statisticsView(this.desk.statistics({ accountId: account.id }));
    }
    return {
      time: new Date(this.clock.time).toISOString(),
      accounts,
      positions,
      orders,
      fills,
      errors: this.errors,
      trades: trades.map(tradeView),
      stats,
    };
  }

  close(): void {
    this.desk.close();
  }
}

export async function runScenario(events: readonly ScenarioEvent[], dbPath: string): Promise<ScenarioOutput> {
  const run = await ScenarioRun.start(dbPath, events);
  try {
    for (const event of events) run.apply(event);
    return run.output();
  } finally {
    run.close();
  }
}

/** A quote event's fields as a quote update, or what is wrong with them. */
export function quoteUpdate(fields: Readonly<Record<string, unknown>>, time: number): QuoteUpdate | string {
  if (typeof fields.symbol !== 'string' || canonicalSymbol(fields.symbol) === '') return 'quote needs a symbol';
  let problem: string | undefined;
  const update = buildQuoteUpdate(
    canonicalSymbol(fields.symbol),
    time,
    (field) => {
      const value = fields[field];
      if (value === undefined || value === null) return value;
      const parsed = parseDecimal(value);
      // The first field in the list that is not a number is the one reported.
      if (!parsed) problem ??= `quote ${field} must be a number or null (got ${JSON.stringify(value)})`;
      return parsed;
    },
    fields.description === undefined ? undefined : typeof fields.description === 'string' ? fields.description : null,
  );
  return problem ?? update;
}

/** A place event's (or an OCO member's) fields as the engine reads them, children included. */
function placeInput(f: Readonly<Record<string, unknown>>): PlaceOrderInput {
  return {
    account: f.account,
    symbol: f.symbol,
    side: f.side,
    qty: f.qty,
    orderType: f.orderType,
    limit: f.limit,
    stop: f.stop,
    tif: f.tif,
    clientOrderId: f.clientOrderId,
    tags: f.tags,
    trailOffset: f.trailOffset,
    trailUnit: f.trailUnit,
    trailRef: f.trailRef,
    limitOffset: f.limitOffset,
    ...(f.children === undefined ? {} : { children: Array.isArray(f.children) ? (f.children as ChildOrderInput[]) : (f.children as never) }),
    childrenOco: f.childrenOco,
  };
}
