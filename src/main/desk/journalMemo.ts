// What the journal screen asked last, kept until the next trade is written: the journal answers the same filter
// several times (opening the screen, paging, the calendar) and the closed trades only change with a fill or an edit.
// It holds answers only; it never decides which trades match, and never outlives the journal version it was made at.

/** The most answers kept: the screen asks a handful of filters at a time (the page, the statistics, the month). */
const MAX_ENTRIES = 16;

export class JournalMemo {
  private version = Number.NaN;
  private readonly entries = new Map<string, unknown>();

  /** The answer for `key` at journal `version`, made once per version (the oldest answer is dropped past the limit). */
  get<T>(version: number, key: string, make: () => T): T {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as T;
      // Map keeps insertion order: moving the entry to the end keeps the least recently asked first.
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
