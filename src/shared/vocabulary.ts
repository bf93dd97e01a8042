// The trading vocabulary, defined once: sides, order types, TIFs, order statuses and events, asset types, margin
// modes, brokers and limit-fill modes, with the word lists the engine checks, the contract's zod schemas accept and
// the renderer's menus show. Values only: no rules beyond which prices a type needs. Nothing of main or Node.

export const SIDES = ['BUY', 'SELL'] as const;
export type Side = (typeof SIDES)[number];

export const ORDER_TYPES = ['MKT', 'LMT', 'STP', 'STP_LMT', 'TRAIL_STP', 'TRAIL_STP_LMT'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** TRAIL_STP and TRAIL_STP_LMT (ENGINE.md 11): a stop that follows the market by an offset. */
export function isTrailing(type: OrderType): boolean {
  return type === 'TRAIL_STP' || type === 'TRAIL_STP_LMT';
}

/** How a trailing offset is given: a price difference, ticks, or a percent of the watermark. */
export const TRAIL_UNITS = ['PRICE', 'TICKS', 'PERCENT'] as const;
export type TrailUnit = (typeof TRAIL_UNITS)[number];

/** The quote field a trailing stop follows. */
export const TRAIL_REFS = ['MARK', 'LAST', 'BID', 'ASK'] as const;
export type TrailRef = (typeof TRAIL_REFS)[number];

export const TIFS = ['DAY', 'GTC', 'EXT', 'GTC_EXT'] as const;
export type Tif = (typeof TIFS)[number];

/** EXT and GTC_EXT also work in the extended sessions (ENGINE.md 14): stock LMT orders only. */
export function isExtendedTif(tif: Tif): boolean {
  return tif === 'EXT' || tif === 'GTC_EXT';
}

/** GTC and GTC_EXT never expire. */
export function isGoodTillCanceled(tif: Tif): boolean {
  return tif === 'GTC' || tif === 'GTC_EXT';
}

/** When orders may fill: `exchange` hours in New York (the live desk), or `always` (practice, scenarios). */
export const MARKET_HOURS_MODES = ['exchange', 'always'] as const;
export type MarketHoursMode = (typeof MARKET_HOURS_MODES)[number];

// HELD: a child waiting for its parent to fill (ENGINE.md 12): not evaluated, no buying power.
export const ORDER_STATUSES = ['WORKING', 'HELD', 'FILLED', 'CANCELED', 'EXPIRED', 'REJECTED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENT_TYPES = ['ACCEPTED', 'REJECTED', 'HELD', 'TRIGGERED', 'REPLACED', 'FILLED', 'CANCELED', 'EXPIRED'] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export const ASSET_TYPES = ['EQ', 'FUT', 'OPT'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

export const MARGIN_MODES = ['DAYTRADE', 'REGT', 'CASH'] as const;
export type MarginMode = (typeof MARGIN_MODES)[number];

export const BROKERS = ['PAPER', 'SCHWAB'] as const;
export type Broker = (typeof BROKERS)[number];

export const LIMIT_FILL_MODES = ['touch', 'cross'] as const;
export type LimitFillMode = (typeof LIMIT_FILL_MODES)[number];

/** LMT and STP_LMT carry a limit price. */
export function needsLimit(type: OrderType): boolean {
  return type === 'LMT' || type === 'STP_LMT';
}

/** STP and STP_LMT carry a stop price. */
export function needsStop(type: OrderType): boolean {
  return type === 'STP' || type === 'STP_LMT';
}

/** `value` as one of `words`, or undefined: how a select's string becomes a typed word without a cast. */
export function oneOfWords<T extends string>(words: readonly T[], value: string): T | undefined {
  return words.find((word) => word === value);
}

/**
 * The desks: one market with its own ledger each. The practice desk trades on the practice feed; the live desk
 * on the trader's TOS workbook or CSV. The banner always names the one shown.
 */
export const DESKS = ['practice', 'live'] as const;
export type DeskName = (typeof DESKS)[number];
export const DESK_LABELS: Readonly<Record<DeskName, string>> = { practice: 'Practice', live: 'Live (TOS)' };

/** What a statement can be exported as (../shared/REPORTS.md): thinkorswim's CSV layout, Excel, plain trades or fills. */
export const STATEMENT_FORMATS = ['tos-csv', 'xlsx', 'trades-csv', 'fills-csv'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];
export const STATEMENT_FORMAT_LABELS: Readonly<Record<StatementFormat, string>> = {
  'tos-csv': 'Account Statement (thinkorswim CSV)',
  xlsx: 'Excel workbook (.xlsx)',
  'trades-csv': 'Trades (CSV)',
  'fills-csv': 'Fills (CSV)',
};
