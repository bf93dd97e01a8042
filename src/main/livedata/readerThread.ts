// The main side of the quotes reader: one worker_threads Worker (readWorker.ts), started on the first read, that reads
// and parses the file off the main thread, and the wire form of what it answers (decimals as strings: a Decimal
// does not survive structured clone). It must never let a read hold the app: a read past its deadline or a worker
// that ran out of memory ends the worker, and the next read starts a new one.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LIVE_FIELDS, type LiveField } from './fields';
import type { ReadBudgets, ReadLimit } from './readLimits';
import type { LiveQuote, Snapshot } from './snapshot';

/** A snapshot as it crosses the thread boundary: per symbol, each field's value as text (decimals in plain notation). */
export interface WireSnapshot {
  readonly source: Snapshot['source'];
  readonly quotes: readonly (readonly [string, Readonly<Partial<Record<LiveField, string | null>>>])[];
  readonly warnings: readonly string[];
}

/** Why a read failed, as it crosses the boundary: the message, an fs error's code, a budget's name. */
export interface WireError {
  readonly kind: 'fs' | 'limit' | 'file';
  readonly message: string;
  readonly code?: string;
  readonly limit?: ReadLimit;
}

export interface ReadRequest {
  readonly type: 'read';
  readonly id: number;
  readonly path: string;
  readonly budgets: ReadBudgets;
  readonly maxSymbols: number;
  /** Test seam: the worker stops after the bytes are in and waits for a 'resume' (see FileSourceOptions). */
  readonly pauseAfterBytes: boolean;
}

export type ReaderCommand = ReadRequest | { readonly type: 'resume'; readonly id: number };

export type ReaderReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly snapshot: WireSnapshot; readonly mtimeMs: number; readonly size: number }
  | { readonly type: 'error'; readonly id: number; readonly error: WireError }
  | { readonly type: 'paused'; readonly id: number; readonly attempt: number };

export function encodeSnapshot(snapshot: Snapshot): WireSnapshot {
  const quotes: [string, Partial<Record<LiveField, string | null>>][] = [];
  for (const [symbol, quote] of snapshot.quotes) {
    const fields: Partial<Record<LiveField, string | null>> = {};
    for (const field of LIVE_FIELDS) {
      const value = quote[field];
      if (value === undefined) continue;
      fields[field] = value;
    }
    quotes.push([symbol, fields]);
  }
  return { source: snapshot.source, quotes, warnings: [...snapshot.warnings] };
}

export function decodeSnapshot(wire: WireSnapshot): Snapshot {
  const quotes = new Map<string, LiveQuote>();
  for (const [symbol, fields] of wire.quotes) {
    const quote: LiveQuote = {};
    for (const field of LIVE_FIELDS) {
      const value = fields[field];
      if (value === undefined) continue;
      quote[field] = value;
    }
    quotes.set(symbol, quote);
  }
  return { source: wire.source, quotes, warnings: wire.warnings };
}

export function encodeError(error: unknown): WireError {
  const e = error as Partial<NodeJS.ErrnoException> & { limit?: ReadLimit; name?: string };
  const message = error instanceof Error ? error.message : String(error);
  if (e?.name === 'QuotesFileLimitError' && e.limit) return { kind: 'limit', message, limit: e.limit };
  if (typeof e?.code === 'string' && e.code !== 'ENOTFILE') return { kind: 'fs', message, code: e.code };
  return { kind: 'file', message };
}

/** A read failed in the worker: the wire error as an Error again (an fs error keeps its code for the watcher). */
export class ReadFailure extends Error {
  readonly code: string | undefined;
  readonly limit: ReadLimit | undefined;
  constructor(readonly wire: WireError) {
    super(wire.message);
    this.name = 'ReadFailure';
    this.code = wire.code;
    this.limit = wire.limit;
  }
}

/** The reader itself failed: the read ran past its deadline, the worker died (memory), or it could not start. */
export class ReaderError extends Error {
  constructor(
    readonly reason: 'time' | 'crash' | 'start' | 'stopped',
    message: string,
  ) {
    super(message);
    this.name = 'ReaderError';
  }
}

export interface ReaderThreadOptions {
  /** The worker's old-generation heap, in MB: past it the worker dies, the app does not. */
  readonly memoryMb?: number;
  /** How long the worker may take to start (load its modules) before it counts as failed. */
  readonly startMs?: number;
}

export interface ThreadReadOptions {
  /** The main side's deadline for the read, from the request (the time budget and a margin). */
  readonly deadlineMs: number;
  readonly maxSymbols: number;
  /** The test seam of ReadRequest.pauseAfterBytes: the read resumes when the promise settles. */
  readonly onPaused?: ((attempt: number) => Promise<void>) | undefined;
}

export interface ThreadRead {
  readonly snapshot: Snapshot;
  readonly mtimeMs: number;
  readonly size: number;
}

const live = new Set<Worker>();

/** Worker threads alive now, over every ReaderThread (tests check that none is leaked). */
export function liveReaderThreads(): number {
  return live.size;
}

/**
 * Where the worker's code is, and how to run it. Under tsx and vitest this module is a .ts file beside readWorker.ts,
 * run with tsx's require hook (Node 20 does not apply `--import tsx` to a worker's entry). In the electron-vite build
 * it is bundled into out/main (index.js, or a chunk under it) beside readWorker.js.
 */
export function readerEntry(): { file: string; execArgv: string[] } {
  const here = __filename;
  if (here.endsWith('.ts')) {
    const require = createRequire(here);
    return { file: join(dirname(here), 'readWorker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
  }
  const candidates = [join(dirname(here), 'readWorker.js'), join(dirname(here), '..', 'readWorker.js')];
  return { file: candidates.find((file) => existsSync(file)) ?? candidates[0]!, execArgv: [] };
}

interface Pending {
  readonly id: number;
  readonly resolve: (read: ThreadRead) => void;
  readonly reject: (error: Error) => void;
  readonly onPaused: ((attempt: number) => Promise<void>) | undefined;
  timer: NodeJS.Timeout | null;
}

/** One long-lived worker for one source, started lazily; one read at a time. */
export class ReaderThread {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private closed = false;
  private readonly memoryMb: number;
  private readonly startMs: number;

  constructor(options: ReaderThreadOptions = {}) {
    this.memoryMb = options.memoryMb ?? 160;
    this.startMs = options.startMs ?? 30_000;
  }

  /**
   * Reads `path` in the worker. Rejects with a ReadFailure (the file's fault) or a ReaderError (the reader's: past
   * the deadline, out of memory, stopped).
   */
  async read(path: string, budgets: ReadBudgets, options: ThreadReadOptions): Promise<ThreadRead> {
    if (this.closed) throw new ReaderError('stopped', 'the reader is stopped');
    if (this.pending) throw new Error('one read at a time');
    const worker = await this.started();
    if (this.closed || worker !== this.worker) throw new ReaderError('stopped', 'the reader is stopped');
    return new Promise<ThreadRead>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, resolve, reject, onPaused: options.onPaused, timer: null };
      this.pending = pending;
      // The deadline runs from the request, not the worker's start-up (loading its modules is not the file's fault).
      pending.timer = setTimeout(() => {
        if (this.pending !== pending) return;
        this.settle(new ReaderError('time', 'the read took too long'));
        void this.kill();
      }, options.deadlineMs);
      const request: ReadRequest = {
        type: 'read',
        id: pending.id,
        path,
        budgets,
        maxSymbols: options.maxSymbols,
        pauseAfterBytes: options.onPaused !== undefined,
      };
      worker.postMessage(request);
    });
  }

  /** Ends the worker at once (a read in progress rejects as stopped); no new one starts. */
  async close(): Promise<void> {
    this.closed = true;
    this.settle(new ReaderError('stopped', 'the reader is stopped'));
    await this.kill();
  }

  private started(): Promise<Worker> {
    if (this.ready) return this.ready;
    const { file, execArgv } = readerEntry();
    const worker = new Worker(file, {
      execArgv,
      // A read builds its whole model before it lets go of any of it: with V8's default 16 MB young generation a
      // 1,000-symbol sheet was scavenged mid-read, copying what it had built (a third of the read's time).
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 48 },
      // The worker's console is not the app's: a parser's stray log must never reach a CLI's stdout. Drained below.
      stdout: true,
    });
    worker.stdout.resume();
    worker.unref(); // an idle reader never keeps a CLI or a test alive; a read in progress has its deadline timer
    this.worker = worker;
    live.add(worker);
    const ready = new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new ReaderError('start', 'the file could not be read: the reader did not start'));
        if (this.worker === worker) void this.kill();
      }, this.startMs); // ref'd: a read waiting for the start keeps a CLI alive until the worker answers
      worker.on('message', (reply: ReaderReply) => {
        if (reply.type === 'ready') {
          clearTimeout(timer);
          resolve(worker);
        } else this.onReply(worker, reply);
      });
      const gone = (error: Error) => {
        clearTimeout(timer);
        live.delete(worker);
        const failure = this.closed ? new ReaderError('stopped', 'the reader is stopped') : crashError(error);
        reject(failure); // a read waiting for the start learns it failed (no-op once started)
        if (this.worker !== worker) return; // ended on purpose (deadline, close): already settled
        this.worker = null;
        this.ready = null;
        this.settle(failure);
      };
      worker.on('error', gone);
      worker.on('exit', (code) => gone(new Error(`exit code ${code}`)));
    });
    // A rejection nobody awaits yet (the worker died before the first read asked) is not an unhandled one.
    ready.catch(() => undefined);
    this.ready = ready;
    return ready;
  }

  private onReply(worker: Worker, reply: ReaderReply) {
    const pending = this.pending;
    if (worker !== this.worker || !pending || reply.type === 'ready' || reply.id !== pending.id) return;
    if (reply.type === 'paused') {
      const resume = () => {
        if (this.pending === pending && this.worker === worker) worker.postMessage({ type: 'resume', id: pending.id } satisfies ReaderCommand);
      };
      void (pending.onPaused?.(reply.attempt) ?? Promise.resolve()).then(resume, resume);
      return;
    }
    if (reply.type === 'result') {
      this.settle(null, { snapshot: decodeSnapshot(reply.snapshot), mtimeMs: reply.mtimeMs, size: reply.size });
    } else {
      this.settle(new ReadFailure(reply.error));
    }
  }

  /** Ends the read in progress, if any, with an error or a result. */
  private settle(error: Error | null, read?: ThreadRead) {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.timer) clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(read!);
  }

  private async kill(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (!worker) return;
    try {
      await worker.terminate();
    } finally {
      live.delete(worker);
    }
  }
}

function crashError(error: Error): ReaderError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return new ReaderError('crash', 'the file could not be read: the reader ran out of memory');
  return new ReaderError('crash', `the file could not be read: the reader stopped (${error.message})`);
}
