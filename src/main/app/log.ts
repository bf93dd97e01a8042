// The app's log file (logs/thor.log under the user-data folder): one line per message, appended, with a timestamp.
// The shell and the Terminal write here. Writing the log must never stop the desk, so failures are swallowed.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface AppLog {
  readonly dir: string;
  readonly file: string;
  write(message: string): void;
}

export function openAppLog(dir: string): AppLog {
  const file = join(dir, 'thor.log');
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    // write() fails quietly too; the app runs without a log rather than not at all
  }
  return {
    dir,
    file,
    write(message) {
      try {
        appendFileSync(file, `${new Date().toISOString()} ${message}\n`);
      } catch {
        // a full disk or a locked file must not take the desk down with it
      }
    },
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
