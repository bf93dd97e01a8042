// What every quote source gives the tick path: snapshots, and a status a trader can read.
import type { LiveQuote, Snapshot } from './snapshot';

export type SourceKind = 'practice' | 'workbook' | 'csv';

export type SourceState = 'connected' | 'waiting' | 'error' | 'stale' | 'quiet' | 'stopped';

export interface SourceStatus {
  readonly kind: SourceKind;
  readonly state: SourceState;
  /** Why, in words: "file not found", "not a zip file", "not rewritten for 14 s". */
  readonly message: string | null;
  /** The file a file source reads. */
  readonly path: string | null;
  /** Epoch ms of the last good read. */
  readonly lastReadAt: number | null;
  /** Epoch ms of the last read that changed a value. */
  readonly lastChangeAt: number | null;
}

export interface SourceListener {
  /** A new snapshot, read at `readAt` (epoch ms, the quotes' time), with only what changed since the last one. */
  snapshot(snapshot: Snapshot, changes: ReadonlyMap<string, LiveQuote>, readAt: number): void;
  status(status: SourceStatus): void;
}

export interface QuoteSource {
  readonly kind: SourceKind;
  start(listener: SourceListener): void;
  stop(): Promise<void>;
  status(): SourceStatus;
}
