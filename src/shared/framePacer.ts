// The one frame-coalescing mechanism: LiveData's frames and the Terminal's pushed snapshots both go through it.
// At most one run per frame, as early as that allows: on the next turn after a quiet frame (a lone tick shows at
// once), else when the frame since the last run ends; requests within one wait share one run. Timers only.

export class FramePacer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** performance.now() of the last run. */
  private lastRunAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly frameMs: number,
    private readonly run: () => void,
  ) {}

  /** Asks for a run; one already waiting covers this request too. */
  request(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastRunAt + this.frameMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastRunAt = performance.now();
      this.run();
    }, wait);
  }

  /** Drops a waiting run (on close). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
