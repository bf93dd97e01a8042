// What every quote source gives the tick path: snapshots, and a status a trader can read. A status message is one
// clean line: never a file's bytes, a cell's long text or a control character, whatever an error carried.
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

/** The longest status message, in characters: one line in the status bar. */
export const MAX_STATUS_MESSAGE = 200;
// Control, format, private-use and unassigned characters, line and paragraph separators, and U+FFFD (what binary
// bytes turn into when decoded as UTF-8): none is text a trader can read.
const NOT_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}\uFFFD]+/gu;
// A quoted span longer than this in an error message is the file's own text (a parser quoting a field): cut short.
const MAX_QUOTED = 24;

/** Any error message made fit for the status: printable, one line, quoted file text cut short, at most 200 chars. */
export function statusMessage(text: unknown): string {
  const raw = text instanceof Error ? text.message : String(text);
  let clean = raw
    .replace(NOT_PRINTABLE, ' ')
    .replace(/"([^"]*)"/g, (whole, inner: string) => (inner.length > MAX_QUOTED ? `"${cut(inner, MAX_QUOTED)}..."` : whole))
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length === 0) clean = 'unknown error';
  return [...clean].length > MAX_STATUS_MESSAGE ? `${cut(clean, MAX_STATUS_MESSAGE - 3).trimEnd()}...` : clean;
}

/** The first `max` characters by code point: a cut never splits a surrogate pair. */
function cut(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}
