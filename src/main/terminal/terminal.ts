// The trading terminal's main-process wiring, shared by the Electron shell and the browser host: it opens the desks
// (one market and ledger each: practice on the practice feed, live on the TOS file), runs the LiveData feed into the
// active one, answers the contract's commands through the handler map (each request parsed by its zod schema
// first) and pushes what the window shows (one coalesced snapshot per frame, fills, rejects, source status).
// Choosing a data source switches the desk. Trading decisions are the desks'; it never imports electron (the shell
// passes in the file picker).
import { dirname, join } from 'node:path';
import {
  isCommandName,
  REQUEST_SCHEMAS,
  type CommandName,
  type CommandResponses,
  type DeskSnapshot,
  type PushEvent,
  type QuoteView,
  type Result,
  type SourceStatusView,
  type TerminalSettings,
} from '../../shared/contract';
import { FramePacer } from '../../shared/framePacer';
import type { FillView, OrderView, Priced } from '../../shared/views';
import type { DeskName } from '../../shared/vocabulary';
import { PaperDesk, type Clock, type DeskFault } from '../desk/desk';
import { fillView, orderView } from '../desk/views';
import type { Change } from '../engine/change';
import type { Fill, Order } from '../engine/model';
import { LedgerWriteError } from '../ledger/faults';
import { FileSource } from '../livedata/fileSource';
import { LiveData } from '../livedata/liveData';
import { PracticeSource, type PracticeSourceOptions } from '../livedata/practiceSource';
import { checkQuotesPath, type QuotesPathOptions } from '../livedata/quotesPath';
import type { QuoteSource } from '../livedata/source';
import { fail, type Handlers, type SourcePreference } from './handlers/handler';
import { contractHandlers } from './handlers/index';
import { terminalSettings } from './handlers/settings';
import { priceFormatOf } from './priceFormat';
import { repeatLog, type RepeatLog } from './repeatLog';
import { buildSnapshot, changedQuotes } from './snapshotBuilder';

export interface TerminalOptions {
  /** The live desk's ledger (the TOS file's market): the app's ledger.db, kept from before desks were split. */
  readonly ledgerPath: string;
  /** The practice desk's ledger; practice.db beside ledgerPath unless given. */
  readonly practiceLedgerPath?: string;
  /** Start on the practice desk whatever source was chosen last (without forgetting that choice). */
  readonly startOnPractice?: boolean;
  readonly nativeBinding?: string;
  readonly clock?: Clock;
  /** At most one pushed snapshot per this many ms. */
  readonly frameMs?: number;
  readonly practice?: PracticeSourceOptions;
  /** Options for file sources (tests shorten the timers). */
  readonly fileSource?: ConstructorParameters<typeof FileSource>[1];
  /** The native file picker, where there is one (Electron). */
  readonly pickFile?: () => Promise<string | null>;
  /** The system's save dialog, where there is one (Electron); without it an export answers the file's bytes. */
  readonly pickSaveFile?: (suggestedName: string) => Promise<string | null>;
  readonly log?: (message: string) => void;
}

export class Terminal {
  readonly live: LiveData;
  private readonly listeners = new Set<(event: PushEvent) => void>();
  /** At most one pushed snapshot per frame (16 ms by default). */
  private readonly pushes: FramePacer;
  private housekeeping: NodeJS.Timeout | null = null;
  /** The trading day's orders and fills as the window shows them, each with its price format. */
  private readonly dayOrders = new Map<number, OrderView & Priced>();
  private dayFills: (FillView & Priced)[] = [];
  private source: SourcePreference = { kind: 'practice' };
  private closed = false;
  private readonly handlers: Handlers;
  private active: DeskName = 'practice';
  /** The number of the last pushed snapshot, and its quotes: the next push sends only the quotes that changed. */
  private pushSeq = 0;
  private pushedQuotes: { desk: DeskName; symbols: string; bySymbol: Map<string, QuoteView> } | null = null;
  /** Counts the changes to the journal's trades (fills, resets, edits, a desk switch) for the window. */
  private journalVersion = 0;
  private unsubscribeDesk: () => void;
  /** Repeated failures (a full disk every 5 s) log once a minute with a count. */
  private readonly repeats: RepeatLog;
  /** The fault the window was last told about, to push a snapshot when it starts or clears. */
  private shownFault: DeskFault | null = null;

  private constructor(
    private readonly desks: Readonly<Record<DeskName, PaperDesk>>,
    private readonly options: TerminalOptions,
  ) {
    this.repeats = repeatLog((message) => this.log(message), () => (options.clock ?? { now: Date.now }).now());
    this.pushes = new FramePacer(options.frameMs ?? 16, () => {
      if (!this.closed) this.emit(this.snapshotPush());
    });
    // Quotes go to whichever desk is active: switching the source switches the desk in the same turn.
    this.live = new LiveData({ applyQuote: (update) => this.desk.applyQuote(update) }, {
      // Each applied read is handed over at once: schedulePush is what holds the window to one snapshot a frame.
      // (Two frame timers in a row added a frame's wait to every tick on screen.)
      frameMs: 0,
      onFrame: () => {
        this.noticeFault();
        this.schedulePush();
      },
      onError: (error) => this.repeats.write('quote', `a quote could not be applied: ${String(error)}`),
    });
    this.unsubscribeDesk = this.desk.subscribe((change) => this.onChange(change));
    this.loadDay();
    this.handlers = contractHandlers({
      desk: () => this.desk,
      snapshot: () => this.snapshot(),
      source: () => this.source,
      useSource: (preference) => this.setSource(preference),
      pickFile: options.pickFile,
      changed: () => this.schedulePush(),
      pickSaveFile: options.pickSaveFile,
      nativeBinding: options.nativeBinding,
      push: (event) => this.emit(event),
    });
  }

  static async open(options: TerminalOptions): Promise<Terminal> {
    // ENGINE.md 14: the live desk keeps exchange hours, the practice desk is open at any hour (until Settings say).
    const openDesk = async (path: string, marketHours: 'exchange' | 'always') => {
      const desk = await PaperDesk.open({
        path,
        marketHours,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
      });
      if ([...desk.state.accounts()].length === 0) desk.createAccount({ id: 'main' });
      return desk;
    };
    const live = await openDesk(options.ledgerPath, 'exchange');
    let practice: PaperDesk;
    try {
      practice = await openDesk(options.practiceLedgerPath ?? join(dirname(options.ledgerPath), 'practice.db'), 'always');
    } catch (error) {
      live.close();
      throw error;
    }
    const terminal = new Terminal({ practice, live }, options);
    await terminal.startSource();
    terminal.housekeeping = setInterval(() => terminal.tick(), 5_000);
    // Each desk's journal is read into memory in pieces after start, so opening the Journal screen reads no SQLite.
    for (const desk of [live, practice]) desk.warmJournal().catch((error: unknown) => terminal.log(`the journal could not be read: ${String(error)}`));
    return terminal;
  }

  /** The desk the window shows: the active source's market and ledger. */
  get desk(): PaperDesk {
    return this.desks[this.active];
  }

  /** Which desk the window shows. */
  get deskName(): DeskName {
    return this.active;
  }

  subscribe(listener: (event: PushEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Parses a request from the window and runs the command. Never throws: errors come back as { code, message }. */
  async handle(name: string, payload: unknown): Promise<Result<unknown>> {
    if (!isCommandName(name)) return fail('NOT_FOUND', `unknown command ${name}`);
    try {
      return await this.run(name, payload);
    } catch (error) {
      if (error instanceof LedgerWriteError) return fail('LEDGER_UNWRITABLE', error.message);
      const message = error instanceof Error ? error.message : String(error);
      this.repeats.write(`command ${name} ${message}`, `command ${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      return fail('INTERNAL', message);
    } finally {
      this.noticeFault();
    }
  }

  /** One command: its schema parses the payload, and the parsed request goes to the command's own handler. */
  private async run<K extends CommandName>(name: K, payload: unknown): Promise<Result<CommandResponses[K]>> {
    const parsed = REQUEST_SCHEMAS[name].safeParse(payload ?? {});
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      return fail('INVALID_INPUT', message);
    }
    return this.handlers[name](parsed.data);
  }

  snapshot(): DeskSnapshot {
    return buildSnapshot({
      desk: this.desk,
      deskName: this.active,
      watchlist: this.live.symbols(),
      changedAt: (symbol) => this.live.lastChanged(symbol),
      source: this.sourceStatus(),
      orders: [...this.dayOrders.values()],
      fills: this.dayFills,
      now: (this.options.clock ?? { now: Date.now }).now(),
      seq: this.pushSeq,
      journalVersion: this.journalVersion,
    });
  }

  /**
   * The next pushed snapshot. While the desk and its watchlist (symbols and order) stay the same, its quotes are only
   * the rows changed since the push before: 1,000 symbols ticking send what moved, not every row each frame.
   */
  private snapshotPush(): PushEvent {
    const since = this.pushSeq;
    this.pushSeq += 1;
    const snapshot = this.snapshot();
    const previous = this.pushedQuotes;
    const symbols = snapshot.quotes.map((q) => q.symbol).join('\n');
    this.pushedQuotes = { desk: snapshot.desk, symbols, bySymbol: new Map(snapshot.quotes.map((q) => [q.symbol, q])) };
    if (!previous || previous.desk !== snapshot.desk || previous.symbols !== symbols) return { type: 'snapshot', snapshot };
    return { type: 'snapshot', snapshot: { ...snapshot, quotes: changedQuotes(previous.bySymbol, snapshot.quotes) }, quotesSince: since };
  }

  settings(): TerminalSettings {
    return terminalSettings(this.desk, this.source);
  }

  sourceStatus(): SourceStatusView {
    return (
      this.live.status() ?? { kind: 'practice', state: 'stopped', message: null, path: null, lastReadAt: null, lastChangeAt: null }
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pushes.cancel();
    if (this.housekeeping) clearInterval(this.housekeeping);
    await this.live.stop();
    this.desks.practice.close();
    this.desks.live.close();
  }

  /** Rolls and expiries by the wall clock even when nothing trades; quotes written now and then. */
  tick(): void {
    if (this.closed) return;
    // A timer's exception would be uncaught in the main process: nothing leaves this method.
    try {
      this.desk.checkLedger();
      this.desk.catchUp();
      this.desk.flushQuotes();
    } catch (error) {
      this.repeats.write('tick', `housekeeping failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    this.noticeFault();
  }

  /** A fault that started, changed or cleared is pushed at once and logged (once a minute while it lasts). */
  private noticeFault() {
    const fault = this.desk.fault;
    if (fault) this.repeats.write(`fault ${fault.code}`, `${fault.message} [${fault.code}]`);
    if (fault === this.shownFault) return;
    if (!fault) this.log('the ledger takes writes again');
    this.shownFault = fault;
    this.schedulePush();
  }

  /** The source chosen last (kept in the live desk's ledger, where it always was), else the practice feed. */
  private async startSource() {
    const saved = savedSource(this.desks.live.preference(SOURCE_KEY));
    if (saved?.kind === 'file' && !this.options.startOnPractice) {
      // A saved file may be missing for now (Excel and its export macro not started yet): "waiting for file".
      const result = await this.setSource(saved, { allowMissing: true });
      if (result.ok) return;
      this.log(`the saved data source ${saved.path} could not be used: ${result.error.message}; using the practice feed`);
    }
    await this.setSource({ kind: 'practice' }, { remember: !this.options.startOnPractice });
  }

  /** Switches the feed, and with it the desk: the practice feed trades on the practice desk, a file on the live one. */
  private async setSource(
    preference: SourcePreference,
    { remember = true, ...pathOptions }: { remember?: boolean } & QuotesPathOptions = {},
  ): Promise<Result<SourceStatusView>> {
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
    // Before the feed starts (LiveData.use sets the new source before it awaits the old one's stop, so no quote of
    // the old feed reaches the new desk). LiveData runs overlapping switches one after another, the last asked winning.
    this.useDesk(preference.kind === 'file' ? 'live' : 'practice');
    await this.live.use(source);
    this.source = preference;
    if (remember) this.desks.live.setPreference(SOURCE_KEY, preference);
    const status = this.sourceStatus();
    this.emit({ type: 'status', status });
    this.schedulePush();
    return { ok: true, data: status };
  }

  private useDesk(name: DeskName) {
    if (name === this.active) return;
    this.desk.flushQuotes();
    this.unsubscribeDesk();
    this.active = name;
    this.unsubscribeDesk = this.desk.subscribe((change) => this.onChange(change));
    this.journalVersion += 1;
    // Rolls and expiries that fell due while the desk was not shown.
    this.desk.catchUp();
    this.loadDay();
  }

  private loadDay() {
    const since = this.desk.state.lastRollAt;
    this.dayOrders.clear();
    for (const order of this.desk.orderHistory({ since })) this.dayOrders.set(order.id, this.pricedOrder(order));
    this.dayFills = this.desk.fillHistory({ since }).map((fill) => this.pricedFill(fill));
  }

  private pricedOrder(order: Order): OrderView & Priced {
    return { ...orderView(order), ...priceFormatOf(order.symbol, order.limit ?? order.stop ?? order.avgFillPrice, this.desk.settings) };
  }

  private pricedFill(fill: Fill): FillView & Priced {
    return { ...fillView(fill), ...priceFormatOf(fill.symbol, fill.price, this.desk.settings) };
  }

  private onChange(change: Change) {
    // A new day starts the lists over; new settings (a contract's tick) change how their prices show.
    if (change.lastRollAt !== undefined || change.settings) this.loadDay();
    if (change.trades.length > 0) this.journalVersion += 1;
    for (const order of [...change.orders, ...change.trails]) {
      const view = this.pricedOrder(order);
      this.dayOrders.set(order.id, view);
      if (order.status === 'REJECTED') this.emit({ type: 'reject', order: orderView(order) });
    }
    for (const fill of change.fills) {
      const view = this.pricedFill(fill);
      this.dayFills.push(view);
      this.emit({ type: 'fill', fill: view });
    }
    this.schedulePush();
  }

  /** Changes of one frame share a snapshot (FramePacer); nothing is built while no window listens. */
  private schedulePush() {
    if (this.closed || this.listeners.size === 0) return;
    this.pushes.request();
  }

  private emit(event: PushEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private log(message: string) {
    (this.options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(message);
  }
}

const SOURCE_KEY = 'source';

/** The source saved in the ledger, if it still reads as one (an older or hand-edited value is ignored). */
function savedSource(value: unknown): SourcePreference | undefined {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return undefined;
  if (value.kind === 'practice') return { kind: 'practice' };
  if (value.kind === 'file' && 'path' in value && typeof value.path === 'string') return { kind: 'file', path: value.path };
  return undefined;
}
