// Runs scenario events against the real desk (the same engine, ledger and schema as the app) on a clock that is
// the events' times, and builds the final state of SCENARIOS.md. Input errors and failed edits or cancels are
// collected, never fatal.
import type { AccountView, FillView, PositionView } from '../../shared/views';
import { PaperDesk, type Clock } from '../desk/desk';
import { statisticsView, tradeView, type StatisticsView, type TradeView } from '../desk/journalViews';
import { accountsAndPositions, fillView, orderView } from '../desk/views';
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
  qty: string;
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
        if (ref === null) return fail('ref is required');
        if (this.orderByRef.has(ref)) return fail(`ref "${ref}" already names an order`);
        const result = this.desk.placeOrder({
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
        });
        if (!result.ok) return fail(result.error.message);
        this.orderByRef.set(ref, result.value.id);
        if (!this.refByOrder.has(result.value.id)) this.refByOrder.set(result.value.id, ref);
        return;
      }
      case 'edit':
      case 'cancel': {
        const orderId = ref === null ? undefined : this.orderByRef.get(ref);
        if (orderId === undefined) return fail(`no order has ref "${ref}"`);
        const result =
          event.type === 'edit'
            ? this.desk.editOrder(orderId, { qty: f.qty, orderType: f.orderType, limit: f.limit, stop: f.stop, tif: f.tif })
            : this.desk.cancelOrder(orderId);
        if (!result.ok) fail(result.error.message);
        return;
      }
      case 'clock':
        this.desk.catchUp();
        return;
      case 'reset': {
        const result = this.desk.resetAccount(f.account, f.cash);
        if (!result.ok) fail(result.error.message);
        return;
      }
    }
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
        qty: view.qty,
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
