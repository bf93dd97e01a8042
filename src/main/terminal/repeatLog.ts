// A log that says a repeated failure once a minute with a count, instead of a stack per failure: a full disk or a
// broken feed fails every few seconds, and the log must stay readable (and small). It owns no file: it calls the
// writer it is given, and it must never throw.

export interface RepeatLog {
  /** Logs `message` now if `key` has not been logged in the last interval, else counts it for the next line. */
  write(key: string, message: string): void;
}

export function repeatLog(
  write: (message: string) => void,
  now: () => number = Date.now,
  intervalMs = 60_000,
): RepeatLog {
  const seen = new Map<string, { loggedAt: number; suppressed: number }>();
  return {
    write(key, message) {
      const time = now();
      const entry = seen.get(key);
      if (entry && time - entry.loggedAt < intervalMs) {
        entry.suppressed += 1;
        return;
      }
      const repeats = entry && entry.suppressed > 0 ? ` (${entry.suppressed} more times since the last line)` : '';
      seen.set(key, { loggedAt: time, suppressed: 0 });
      // A map of keys that only grows would be a leak of its own: old keys go once there are many.
      if (seen.size > 1_000) {
        for (const [old, value] of seen) if (time - value.loggedAt >= intervalMs) seen.delete(old);
      }
      try {
        write(`${message}${repeats}`);
      } catch {
        // the log must never take the desk down
      }
    },
  };
}
