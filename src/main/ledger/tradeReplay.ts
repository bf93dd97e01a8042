// The journal's trades rebuilt from the fills and resets alone (JOURNAL.md 1), fill by fill in id order: what verify
// compares the stored trades with, and what migration 0004 writes for fills made before the journal. Ids are handed
// out in the order the trades open, as the engine does. It must never read or write the ledger: rows come in, trades go out.
import { endByReset, journalFill, type Trade } from '../engine/journal';
import type { Fill, Position, Reset } from '../engine/model';
import { applyFillToPosition, newPosition } from '../engine/positions';

export class TradeReplay {
  private lastId = 0;
  /** Per account: the open trade and the position of each symbol since the account's last reset. */
  private readonly open = new Map<string, Map<string, Trade>>();
  private readonly positions = new Map<string, Map<string, Position>>();
  private readonly pending = new Map<string, Reset[]>();

  /**
   * `resets` in id order; `done` hears each trade once, in its final state of the replay: when it closes or a
   * reset ends it, and the ones still open at `finish`.
   */
  constructor(
    resets: Iterable<Reset>,
    private readonly done: (trade: Trade) => void,
  ) {
    for (const reset of resets) this.pending.set(reset.accountId, [...(this.pending.get(reset.accountId) ?? []), reset]);
  }

  /** `orderTags`: the tags of the order that filled (verify leaves them out: it does not compare tags). */
  fill(fill: Fill, orderTags: readonly string[] = []): void {
    this.resetsBefore(fill.accountId, fill.id);
    let positions = this.positions.get(fill.accountId);
    if (!positions) this.positions.set(fill.accountId, (positions = new Map()));
    let open = this.open.get(fill.accountId);
    if (!open) this.open.set(fill.accountId, (open = new Map()));
    const held = positions.get(fill.symbol) ?? newPosition(fill.accountId, fill.symbol, fill.assetType, fill.multiplier, fill.time);
    const delta = fill.side === 'BUY' ? fill.qty : fill.qty.negated();
    const { position } = applyFillToPosition(held, delta, fill.price, fill.time);
    positions.set(fill.symbol, position);
    // The quotes of the past are not kept: the replay measures excursions at the fills only (mark null).
    const step = journalFill(
      open.get(fill.symbol),
      { fill, qtyBefore: held.qty, qtyAfter: position.qty, costAfter: position.cost, mark: null, orderTags },
      () => ++this.lastId,
    );
    for (const trade of step.trades) {
      if (trade.status === 'OPEN') open.set(fill.symbol, trade);
      else {
        if (open.get(fill.symbol)?.id === trade.id) open.delete(fill.symbol);
        this.done(trade);
      }
    }
  }

  /** The resets after the last fill, then the trades still open. */
  finish(): void {
    for (const accountId of [...this.pending.keys()]) this.resetsBefore(accountId, Number.POSITIVE_INFINITY);
    for (const open of this.open.values()) for (const trade of open.values()) this.done(trade);
    this.open.clear();
  }

  private resetsBefore(accountId: string, fillId: number) {
    const queue = this.pending.get(accountId);
    while (queue && queue.length > 0 && queue[0]!.afterFillId < fillId) {
      const reset = queue.shift()!;
      for (const trade of this.open.get(accountId)?.values() ?? []) this.done(endByReset(trade, reset.time));
      this.open.delete(accountId);
      this.positions.delete(accountId);
    }
  }
}
