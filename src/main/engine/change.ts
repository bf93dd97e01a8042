// A Change is what one engine operation decided: every record it creates or replaces. The ledger writes it in
// one transaction, then the in-memory state applies it. Nothing else changes state.
import type { Trade } from './journal';
import type { Account, DaySnapshot, EquitySample, Fill, Order, OrderEvent, Position, Reset } from './model';
import type { Quote } from './quotes';
import type { Settings } from './settings';

export interface Change {
  readonly orders: readonly Order[];
  /**
   * Working trailing orders whose watermark and stop a quote moved, and nothing else (ENGINE.md 11): ledger state,
   * written in the quote's transaction as two columns of the row, without an event.
   */
  readonly trails: readonly Order[];
  readonly events: readonly OrderEvent[];
  readonly fills: readonly Fill[];
  readonly positions: readonly Position[];
  readonly removedPositions: readonly { readonly accountId: string; readonly symbol: string }[];
  readonly accounts: readonly Account[];
  readonly resets: readonly Reset[];
  readonly snapshots: readonly DaySnapshot[];
  readonly quotes: readonly Quote[];
  /** Trades opened, changed, closed or ended by the operation's fills and resets, or edited (tags, note). */
  readonly trades: readonly Trade[];
  /** Open trades whose excursions a quote widened: market data, saved with the next transaction (JOURNAL.md 2). */
  readonly excursions: readonly Trade[];
  readonly equitySamples: readonly EquitySample[];
  readonly settings?: Settings;
  readonly lastRollAt?: number;
}

export const NO_CHANGE: Change = {
  orders: [],
  trails: [],
  events: [],
  fills: [],
  positions: [],
  removedPositions: [],
  accounts: [],
  resets: [],
  snapshots: [],
  quotes: [],
  trades: [],
  excursions: [],
  equitySamples: [],
};

/** True when the change has records to store (a quote alone is market data, cached, not ledger state). */
export function touchesLedger(change: Change): boolean {
  return (
    change.orders.length > 0 ||
    change.trails.length > 0 ||
    change.events.length > 0 ||
    change.fills.length > 0 ||
    change.positions.length > 0 ||
    change.removedPositions.length > 0 ||
    change.accounts.length > 0 ||
    change.resets.length > 0 ||
    change.snapshots.length > 0 ||
    change.trades.length > 0 ||
    change.equitySamples.length > 0 ||
    change.settings !== undefined ||
    change.lastRollAt !== undefined
  );
}
