// The app's log file (logs/thor.log under the user-data folder): one line per message, appended, with a timestamp.
// The shell and the Terminal write here. It rotates by size (thor.log -> thor.1.log -> ... thor.3.log, the oldest
// dropped), so a desk left running for months never fills the disk; a repeated failure is written once a minute with
// a count (repeat). Writing the log must never stop the desk, so failures are swallowed. No electron here: the tests
// run it under Node.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repeatLog } from '../terminal/repeatLog';

export interface AppLog {
  readonly dir: string;
  readonly file: string;
  write(message: string): void;
  /** Writes `message` unless `key` was written in the last minute; then counts it and says the count next time. */
  repeat(key: string, message: string): void;
}

export interface AppLogOptions {
  /** thor.log is rotated before a line would take it past this size. */
  readonly maxBytes?: number;
  /** How many rotated files are kept beside thor.log. */
  readonly keep?: number;
  /** The clock of the timestamps and of the once-a-minute rule (tests give their own). */
  readonly now?: () => number;
}

export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_KEEP = 3;

/** The rotated files, newest first: thor.1.log ... thor.N.log (names a Windows user opens with a double click). */
export function rotatedLogFile(dir: string, index: number): string {
  return join(dir, `thor.${index}.log`);
}

export function openAppLog(dir: string, options: AppLogOptions = {}): AppLog {
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const keep = options.keep ?? LOG_KEEP;
  const now = options.now ?? Date.now;
  const file = join(dir, 'thor.log');
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    // write() fails quietly too; the app runs without a log rather than not at all
  }
  // The size is counted as lines are written, not asked of the disk each time; read once at start.
  let size = Math.max(sizeOf(file), 0);

  const rotate = () => {
    try {
      rmSync(rotatedLogFile(dir, keep), { force: true });
      for (let index = keep - 1; index >= 1; index -= 1) {
        const from = rotatedLogFile(dir, index);
        if (sizeOf(from) >= 0) renameSync(from, rotatedLogFile(dir, index + 1));
      }
      if (keep >= 1) renameSync(file, rotatedLogFile(dir, 1));
      else rmSync(file, { force: true });
    } catch {
      // A file held open by a viewer on Windows cannot be renamed: keep appending and try again at the next line.
    }
    size = Math.max(sizeOf(file), 0);
  };

  const write = (message: string) => {
    const line = `${new Date(now()).toISOString()} ${message}\n`;
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) rotate();
    try {
      appendFileSync(file, line);
      size += bytes;
    } catch {
      // a full disk or a locked file must not take the desk down with it
    }
  };
  const repeats = repeatLog(write, now);
  return { dir, file, write, repeat: (key, message) => repeats.write(key, message) };
}

/** The file's size, or -1 when it is not there (or cannot be read). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
