// The tick path: a source's changed symbols go to the quote sink (the desk: fills, marks, P&L follow), and the UI
// gets at most one coalesced frame per interval with the symbols that changed. Symbols that did not change cost
// nothing. It knows the desk only as that one method.
import type { QuoteUpdate } from '../engine/quotes';
import { FramePacer } from '../../shared/framePacer';
import { toQuoteUpdate, type LiveQuote, type Snapshot } from './snapshot';
import type { QuoteSource, SourceStatus } from './source';

/** Where quotes go: the one thing LiveData asks of the desk. */
export interface QuoteSink {
  applyQuote(update: QuoteUpdate): unknown;
}

export interface LiveFrame {
  /** Symbols whose quotes changed since the last frame. */
  readonly symbols: readonly string[];
  readonly status: SourceStatus;
}

export interface LiveDataOptions {
  /** At most one frame per this many ms (one animation frame). */
  readonly frameMs?: number;
  readonly onFrame?: (frame: LiveFrame) => void;
  /** Called when the sink refuses a quote (a database error): logged, never fatal to the feed. */
  readonly onError?: (error: unknown) => void;
}

export class LiveData {
  /** The source asked for last (its status is the one shown), and the one started and not yet stopped. */
  private source: QuoteSource | null = null;
  private running: QuoteSource | null = null;
  /** The switches in flight, one after another. */
  private switching: Promise<void> = Promise.resolve();
  private readonly changedAt = new Map<string, number>();
  private readonly pending = new Set<string>();
  private readonly frames: FramePacer;
  private lastStatus: SourceStatus | null = null;
  private snapshotListeners = new Set<(changes: ReadonlyMap<string, LiveQuote>, readAt: number) => void>();

  constructor(
    private readonly sink: QuoteSink,
    private readonly options: LiveDataOptions = {},
  ) {
    this.frames = new FramePacer(options.frameMs ?? 16, () => this.emitFrame());
  }

  /**
   * Switches to a source; the old one stops first. Quotes already in the desk stay until new ones come. Switches run
   * one after another and the last asked wins: a source replaced before its turn never starts, and every source
   * that started is stopped when replaced, however the calls overlap.
   */
  async use(source: QuoteSource): Promise<void> {
    this.source = source;
    // The watchlist is the new source's symbols; quotes already in the desk stay until new ones come.
    this.changedAt.clear();
    this.pending.clear();
    const turn = this.switching.then(() => this.switchTo(source));
    this.switching = turn.catch(() => undefined);
    return turn;
  }

  async stop(): Promise<void> {
    this.source = null;
    const turn = this.switching.then(() => this.switchTo(null));
    this.switching = turn.catch(() => undefined);
    await turn;
    this.frames.cancel();
  }

  /** One switch, in its turn: stop what runs, start `source` if it is still the one asked for. */
  private async switchTo(source: QuoteSource | null): Promise<void> {
    if (this.running && this.running === this.source) return; // asked again for what already runs
    const old = this.running;
    this.running = null;
    await old?.stop();
    if (source === null || this.source !== source) return; // replaced while it waited: it never starts
    this.running = source;
    source.start({
      snapshot: (snapshot, changes, readAt) => {
        if (this.source === source) this.onSnapshot(snapshot, changes, readAt);
      },
      status: (status) => {
        if (this.source !== source) return;
        this.lastStatus = status;
        this.scheduleFrame();
      },
    });
  }

  status(): SourceStatus | null {
    return this.source?.status() ?? this.lastStatus;
  }

  /** When each symbol's values last changed (epoch ms), for the age the UI shows. */
  lastChanged(symbol: string): number | undefined {
    return this.changedAt.get(symbol);
  }

  /** The current source's symbols, in the order they first came. */
  symbols(): string[] {
    return [...this.changedAt.keys()];
  }

  /** Called after the desk has applied a read's changes (benchmarks and tests wait on it). */
  onApplied(listener: (changes: ReadonlyMap<string, LiveQuote>, readAt: number) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  private onSnapshot(_snapshot: Snapshot, changes: ReadonlyMap<string, LiveQuote>, readAt: number) {
    for (const [symbol, fields] of changes) {
      try {
        this.sink.applyQuote(toQuoteUpdate(symbol, fields, readAt));
      } catch (error) {
        this.options.onError?.(error);
        continue;
      }
      this.changedAt.set(symbol, readAt);
      this.pending.add(symbol);
    }
    for (const listener of this.snapshotListeners) listener(changes, readAt);
    if (changes.size > 0) this.scheduleFrame();
  }

  private scheduleFrame() {
    if (this.options.onFrame) this.frames.request();
  }

  private emitFrame() {
    const status = this.status();
    if (!status) return;
    const symbols = [...this.pending];
    this.pending.clear();
    this.options.onFrame?.({ symbols, status });
  }
}
