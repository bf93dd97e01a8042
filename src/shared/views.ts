// What the engine shows the world: accounts, positions, orders and fills with every decimal as a string in plain
// notation. The scenario runner prints these, the app sends them over IPC, reports export them.
import type { AssetType, Broker, MarginMode, OrderEventType, OrderStatus, OrderType, Side, Tif, TrailRef, TrailUnit } from './vocabulary';

export interface AccountView {
  id: string;
  broker: Broker;
  margin: MarginMode;
  startingBalance: string;
  cash: string;
  netLiq: string;
  availableFunds: string;
  buyingPower: string;
  dayTradingBuyingPower: string;
  optionBuyingPower: string;
  unrealizedPl: string;
  realizedPlDay: string;
  plDay: string;
  positionRequirement: string;
  orderRequirement: string;
  okToTrade: boolean;
}

export interface PositionView {
  account: string;
  symbol: string;
  assetType: AssetType;
  qty: string;
  avgPrice: string;
  mark: string;
  /** True when no quote gave a mark and the average price stands in. */
  markIsAverage: boolean;
  marketValue: string;
  costBasis: string;
  unrealizedPl: string;
  plPercent: string | null;
  realizedPlDay: string;
  plDay: string;
  requirement: string;
}

export interface OrderView {
  id: number;
  account: string;
  clientOrderId: string | null;
  symbol: string;
  assetType: AssetType;
  side: Side;
  qty: string;
  orderType: OrderType;
  limit: string | null;
  stop: string | null;
  tif: Tif;
  status: OrderStatus;
  triggered: boolean;
  filledQty: string;
  avgFillPrice: string | null;
  rejectReason: string | null;
  statusReason: string | null;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** ENGINE.md 12: the parent a HELD child waits for (null for a top-level order), and its OCO group's name. */
  parentId: number | null;
  ocoGroup: string | null;
  /** A child whose qty is left to the parent's fill and that has not activated (its qty shows 0 meanwhile). */
  qtyFromParent: boolean;
  /** A HELD child's prices in ticks from the parent's fill, as given (its limit/stop are null until it activates). */
  limitTicks: string | null;
  stopTicks: string | null;
  /** ENGINE.md 11, null for other types: the terms, the watermark W and the stop it gives (null until a reference). */
  trailOffset: string | null;
  trailUnit: TrailUnit | null;
  trailRef: TrailRef | null;
  limitOffset: string | null;
  trailWatermark: string | null;
  trailStop: string | null;
}

export interface FillView {
  id: number;
  orderId: number;
  account: string;
  symbol: string;
  assetType: AssetType;
  side: Side;
  qty: string;
  price: string;
  commission: string;
  fees: string;
  realizedPl: string;
  time: string;
  /** The rule that filled it: "resting LMT BUY: ask 149.80 <= limit 149.80, touch". */
  reason: string;
  /** The quote it met. */
  quote: { bid: string | null; ask: string | null; last: string | null; mark: string | null; time: string };
}

/** One event of an order's trail (issue 12): its type, when, and what it did in the trader's words. */
export interface OrderEventView {
  type: OrderEventType;
  time: string;
  /** "accepted", "limit 101.00 → 100.50, qty 100 → 200", "triggered: last 99.50", "filled 100 @ 100.50 (exec 7)", "canceled by flatten". */
  text: string;
}

/** An account's opening (OPEN) or a reset (RESET), shown in the history where it happened. */
export interface ResetView {
  account: string;
  kind: 'OPEN' | 'RESET';
  time: string;
  startingBalance: string;
  cashBefore: string;
}

export interface OrderPreview {
  /** What the confirmation names: the account and the order as it would be sent. */
  account: string;
  side: Side;
  qty: string;
  orderType: OrderType;
  limit: string | null;
  stop: string | null;
  tif: Tif;
  symbol: string;
  assetType: AssetType;
  /** The price the estimate uses: the limit, the stop (with slippage), or the market with slippage: the fill's price. */
  price: string | null;
  /** The notional of stock and options, signed as cash moves (a buy is negative); 0 for futures, which move none. */
  cashEffect: string;
  /** Commission and fees together (as before); `fees` is the fees part. */
  commission: string;
  fees: string;
  requirement: string;
  availableFunds: string;
  availableAfter: string;
  buyingPowerAfter: string;
  /** Why the engine would reject it (buying power, no price...), or null. */
  warning: string | null;
  /** Every warning the confirmation shows: the rejection, and what accepting it would leave (funds below 0). */
  warnings: string[];
}

/** How to show a symbol's prices: decimals of its tick, or 32nds for Treasury futures as TOS shows them. */
export type PriceFormat = { kind: 'decimal'; decimals: number } | { kind: 'thirtySeconds' };

/** A row that carries its own price format, so the window never looks for one elsewhere. */
export interface Priced {
  priceFormat: PriceFormat;
  /** The instrument's tick at the row's price, for showing 32nds and stepping a price field. */
  tick: string;
}

/** A trade of the journal (JOURNAL.md 1), strings for decimals, ISO 8601 UTC times; counts and durations numbers. */
export interface TradeView {
  id: number;
  account: string;
  symbol: string;
  assetType: string;
  direction: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  maxQty: string;
  entryQty: string;
  exitQty: string;
  avgEntry: string;
  avgExit: string | null;
  grossPl: string;
  commissions: string;
  netPl: string;
  mfe: string;
  mae: string;
  etd: string | null;
  durationSeconds: number | null;
  tags: string[];
  note: string;
  fills: number[];
  /** The signed quantity still held (0 once closed). */
  qty: string;
}

/** One group of a grouping (by tag, symbol, direction, weekday, hour, day). */
export interface GroupStatisticsView {
  trades: number;
  winRate: string | null;
  netPl: string;
  expectancy: string | null;
  profitFactor: string | null;
}

export type Grouping = 'byTag' | 'bySymbol' | 'byDirection' | 'byWeekday' | 'byHour' | 'byDay';

/** The statistics of JOURNAL.md 3 over the closed trades of a filter; null where a value does not exist. */
export interface StatisticsView extends Record<Grouping, Record<string, GroupStatisticsView>> {
  trades: number;
  winners: number;
  losers: number;
  scratches: number;
  winRate: string | null;
  grossProfit: string;
  grossLoss: string;
  netPl: string;
  commissions: string;
  profitFactor: string | null;
  avgWin: string | null;
  avgLoss: string | null;
  winLossRatio: string | null;
  expectancy: string | null;
  largestWin: string | null;
  largestLoss: string | null;
  maxConsecutiveWins: number;
  maxConsecutiveLosses: number;
  maxDrawdown: string;
  avgMae: string | null;
  avgMfe: string | null;
  avgEtd: string | null;
  avgDurationSeconds: number | null;
  avgWinDurationSeconds: number | null;
  avgLossDurationSeconds: number | null;
}
