// The one frame-coalescing mechanism: LiveData's frames and the Terminal's pushed snapshots both go through it.
// At most one run per frame, as early as that allows: on the next turn after a quiet frame (a lone tick shows at
// once), else when the frame since the last run ends; requests within one wait share one run. Timers only, through
// runLater, which the file source's reads use too.

// Node's, where there is one (this module is shared with code that may run in a browser, which has none).
const immediates = globalThis as { setImmediate?: (run: () => void) => unknown; clearImmediate?: (handle: unknown) => void };

/**
 * Runs `run` after `waitMs`, or on the next turn when nothing is to wait (setImmediate where there is one, as in Node:
 * a zero timer waits a whole millisecond). Returns what cancels it.
 */
export function runLater(waitMs: number, run: () => void): () => void {
  const { setImmediate, clearImmediate } = immediates;
  if (waitMs <= 0 && setImmediate && clearImmediate) {
    const immediate = setImmediate(run);
    return () => clearImmediate(immediate);
  }
  const timer = setTimeout(run, Math.max(0, waitMs));
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
    const wait = this.lastRunAt + this.frameMs - performance.now();
    const go = () => {
      this.waiting = null;
      this.lastRunAt = performance.now();
      this.run();
    };
    this.waiting = runLater(wait, go);
  }

  /** Drops a waiting run (on close). */
  cancel(): void {
    this.waiting?.();
    this.waiting = null;
  }
}
