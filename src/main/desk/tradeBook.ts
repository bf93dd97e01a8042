// The desk's journal in memory: every trade read from the ledger once (in pieces of PAGE, so a warm-up can run
// between other work), then kept current with each committed change, since a trade changes only through the desk's
// own transactions. Ordered as the ledger lists them (opened, opening fill, id). It never writes nor decides a trade.
import type { Trade } from '../engine/journal';
import { byClosing } from '../engine/statistics';
import type { Ledger } from '../ledger/ledger';

const PAGE = 5_000;

/**
 * What changed between two states of a trade: nothing but the note ('note'), the tags too ('tags'), or anything else
 * ('figures'). Fields are compared by identity (Decimals are immutable, and an edit keeps them): a new Decimal of the
 * same value counts as a change, which only costs a recomputation.
 */
function sameButWords(a: Trade, b: Trade): 'note' | 'tags' | 'figures' {
  // A fill gives its trade a new list of fills, and a quote new excursions: decided without walking every field.
  if (a.fills !== b.fills || a.mfe !== b.mfe || a.mae !== b.mae) return 'figures';
  for (const key of Object.keys(b) as (keyof Trade)[]) {
    if (key !== 'tags' && key !== 'note' && a[key] !== b[key]) return 'figures';
  }
  if (Object.keys(a).length !== Object.keys(b).length) return 'figures';
  return a.tags === b.tags || (a.tags.length === b.tags.length && a.tags.every((t, i) => t === b.tags[i])) ? 'note' : 'tags';
}

function byOpening(a: Trade, b: Trade): number {
  return a.openedAt - b.openedAt || a.openFillId - b.openFillId || a.id - b.id;
}

export class TradeBook {
  private readonly list: Trade[] = [];
  /** id -> position in `list`. */
  private readonly index = new Map<number, number>();
  private lastId = 0;
  private complete = false;
  /** Trades changed while the book was being read: applied once it is, so the newest state wins. */
  private pending: Trade[] = [];
  /** Bumps whenever a trade is added or changes, so what was computed from the trades knows when it is stale. */
  private changes = 0;
  /** Bumps unless a change only rewrote notes: what reads tags (byTag, a tag filter, the tags offered) is stale. */
  private tagChanges = 0;
  /** Bumps unless a change only rewrote notes or tags: every figure, status and time is as it was. */
  private figureChanges = 0;
  private tags: { version: number; list: string[] } | null = null;
  /** Closing order depends on figures only: a tag or note edit swaps the trade in place (closedTrade). */
  private closedList: { version: number; list: Trade[] } | null = null;

  constructor(private readonly ledger: Ledger) {}

  get loaded(): boolean {
    return this.complete;
  }

  /** Changes with every trade written after the book was read (never while it reads). */
  get version(): number {
    return this.changes;
  }

  /**
   * What a change can have made stale, for answers kept across changes: `tags` moves unless only notes changed,
   * `figures` unless only notes and tags changed (an edit of the journal never moves money, times or status).
   */
  get versions(): { readonly tags: number; readonly figures: number } {
    return { tags: this.tagChanges, figures: this.figureChanges };
  }

  /** The CLOSED trades in closing order (JOURNAL.md 3), sorted once per figures version. */
  closedInClosingOrder(): readonly Trade[] {
    const trades = this.all();
    if (this.closedList?.version === this.figureChanges) return this.closedList.list;
    const list = trades.filter((trade) => trade.status === 'CLOSED').sort(byClosing);
    this.closedList = { version: this.figureChanges, list };
    return list;
  }

  /** Every tag used on a trade so far, as first spelled (the lowest trade id's spelling), kept until tags change. */
  tagsUsed(): string[] {
    const trades = this.all();
    if (this.tags?.version === this.tagChanges) return this.tags.list;
    const first = new Map<string, { id: number; at: number; tag: string }>();
    for (const trade of trades) {
      trade.tags.forEach((tag, at) => {
        const key = tag.toLowerCase();
        const seen = first.get(key);
        if (!seen || trade.id < seen.id) first.set(key, { id: trade.id, at, tag });
      });
    }
    const list = [...first.values()].sort((a, b) => a.id - b.id || a.at - b.at).map((entry) => entry.tag);
    this.tags = { version: this.tagChanges, list };
    return list;
  }

  /** Every trade, reading what is left of the ledger first. */
  all(): readonly Trade[] {
    while (!this.complete) this.readPage();
    return this.list;
  }

  get(id: number): Trade | undefined {
    this.all();
    const at = this.index.get(id);
    return at === undefined ? undefined : this.list[at];
  }

  /** Reads one piece; true when the book is complete. */
  readPage(): boolean {
    if (this.complete) return true;
    const page = this.ledger.tradesAfter(this.lastId, PAGE);
    for (const trade of page) this.list.push(trade);
    if (page.length > 0) this.lastId = page[page.length - 1]!.id;
    if (page.length < PAGE) this.finish();
    return this.complete;
  }

  /** The trades a committed change wrote (new ones, or the newest state of known ones). */
  apply(trades: readonly Trade[]): void {
    if (trades.length === 0) return;
    if (!this.complete) {
      this.pending.push(...trades);
      return;
    }
    let tags = false;
    let figures = false;
    for (const trade of trades) {
      const before = this.get(trade.id);
      this.put(trade);
      const kept = before ? sameButWords(before, trade) : 'figures';
      if (kept === 'figures') figures = true;
      else if (kept === 'tags') tags = true;
      // Same closing key, so the kept closing order only needs the newest object in the same place.
      if (kept !== 'figures' && trade.status === 'CLOSED') this.replaceClosed(trade);
    }
    this.changes += 1;
    if (figures || tags) this.tagChanges += 1;
    if (figures) this.figureChanges += 1;
  }

  private replaceClosed(trade: Trade): void {
    const list = this.closedList?.list;
    if (!list) return;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (byClosing(list[mid]!, trade) < 0) low = mid + 1;
      else high = mid;
    }
    if (list[low]?.id === trade.id) list[low] = trade;
    else this.closedList = null; // not where it should be: sort afresh rather than serve a stale object
  }

  private finish(): void {
    this.list.sort(byOpening);
    this.list.forEach((trade, i) => this.index.set(trade.id, i));
    this.complete = true;
    const pending = this.pending;
    this.pending = [];
    for (const trade of pending) this.put(trade);
  }

  private put(trade: Trade): void {
    const at = this.index.get(trade.id);
    if (at !== undefined && this.list[at]!.openedAt === trade.openedAt && this.list[at]!.openFillId === trade.openFillId) {
      this.list[at] = trade;
      return;
    }
    if (at !== undefined) this.list.splice(at, 1);
    // A new trade opens now, so it almost always goes last; otherwise in its place, and the positions after it move.
    let i = this.list.length;
    while (i > 0 && byOpening(this.list[i - 1]!, trade) > 0) i -= 1;
    this.list.splice(i, 0, trade);
    for (let j = Math.min(i, at ?? i); j < this.list.length; j += 1) this.index.set(this.list[j]!.id, j);
  }
}
