// What a trading decision reads: the interface the committed EngineState and an operation's Draft both answer,
// and the ledger's lookups for orders no longer in memory. Types only; on its own so that the accounting, the state
// and the draft can all name it without importing each other.
import type { Dec } from './decimal';
import type { Account, Order, Position } from './model';
import type { Quote } from './quotes';
import type { Settings } from './settings';

/** What the engine needs to read to decide. EngineState and Draft both answer it. */
export interface EngineView {
  readonly settings: Settings;
  account(id: string): Account | undefined;
  accounts(): Iterable<Account>;
  position(accountId: string, symbol: string): Position | undefined;
  positionsOf(accountId: string): Iterable<Position>;
  workingOrdersOf(accountId: string): Iterable<Order>;
  workingOrdersOfSymbol(symbol: string): Iterable<Order>;
  /** HELD children of the account (ENGINE.md 12). */
  heldOrdersOf(accountId: string): Iterable<Order>;
  quote(symbol: string): Quote | undefined;
  /** Sum of the account's working-order requirements (see accounting.workingOrdersRequirement). */
  workingOrdersRequirement(account: Account): Dec;
}

/** Orders that are no longer in memory (history) are looked up in the ledger. */
export interface OrderHistory {
  orderById(id: number): Order | undefined;
  orderByClientId(accountId: string, clientOrderId: string): Order | undefined;
}
