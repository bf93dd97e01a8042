// What the journal screen asked last, kept until the trades it was computed from change: the journal answers the same
// filter several times (opening the screen, paging, the calendar) and the closed trades only change with a fill or an
// edit. It holds answers only; it never decides which trades match, and never serves an answer made at another version.

/** The most answers kept: the screen asks a handful of filters at a time (the page, the statistics, the month). */
const MAX_ENTRIES = 16;

export class JournalMemo {
  /** Each answer with the version it was made at: the caller says which version an answer depends on (a note edit moves none of the statistics'). */
  private readonly entries = new Map<string, { version: string; value: unknown }>();

  /** The answer for `key` at `version`, made once per version (the least recently asked is dropped past the limit). */
  get<T>(version: number | string, key: string, make: () => T): T {
    const at = String(version);
    const entry = this.entries.get(key);
    // Map keeps insertion order: moving the entry to the end keeps the least recently asked first.
    this.entries.delete(key);
    if (entry && entry.version === at) {
      this.entries.set(key, entry);
      return entry.value as T;
    }
    const value = make();
    this.entries.set(key, { version: at, value });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
