// The practice market as a quote source: a step every interval, faster than real time when asked.
import { PracticeMarket, PRACTICE_WATCHLIST, type PracticeInstrument } from './practiceFeed';
import { diffSnapshots, type Snapshot } from './snapshot';
import type { QuoteSource, SourceListener, SourceStatus } from './source';

export interface PracticeSourceOptions {
  readonly seed?: number;
  /** 1 = real time; 10 = ten steps in the time of one. */
  readonly speed?: number;
  /** Real-time milliseconds between steps at speed 1. */
  readonly intervalMs?: number;
  readonly instruments?: readonly PracticeInstrument[];
  readonly now?: () => number;
}

export class PracticeSource implements QuoteSource {
  readonly kind = 'practice' as const;
  private readonly market: PracticeMarket;
  private timer: NodeJS.Timeout | null = null;
  private current: SourceStatus;
  private readonly now: () => number;
  private previous: Snapshot | undefined;

  constructor(private readonly options: PracticeSourceOptions = {}) {
    this.market = new PracticeMarket(options.seed ?? Date.now() % 2 ** 31, options.instruments ?? PRACTICE_WATCHLIST);
    this.now = options.now ?? Date.now;
    this.current = { kind: 'practice', state: 'stopped', message: null, path: null, lastReadAt: null, lastChangeAt: null };
  }

  start(listener: SourceListener): void {
    if (this.timer) return;
    const publish = (snapshot = this.market.step()) => {
      const at = this.now();
      this.current = { ...this.current, state: 'connected', message: 'practice feed', lastReadAt: at, lastChangeAt: at };
      const changes = diffSnapshots(this.previous, snapshot);
      this.previous = snapshot;
      listener.snapshot(snapshot, changes, at);
    };
    publish(this.market.board());
    listener.status(this.current);
    const interval = (this.options.intervalMs ?? 500) / Math.max(0.01, this.options.speed ?? 1);
    this.timer = setInterval(() => publish(), Math.max(5, interval));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.current = { ...this.current, state: 'stopped' };
  }

  status(): SourceStatus {
    return this.current;
  }
}
