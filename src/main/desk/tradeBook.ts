// The desk's journal in memory: every trade read from the ledger once (in pieces of PAGE, so a warm-up can run
// between other work), then kept current with each committed change, since a trade changes only through the desk's
// own transactions. Ordered as the ledger lists them (opened, opening fill, id). It never writes nor decides a trade.
import type { Trade } from '../engine/journal';
import { byClosing } from '../engine/statistics';
import type { Ledger } from '../ledger/ledger';

const PAGE = 5_000;

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
  private tags: { version: number; list: string[] } | null = null;
  private closedList: { version: number; list: Trade[] } | null = null;

  constructor(private readonly ledger: Ledger) {}

  get loaded(): boolean {
    return this.complete;
  }

  /** Changes with every trade written after the book was read (never while it reads). */
  get version(): number {
    return this.changes;
  }

  /** The CLOSED trades in closing order (JOURNAL.md 3), sorted once per version. */
  closedInClosingOrder(): readonly Trade[] {
    const trades = this.all();
    if (this.closedList?.version === this.changes) return this.closedList.list;
    const list = trades.filter((trade) => trade.status === 'CLOSED').sort(byClosing);
    this.closedList = { version: this.changes, list };
    return list;
  }

  /** Every tag used on a trade so far, as first spelled (the lowest trade id's spelling), kept until the next change. */
  tagsUsed(): string[] {
    const trades = this.all();
    if (this.tags?.version === this.changes) return this.tags.list;
    const first = new Map<string, { id: number; at: number; tag: string }>();
    for (const trade of trades) {
      trade.tags.forEach((tag, at) => {
        const key = tag.toLowerCase();
        const seen = first.get(key);
        if (!seen || trade.id < seen.id) first.set(key, { id: trade.id, at, tag });
      });
    }
    const list = [...first.values()].sort((a, b) => a.id - b.id || a.at - b.at).map((entry) => entry.tag);
    this.tags = { version: this.changes, list };
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
    for (const trade of trades) this.put(trade);
    this.changes += 1;
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
