// Watches the trader's workbook or CSV and reads it whenever it is rewritten. Survives what Excel does on disk:
// the temp-file/delete/rename save, the ~$ owner file, a file missing for a moment, locked or half-written files,
// lost events (a slow mtime poll). A failed read keeps the last good quotes, retries with backoff and says why in
// the status. It never writes to the file.
import { watch, type FSWatcher } from 'chokidar';
import { watch as fsWatch, type FSWatcher as NodeFsWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileKind, parseQuotesBuffer } from './quotesFile';
import { diffSnapshots, type Snapshot } from './snapshot';
import type { QuoteSource, SourceKind, SourceListener, SourceStatus } from './source';

export interface FileSourceOptions {
  /** Not rewritten for longer than this: stale. */
  readonly staleAfterMs?: number;
  /** Rewritten, but no value changed for this long: quiet (TOS closed, or the market shut). */
  readonly quietAfterMs?: number;
  /** The safety-net poll of the file's mtime, for lost watcher events. */
  readonly pollMs?: number;
  /** Coalesces a burst of watcher events into one read. */
  readonly debounceMs?: number;
  readonly maxBackoffMs?: number;
  /** A file gone for less than this after a good read is Excel's save dance, not "waiting for file". */
  readonly missingGraceMs?: number;
  readonly now?: () => number;
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
  private readonly options: Required<FileSourceOptions>;
  private listener: SourceListener | null = null;
  private watcher: FSWatcher | null = null;
  private folderWatcher: NodeFsWatcher | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readTimer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private dirty = false;
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
      pollMs: options.pollMs ?? 1_000,
      debounceMs: options.debounceMs ?? 3,
      maxBackoffMs: options.maxBackoffMs ?? 2_000,
      missingGraceMs: options.missingGraceMs ?? 2_000,
      now: options.now ?? Date.now,
    };
    this.current = { kind, state: 'waiting', message: 'not started', path: this.path, lastReadAt: null, lastChangeAt: null };
  }

  start(listener: SourceListener): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.listener = listener;
    const target = basename(this.path);
    // The folder, not the file: Excel's save deletes and renames, and a watch on the file alone loses it.
    this.watcher = watch(dirname(this.path), {
      depth: 0,
      ignoreInitial: true,
      ignored: (path: string) => {
        const name = basename(path);
        return path !== dirname(this.path) && (name !== target || name.startsWith('~$'));
      },
    });
    const onEvent = (path: string) => {
      if (basename(path) === target) this.schedule(this.options.debounceMs);
    };
    this.watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);
    this.watcher.on('error', (error) => this.setStatus('error', `watching the folder failed: ${String(error)}`));
    // chokidar re-reads a folder at most once a second, so a rename that follows another within a second would
    // wait for that throttle; the folder's own change notifications (fs.watch) see each rename at once.
    try {
      this.folderWatcher = fsWatch(dirname(this.path), (_event, name) => {
        if (name === null || name.toString() === target) this.schedule(this.options.debounceMs);
      });
      this.folderWatcher.on('error', () => this.folderWatcher?.close());
    } catch {
      this.folderWatcher = null; // a folder that cannot be watched this way (some network drives): chokidar and the poll remain
    }
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.readTimer) clearTimeout(this.readTimer);
    this.pollTimer = null;
    this.readTimer = null;
    this.folderWatcher?.close();
    this.folderWatcher = null;
    await this.watcher?.close();
    this.watcher = null;
    await this.reading;
    this.setStatus('stopped', null);
    this.listener = null;
  }

  status(): SourceStatus {
    return this.current;
  }

  /** Reads now (or once the read in progress ends). Resolves when the file has been read. */
  readNow(): Promise<void> {
    if (this.reading) {
      this.dirty = true;
      return this.reading;
    }
    this.reading = this.read().finally(() => {
      this.reading = null;
      if (this.dirty && !this.stopped) {
        this.dirty = false;
        this.schedule(0);
      }
    });
    return this.reading;
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      void this.readNow();
    }, delayMs);
  }

  private async read(): Promise<void> {
    const now = this.options.now;
    let before;
    let snapshot: Snapshot;
    try {
      before = await stat(this.path);
      const buffer = await readFile(this.path);
      snapshot = await parseQuotesBuffer(this.kind, buffer);
    } catch (error) {
      this.failed(error);
      return;
    }
    if (this.stopped) return;
    this.failures = 0;
    this.missingSince = null;
    const readAt = now();
    if (before.mtimeMs !== this.lastMtimeMs || before.size !== this.lastSize) this.lastRewriteSeenAt = readAt;
    this.lastMtimeMs = before.mtimeMs;
    this.lastSize = before.size;
    const changes = diffSnapshots(this.previous, snapshot);
    this.previous = snapshot;
    const lastChangeAt = changes.size > 0 ? readAt : this.current.lastChangeAt;
    this.current = { ...this.current, lastReadAt: readAt, lastChangeAt };
    this.setStatus(...this.freshness(readAt));
    this.listener?.snapshot(snapshot, changes, readAt);
  }

  private failed(error: unknown) {
    if (this.stopped) return;
    this.failures += 1;
    const fsError = error as NodeJS.ErrnoException;
    const missing = fsError?.code === 'ENOENT';
    const message = fsError?.code ? describeFsError(fsError) : error instanceof Error ? error.message : String(error);
    // Gone for how long: counted from the first "not found", not from the last good read (saves may be minutes apart).
    this.missingSince = missing ? (this.missingSince ?? this.options.now()) : null;
    const goneFor = this.current.lastReadAt === null || this.missingSince === null ? Infinity : this.options.now() - this.missingSince;
    if (missing && goneFor < this.options.missingGraceMs) {
      // Most likely Excel between deleting the old file and renaming the new one in: try again soon, quietly.
    } else if (missing) this.setStatus('waiting', 'waiting for file: not found');
    else this.setStatus('error', message);
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
    return ['connected', null];
  }

  private async poll() {
    if (this.stopped || this.reading) return;
    try {
      const now = await stat(this.path);
      if (now.mtimeMs !== this.lastMtimeMs || now.size !== this.lastSize) this.schedule(0);
      else if (this.current.state === 'connected' || this.current.state === 'stale' || this.current.state === 'quiet') {
        this.setStatus(...this.freshness(this.options.now()));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && this.current.state !== 'waiting') this.schedule(0);
    }
  }

  private setStatus(state: SourceStatus['state'], message: string | null) {
    if (this.current.state === state && this.current.message === message) return;
    this.current = { ...this.current, state, message };
    this.listener?.status(this.current);
  }
}
