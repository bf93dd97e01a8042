// The one frame-coalescing mechanism: LiveData's frames and the Terminal's pushed snapshots both go through it.
// At most one run per frame, as early as that allows: on the next turn after a quiet frame (a lone tick shows at
// once), else when the frame since the last run ends; requests within one wait share one run. Timers only.

// Node's, where there is one (this module is shared with code that may run in a browser, which has none).
const immediates = globalThis as { setImmediate?: (run: () => void) => unknown; clearImmediate?: (handle: unknown) => void };

/** Runs `run` on the next turn: setImmediate where there is one (Node), since a zero timer waits a millisecond. */
function nextTurn(run: () => void): () => void {
  const { setImmediate, clearImmediate } = immediates;
  if (setImmediate && clearImmediate) {
    const immediate = setImmediate(run);
    return () => clearImmediate(immediate);
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}

export class FramePacer {
  /** Cancels the waiting run; null when none waits. */
  private waiting: (() => void) | null = null;
  /** performance.now() of the last run. */
  private lastRunAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly frameMs: number,
    private readonly run: () => void,
  ) {}

  /** Asks for a run; one already waiting covers this request too. */
  request(): void {
    if (this.waiting) return;
    const wait = Math.max(0, this.lastRunAt + this.frameMs - performance.now());
    const go = () => {
      this.waiting = null;
      this.lastRunAt = performance.now();
      this.run();
    };
    if (wait > 0) {
      const timer = setTimeout(go, wait);
      this.waiting = () => clearTimeout(timer);
    } else this.waiting = nextTurn(go);
  }

  /** Drops a waiting run (on close). */
  cancel(): void {
    this.waiting?.();
    this.waiting = null;
  }
}
