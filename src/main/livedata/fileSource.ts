// Watches the trader's workbook or CSV and reads it whenever it is rewritten. Survives what Excel does on disk:
// the temp-file/delete/rename save, the ~$ owner file, a file missing for a moment, locked or half-written files,
// lost events (a slow mtime poll). A failed read keeps the last good quotes, retries with backoff and says why in
// the status. Reads run in a worker thread (readerThread.ts) within budgets, so no file can hold or sink the main
// thread; it never waits for a stuck read (it ends the worker) and never writes to the file.
import { watch, type FSWatcher } from 'chokidar';
import { watch as fsWatch, type FSWatcher as NodeFsWatcher, type Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { runLater } from '../../shared/framePacer';
import { DEFAULT_MAX_SYMBOLS, DEFAULT_READ_BUDGETS, fileKind, timeLimitError, type ReadBudgets } from './quotesFile';
import { liveReaderThreads, ReaderError, ReaderThread, type ThreadRead } from './readerThread';
import { diffSnapshots, type Snapshot } from './snapshot';
import { statusMessage, type QuoteSource, type SourceKind, type SourceListener, type SourceStatus } from './source';

export interface FileSourceOptions {
  /** Not rewritten for longer than this: stale. */
  readonly staleAfterMs?: number;
  /** Rewritten, but no value changed for this long: quiet (TOS closed, or the market shut). */
  readonly quietAfterMs?: number;
  /**
   * The safety-net poll of the file's mtime, for lost watcher events and a status that follows the clock while no
   * event comes. It runs only when nothing has looked at the file for this long: a file rewritten every second is
   * never polled (each look, a read or a stat, puts the poll off).
   */
  readonly pollMs?: number;
  /** Coalesces a burst of watcher events into one read. */
  readonly debounceMs?: number;
  readonly maxBackoffMs?: number;
  /** A file gone for less than this after a good read is Excel's save dance, not "waiting for file". */
  readonly missingGraceMs?: number;
  readonly now?: () => number;
  /** The limits of one read (LIVEDATA.md "Reading is bounded"); unset ones are DEFAULT_READ_BUDGETS'. */
  readonly budgets?: Partial<ReadBudgets>;
  /** The reader thread's heap, in MB: a file that needs more ends the reader, not the app. */
  readonly readerMemoryMb?: number;
  /** The main side gives up on a read this long after the time budget (the reader's own clock usually says it first). */
  readonly deadlineMarginMs?: number;
  /** The most quotes a file may give (DEFAULT_MAX_SYMBOLS): past it the file is refused, never cut short. */
  readonly maxSymbols?: number;
  /** The longest pause after a read that ran out of time or memory (such a file costs a core while it is read). */
  readonly maxHeavyBackoffMs?: number;
  /**
   * Test seam: called in each read once the file's bytes are in, before the file is looked at again; the read waits
   * for it. A test rewrites the file here, or holds the read to see what a stuck one does.
   */
  readonly afterBytes?: (attempt: number) => Promise<void>;
}

type Options = Required<Omit<FileSourceOptions, 'budgets' | 'afterBytes'>> & Pick<FileSourceOptions, 'afterBytes'>;

/** Started, not yet stopped: sources, and their open folder watchers. Test-visible through fileSourceHandles(). */
const running = new Set<FileSource>();
let openWatchers = 0;

/** What file sources hold open now (sources started and not stopped, their folder watchers, reader threads). */
export function fileSourceHandles(): { sources: number; watchers: number; readers: number } {
  return { sources: running.size, watchers: openWatchers, readers: liveReaderThreads() };
}

/** The error status of a file that reads fine but holds no quotes (LIVEDATA.md: not "connected"). */
function noQuotesMessage(kind: SourceKind): string {
  return kind === 'csv' ? 'the CSV has a header but no quote rows' : 'no tos.rtd cells and no quote table found';
}

/** The connected status's message: the first warning of the read (cut short), and how many more there are. */
function warningSummary(warnings: readonly string[]): string | null {
  if (warnings.length === 0) return null;
  const more = warnings.length - 1;
  const chars = [...statusMessage(warnings[0])];
  const first = chars.length > 150 ? `${chars.slice(0, 147).join('')}...` : chars.join('');
  return more === 0 ? first : `${first} (and ${more} more warning${more === 1 ? '' : 's'})`;
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'file not found';
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return `the file is locked (${error.code})`;
    default:
      return error.message;
  }
}

export class FileSource implements QuoteSource {
  readonly kind: SourceKind;
  readonly path: string;
  private readonly options: Options;
  private readonly budgets: ReadBudgets;
  private reader: ReaderThread | null = null;
  private polling = false;
  /** Reads that ran out of time or memory in a row, and until when (Date.now()) the next read waits. */
  private heavyFailures = 0;
  private holdUntil = 0;
  private warnings: string | null = null;
  private listener: SourceListener | null = null;
  private watcher: FSWatcher | null = null;
  private folderWatcher: NodeFsWatcher | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  /** Cancels the read waiting to start; null when none waits. */
  private cancelWaitingRead: (() => void) | null = null;
  private reading: Promise<void> | null = null;
  private dirty = false;
  /** The newest size and mtime a watcher event gave while a read was in progress (checked against the read's). */
  private seenWhileReading: { mtimeMs: number; size: number } | null = null;
  private failures = 0;
  private previous: Snapshot | undefined;
  private lastMtimeMs = -1;
  private lastSize = -1;
  private lastRewriteSeenAt: number | null = null;
  /** When a read first met "not found" since the last good read (the grace counts from here). */
  private missingSince: number | null = null;
  private current: SourceStatus;
  private stopped = true;

  constructor(path: string, options: FileSourceOptions = {}) {
    this.path = resolve(path);
    const kind = fileKind(this.path);
    if (!kind) throw new Error(`${basename(path)}: choose a workbook (.xlsx, .xlsm) or a CSV file`);
    this.kind = kind;
    this.options = {
      staleAfterMs: options.staleAfterMs ?? 10_000,
      quietAfterMs: options.quietAfterMs ?? 60_000,
      pollMs: options.pollMs ?? 2_000,
      debounceMs: options.debounceMs ?? 3,
      maxBackoffMs: options.maxBackoffMs ?? 2_000,
      missingGraceMs: options.missingGraceMs ?? 2_000,
      now: options.now ?? Date.now,
      readerMemoryMb: options.readerMemoryMb ?? 160,
      deadlineMarginMs: options.deadlineMarginMs ?? 250,
      maxHeavyBackoffMs: options.maxHeavyBackoffMs ?? 30_000,
      maxSymbols: options.maxSymbols ?? DEFAULT_MAX_SYMBOLS,
      afterBytes: options.afterBytes,
    };
    this.budgets = { ...DEFAULT_READ_BUDGETS, ...options.budgets };
    this.current = { kind, state: 'waiting', message: 'not started', path: this.path, lastReadAt: null, lastChangeAt: null };
  }

  start(listener: SourceListener): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.listener = listener;
    running.add(this);
    const target = basename(this.path);
    // chokidar on the file itself: it follows Excel's delete-and-rename save and a file replaced by a rename (it
    // watches the new file and says add or change). On the folder, chokidar re-read the whole folder at each rewrite
    // and stat'ed every file in it: in a Documents folder of 500 files, 500 stats a second (here 4-5 % of a core).
    // The folder's own change notifications (below) see the save dance as it happens.
    this.watcher = watch(this.path, { ignoreInitial: true });
    openWatchers += 1;
    // chokidar reports what the folder watcher below has mostly seen already: the file's size and mtime decide
    // whether there is anything left to read (a second read of the same bytes would be waste). chokidar stats the
    // file for its add and change events and hands the stats over: only an event without them costs a stat here.
    const onEvent = (path: string, stats?: Stats) => {
      if (basename(path) !== target) return;
      if (this.reading) {
        if (stats) this.seenWhileReading = { mtimeMs: stats.mtimeMs, size: stats.size };
        else this.dirty = true;
      } else if (stats && stats.mtimeMs === this.lastMtimeMs && stats.size === this.lastSize) this.refreshFreshness();
      else void this.poll();
    };
    this.watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
    this.watcher.on('error', (error) => this.setStatus('error', `watching the file failed: ${statusMessage(error)}`));
    // The folder's own change notifications (fs.watch) see each rename onto the file as it happens, before chokidar
    // has stat'ed it, and see the file come back after Excel's save however chokidar is told.
    try {
      // A rename onto the file is a whole new file (Excel's save, our macro's temp-and-rename): read it at once. A
      // change in place may be one of several writes: wait a moment for the rest.
      this.folderWatcher = fsWatch(dirname(this.path), (event, name) => {
        if (name === null || name.toString() === target) this.schedule(event === 'rename' ? 0 : this.options.debounceMs);
      });
      openWatchers += 1;
      this.folderWatcher.on('error', () => this.closeFolderWatcher());
    } catch {
      this.folderWatcher = null; // a folder that cannot be watched this way (some network drives): chokidar and the poll remain
    }
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs);
    this.schedule(0);
  }

  /** Stops at once: a read in progress is not waited for (its worker ends), every watcher and timer is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.cancelRead();
    this.pollTimer = null;
    this.closeFolderWatcher();
    const reader = this.reader;
    this.reader = null;
    const closing = reader?.close();
    const watcher = this.watcher;
    this.watcher = null;
    if (watcher) {
      await watcher.close();
      openWatchers -= 1;
    }
    await closing;
    await this.reading;
    running.delete(this);
    this.setStatus('stopped', null);
    this.listener = null;
  }

  status(): SourceStatus {
    return this.current;
  }

  private closeFolderWatcher() {
    if (!this.folderWatcher) return;
    this.folderWatcher.close();
    this.folderWatcher = null;
    openWatchers -= 1;
  }

  /** Reads now (or once the read in progress ends). Resolves when the file has been read. */
  readNow(): Promise<void> {
    if (this.reading) {
      this.dirty = true;
      return this.reading;
    }
    this.reading = this.read().finally(() => {
      this.reading = null;
      const seen = this.seenWhileReading;
      this.seenWhileReading = null;
      const unread = seen !== null && (seen.mtimeMs !== this.lastMtimeMs || seen.size !== this.lastSize);
      this.pollTimer?.refresh(); // the file was just looked at: the safety net waits a whole interval again
      if ((this.dirty || unread) && !this.stopped) {
        // Events came while it read: often the same rewrite seen twice (the folder's rename, then chokidar). Read
        // again only if the file is not what was just read.
        this.dirty = false;
        void this.poll();
      }
    });
    return this.reading;
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.cancelRead();
    // After a read that ran out of time or memory, events wait for the hold too: the file would only cost it again.
    const wait = Math.max(delayMs, this.holdUntil - Date.now());
    this.cancelWaitingRead = runLater(wait, () => {
      this.cancelWaitingRead = null;
      void this.readNow();
    });
  }

  private cancelRead() {
    this.cancelWaitingRead?.();
    this.cancelWaitingRead = null;
  }

  private async read(): Promise<void> {
    if (this.stopped) return;
    const now = this.options.now;
    this.reader ??= new ReaderThread({ memoryMb: this.options.readerMemoryMb });
    let read: ThreadRead;
    try {
      read = await this.reader.read(this.path, this.budgets, {
        deadlineMs: this.budgets.maxReadMs + this.options.deadlineMarginMs,
        maxSymbols: this.options.maxSymbols,
        onPaused: this.options.afterBytes,
      });
    } catch (error) {
      this.failed(error);
      return;
    }
    if (this.stopped) return;
    const { snapshot } = read;
    if (snapshot.quotes.size === 0) {
      this.failed(new Error(noQuotesMessage(this.kind)));
      return;
    }
    this.failures = 0;
    this.heavyFailures = 0;
    this.holdUntil = 0;
    this.missingSince = null;
    const readAt = now();
    if (read.mtimeMs !== this.lastMtimeMs || read.size !== this.lastSize) this.lastRewriteSeenAt = readAt;
    this.lastMtimeMs = read.mtimeMs;
    this.lastSize = read.size;
    this.warnings = warningSummary(snapshot.warnings);
    const changes = diffSnapshots(this.previous, snapshot);
    this.previous = snapshot;
    const lastChangeAt = changes.size > 0 ? readAt : this.current.lastChangeAt;
    this.current = { ...this.current, lastReadAt: readAt, lastChangeAt };
    this.setStatus(...this.freshness(readAt));
    this.listener?.snapshot(snapshot, changes, readAt);
  }

  private failed(error: unknown) {
    if (this.stopped) return;
    if (error instanceof ReaderError && error.reason === 'stopped') return;
    this.failures += 1;
    const fsError = error as NodeJS.ErrnoException;
    const missing = fsError?.code === 'ENOENT';
    let message: string;
    if (error instanceof ReaderError) message = error.reason === 'time' ? timeLimitError(this.budgets).message : error.message;
    else if (fsError?.code) message = describeFsError(fsError);
    else message = error instanceof Error ? error.message : String(error);
    // Gone for how long: counted from the first "not found", not from the last good read (saves may be minutes apart).
    this.missingSince = missing ? (this.missingSince ?? this.options.now()) : null;
    const goneFor = this.current.lastReadAt === null || this.missingSince === null ? Infinity : this.options.now() - this.missingSince;
    if (missing && goneFor < this.options.missingGraceMs) {
      // Most likely Excel between deleting the old file and renaming the new one in: try again soon, quietly.
    } else if (missing) this.setStatus('waiting', 'waiting for file: not found');
    else this.setStatus('error', message);
    if (error instanceof ReaderError) {
      // Out of time or memory: the same file would cost a core (and a worker) again at once; wait longer each time.
      this.heavyFailures += 1;
      const hold = Math.min(this.options.maxHeavyBackoffMs, this.options.maxBackoffMs * 2 ** Math.min(this.heavyFailures, 10));
      this.holdUntil = Date.now() + hold;
    }
    this.schedule(Math.min(this.options.maxBackoffMs, 25 * 2 ** Math.min(this.failures, 10)));
  }

  private freshness(now: number): [SourceStatus['state'], string | null] {
    const { staleAfterMs, quietAfterMs } = this.options;
    if (this.lastRewriteSeenAt !== null && now - this.lastRewriteSeenAt > staleAfterMs) {
      return ['stale', `not rewritten for ${Math.round((now - this.lastRewriteSeenAt) / 1000)} s`];
    }
    const lastChange = this.current.lastChangeAt;
    if (lastChange !== null && now - lastChange > quietAfterMs) {
      return ['quiet', `no value changed for ${Math.round((now - lastChange) / 1000)} s (TOS closed or the market shut?)`];
    }
    return ['connected', this.warnings];
  }

  /** The freshness of a good read, now: stale and quiet follow the clock, whatever a read is doing. */
  private refreshFreshness() {
    if (this.current.state === 'connected' || this.current.state === 'stale' || this.current.state === 'quiet') {
      this.setStatus(...this.freshness(this.options.now()));
    }
  }

  private async poll() {
    if (this.stopped) return;
    // A read in progress (maybe stuck until its deadline) or a stat still out (a slow drive) must not hold the
    // status: stale is decided by the clock here, not by a read finishing. A change seen meanwhile is the watchers'
    // to report (the read in progress may already have it; a second read of the same bytes would be waste).
    if (this.reading || this.polling) {
      this.refreshFreshness();
      return;
    }
    this.polling = true;
    try {
      const now = await lstat(this.path);
      if (this.stopped) return;
      this.pollTimer?.refresh();
      if (now.mtimeMs !== this.lastMtimeMs || now.size !== this.lastSize) this.schedule(0);
      else this.refreshFreshness();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && this.current.state !== 'waiting') this.schedule(0);
    } finally {
      this.polling = false;
    }
  }

  private setStatus(state: SourceStatus['state'], raw: string | null) {
    const message = raw === null ? null : statusMessage(raw);
    if (this.current.state === state && this.current.message === message) return;
    this.current = { ...this.current, state, message };
    this.listener?.status(this.current);
  }
}
