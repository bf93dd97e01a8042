// The trading terminal's main-process services, shared by the Electron shell and the browser host: the desk, the
// LiveData feed, the app preferences, the commands of src/shared/contract.ts (each request parsed with zod before
// it reaches the desk) and the pushed events (one coalesced snapshot per frame, fills, rejects, source status).
// It never imports electron: the shell passes in what only Electron can do (the file picker).
import {
  COMMANDS,
  type CommandError,
  type CommandName,
  type CommandResponses,
  type DeskSnapshot,
  type OrderPreview,
  type PushEvent,
  type Result,
  type SourceStatusView,
  type TerminalSettings,
} from '../../shared/contract';
import type { FillView, OrderView } from '../../shared/views';
import type { Change } from '../engine/change';
import type { EditOrderInput } from '../engine/orderInput';
import { PaperDesk, type Clock, type Result as DeskResult } from '../desk/desk';
import { accountView, fillView, orderView } from '../desk/views';
import { accountMetrics, orderMultiplier, orderRequirement, STOCK_RATE } from '../engine/accounting';
import { plain, ZERO } from '../engine/decimal';
import { placeOrder } from '../engine/engine';
import { canonicalSymbol } from '../engine/instruments';
import { executionPrice } from '../engine/quotes';
import { settingsToData } from '../engine/settings';
import { FileSource } from '../livedata/fileSource';
import { LiveData } from '../livedata/liveData';
import { PracticeSource, type PracticeSourceOptions } from '../livedata/practiceSource';
import { checkQuotesPath, type QuotesPathOptions } from '../livedata/quotesPath';
import type { QuoteSource } from '../livedata/source';
import { buildSnapshot } from './snapshotBuilder';

export interface TerminalOptions {
  readonly ledgerPath: string;
  readonly nativeBinding?: string;
  readonly clock?: Clock;
  /** At most one pushed snapshot per this many ms. */
  readonly frameMs?: number;
  readonly practice?: PracticeSourceOptions;
  /** Options for file sources (tests shorten the timers). */
  readonly fileSource?: ConstructorParameters<typeof FileSource>[1];
  /** The native file picker, where there is one (Electron). */
  readonly pickFile?: () => Promise<string | null>;
  readonly log?: (message: string) => void;
}

type SourcePreference = TerminalSettings['source'];

const fail = (code: CommandError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

function fromDesk<T, U>(result: DeskResult<T>, map: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, data: map(result.value) } : { ok: false, error: result.error };
}

export class Terminal {
  readonly live: LiveData;
  private readonly listeners = new Set<(event: PushEvent) => void>();
  private pushTimer: NodeJS.Timeout | null = null;
  /** performance.now() of the last pushed snapshot. */
  private lastPushAt = Number.NEGATIVE_INFINITY;
  private housekeeping: NodeJS.Timeout | null = null;
  private readonly dayOrders = new Map<number, OrderView>();
  private dayFills: FillView[] = [];
  private source: SourcePreference = { kind: 'practice' };
  private closed = false;

  private constructor(
    readonly desk: PaperDesk,
    private readonly options: TerminalOptions,
  ) {
    this.live = new LiveData(desk, {
      // Each applied read is handed over at once: schedulePush is what holds the window to one snapshot a frame.
      // (Two frame timers in a row added a frame's wait to every tick on screen.)
      frameMs: 0,
      onFrame: () => this.schedulePush(),
      onError: (error) => this.log(`a quote could not be applied: ${String(error)}`),
    });
    desk.subscribe((change) => this.onChange(change));
    this.loadDay();
  }

  static async open(options: TerminalOptions): Promise<Terminal> {
    const desk = await PaperDesk.open({
      path: options.ledgerPath,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    if ([...desk.state.accounts()].length === 0) desk.createAccount({ id: 'main' });
    const terminal = new Terminal(desk, options);
    await terminal.startSource();
    terminal.housekeeping = setInterval(() => terminal.tick(), 5_000);
    return terminal;
  }

  subscribe(listener: (event: PushEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Parses a request from the window and runs the command. Never throws: errors come back as { code, message }. */
  async handle(name: string, payload: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(COMMANDS, name)) return fail('NOT_FOUND', `unknown command ${name}`);
    const command = name as CommandName;
    const parsed = COMMANDS[command].safeParse(payload ?? {});
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      return fail('INVALID_INPUT', message);
    }
    try {
      return await this.run(command, parsed.data as Record<string, unknown>);
    } catch (error) {
      this.log(`command ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fail('INTERNAL', error instanceof Error ? error.message : String(error));
    }
  }

  private async run(name: CommandName, request: Record<string, unknown>): Promise<Result<unknown>> {
    const r = request as Record<string, unknown> & { account: string; orderId: number };
    const desk = this.desk;
    switch (name) {
      case 'getSnapshot':
        return { ok: true, data: this.snapshot() };
      case 'placeOrder':
        return fromDesk(desk.placeOrder(ticketInput(r)), orderView);
      case 'previewOrder':
        return this.preview(r);
      case 'editOrder': {
        const { orderId, ...edit } = r;
        return fromDesk(desk.editOrder(orderId, emptyToUndefined(edit) as EditOrderInput), orderView);
      }
      case 'cancelOrder':
        return fromDesk(desk.cancelOrder(r.orderId), orderView);
      case 'cancelAll': {
        if (!desk.state.account(r.account)) return fail('NOT_FOUND', `unknown account "${r.account}"`);
        let canceled = 0;
        for (const order of [...desk.state.workingOrdersOf(r.account)]) if (desk.cancelOrder(order.id).ok) canceled += 1;
        return { ok: true, data: { canceled } satisfies CommandResponses['cancelAll'] };
      }
      case 'flatten':
        return this.flatten(r.account, String(r.symbol));
      case 'createAccount':
        return fromDesk(desk.createAccount({ id: r.id, cash: r.startingBalance, margin: r.margin }), (a) => accountView(desk.state, a));
      case 'resetAccount':
        return fromDesk(desk.resetAccount(r.account, r.startingBalance), (a) => accountView(desk.state, a));
      case 'getSettings':
        return { ok: true, data: this.settings() };
      case 'updateSettings': {
        const { confirmOrders, ...engine } = r as { confirmOrders?: boolean };
        if (Object.keys(engine).length > 0) {
          const result = desk.updateSettings(engine);
          if (!result.ok) return { ok: false, error: result.error };
        }
        if (confirmOrders !== undefined) desk.ledger.setPreference('confirmOrders', confirmOrders);
        this.schedulePush();
        return { ok: true, data: this.settings() };
      }
      case 'setSource':
        return this.setSource(r as unknown as SourcePreference);
      case 'pickQuoteFile': {
        if (!this.options.pickFile) return fail('NOT_SUPPORTED', 'there is no file picker here: type the file path instead');
        return { ok: true, data: { path: await this.options.pickFile() } };
      }
      case 'orderHistory':
        return { ok: true, data: desk.ledger.orders({ accountId: r.account, ...(r.limit ? { limit: Number(r.limit) } : {}) }).map(orderView) };
      case 'fillHistory':
        return { ok: true, data: desk.ledger.fills({ accountId: r.account, ...(r.limit ? { limit: Number(r.limit) } : {}) }).map(fillView) };
    }
  }

  snapshot(): DeskSnapshot {
    return buildSnapshot({
      desk: this.desk,
      watchlist: this.live.symbols(),
      changedAt: (symbol) => this.live.lastChanged(symbol),
      source: this.sourceStatus(),
      orders: [...this.dayOrders.values()],
      fills: this.dayFills,
      now: (this.options.clock ?? { now: Date.now }).now(),
    });
  }

  settings(): TerminalSettings {
    return {
      ...settingsToData(this.desk.state.settings),
      confirmOrders: this.desk.ledger.preference('confirmOrders') !== false,
      source: this.source,
    };
  }

  sourceStatus(): SourceStatusView {
    return (
      this.live.status() ?? { kind: 'practice', state: 'stopped', message: null, path: null, lastReadAt: null, lastChangeAt: null }
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pushTimer) clearTimeout(this.pushTimer);
    if (this.housekeeping) clearInterval(this.housekeeping);
    await this.live.stop();
    this.desk.close();
  }

  /** Rolls and expiries by the wall clock even when nothing trades; quotes written now and then. */
  tick(): void {
    if (this.closed) return;
    this.desk.catchUp();
    this.desk.flushQuotes();
  }

  private async startSource() {
    const saved = this.desk.ledger.preference('source') as SourcePreference | undefined;
    if (saved?.kind === 'file') {
      // A saved file may be missing for now (Excel and its export macro not started yet): "waiting for file".
      const result = await this.setSource(saved, { allowMissing: true });
      if (result.ok) return;
      this.log(`the saved data source ${saved.path} could not be used: ${result.error.message}; using the practice feed`);
    }
    await this.setSource({ kind: 'practice' });
  }

  private async setSource(preference: SourcePreference, pathOptions: QuotesPathOptions = {}): Promise<Result<SourceStatusView>> {
    let source: QuoteSource;
    try {
      if (preference.kind === 'file') {
        // Refused when chosen, before anything opens it: a pipe, a link, a share or a device would hang or mislead.
        const checked = checkQuotesPath(preference.path, process.platform, pathOptions);
        if (!checked.ok) return fail('SOURCE_ERROR', checked.message);
        preference = { kind: 'file', path: checked.path };
        source = new FileSource(checked.path, this.options.fileSource);
      } else source = new PracticeSource(this.options.practice);
    } catch (error) {
      return fail('SOURCE_ERROR', error instanceof Error ? error.message : String(error));
    }
    // LiveData runs overlapping switches one after another, the last asked winning; each call resolves in order.
    await this.live.use(source);
    this.source = preference;
    this.desk.ledger.setPreference('source', preference);
    const status = this.sourceStatus();
    this.emit({ type: 'status', status });
    this.schedulePush();
    return { ok: true, data: status };
  }

  private flatten(account: string, rawSymbol: string): Result<OrderView> {
    const symbol = canonicalSymbol(rawSymbol);
    const position = this.desk.state.position(account, symbol);
    if (!position || position.qty.isZero()) return fail('NOT_FOUND', `no open position in ${symbol}`);
    // Working orders on the symbol would fight the flatten (and hold the shares): they go first, as in TOS.
    for (const order of [...this.desk.state.workingOrdersOf(account)]) {
      if (order.symbol === symbol) this.desk.cancelOrder(order.id);
    }
    return fromDesk(
      this.desk.placeOrder({
        account,
        symbol,
        side: position.qty.greaterThan(0) ? 'SELL' : 'BUY',
        qty: position.qty.abs().toFixed(),
        orderType: 'MKT',
        tif: 'DAY',
      }),
      orderView,
    );
  }

  private preview(r: Record<string, unknown>): Result<OrderPreview> {
    const state = this.desk.state;
    const decision = placeOrder(state, ticketInput(r), (this.options.clock ?? { now: Date.now }).now());
    if (!decision.ok) return { ok: false, error: decision.error };
    const order = decision.value;
    const account = state.account(order.accountId)!;
    const m = orderMultiplier(state, order);
    const market = executionPrice(state.quote(order.symbol), order.side)?.price ?? null;
    const price = order.type === 'MKT' ? market : order.type === 'STP' ? order.stop : order.limit;
    const requirement = orderRequirement(state, order, m, account.margin);
    const available = accountMetrics(state, account).availableFunds;
    const commission = order.qty.times(state.settings.commission[order.assetType]).plus(order.qty.times(state.settings.fees[order.assetType]));
    const notional = price ? order.qty.times(price).times(m) : ZERO;
    const cashEffect = order.assetType === 'FUT' ? ZERO : order.side === 'BUY' ? notional.negated() : notional;
    const after = available.minus(requirement);
    return {
      ok: true,
      data: {
        symbol: order.symbol,
        assetType: order.assetType,
        price: price ? plain(price) : null,
        cashEffect: plain(cashEffect),
        commission: plain(commission),
        requirement: plain(requirement),
        availableFunds: plain(available),
        availableAfter: plain(after),
        buyingPowerAfter: plain(after.div(STOCK_RATE[account.margin])),
        warning: order.status === 'REJECTED' ? order.rejectReason : null,
      },
    };
  }

  private loadDay() {
    const since = this.desk.state.lastRollAt;
    this.dayOrders.clear();
    for (const order of this.desk.ledger.orders({ since })) this.dayOrders.set(order.id, orderView(order));
    this.dayFills = this.desk.ledger.fills({ since }).map(fillView);
  }

  private onChange(change: Change) {
    if (change.lastRollAt !== undefined) this.loadDay();
    for (const order of change.orders) {
      const view = orderView(order);
      this.dayOrders.set(order.id, view);
      if (order.status === 'REJECTED') this.emit({ type: 'reject', order: view });
    }
    for (const fill of change.fills) {
      const view = fillView(fill);
      this.dayFills.push(view);
      this.emit({ type: 'fill', fill: view });
    }
    this.schedulePush();
  }

  /**
   * At most one snapshot per frame, sent as early as that allows: on the next turn after a quiet frame (a lone tick
   * or order shows at once), else when the frame since the last push ends. Changes of one turn share a snapshot.
   */
  private schedulePush() {
    if (this.pushTimer || this.closed || this.listeners.size === 0) return;
    const wait = Math.max(0, this.lastPushAt + (this.options.frameMs ?? 16) - performance.now());
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      if (this.closed) return;
      this.lastPushAt = performance.now();
      this.emit({ type: 'snapshot', snapshot: this.snapshot() });
    }, wait);
  }

  private emit(event: PushEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private log(message: string) {
    (this.options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(message);
  }
}

function ticketInput(r: Record<string, unknown>) {
  return {
    account: r.account,
    symbol: r.symbol,
    side: r.side,
    qty: r.qty,
    orderType: r.orderType,
    limit: r.limit === '' ? undefined : r.limit,
    stop: r.stop === '' ? undefined : r.stop,
    tif: r.tif,
    clientOrderId: r.clientOrderId,
  };
}

function emptyToUndefined<T extends Record<string, unknown>>(edit: T): T {
  return Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== '' && v !== undefined)) as T;
}

