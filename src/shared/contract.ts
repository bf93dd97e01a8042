// The one contract between the window and the main process: every command with its request schema (zod, checked
// by main before anything reaches the desk) and its response type, and the events main pushes. Both transports
// (Electron IPC through the preload, and the loopback socket of the browser host) carry exactly this.
// Decimals are strings everywhere here. It must never import electron or anything from src/main.
import { z } from 'zod';
import type { CommandName } from './channels';
import {
  LIMIT_FILL_MODES,
  MARGIN_MODES,
  MARKET_HOURS_MODES,
  ORDER_TYPES,
  SIDES,
  STATEMENT_FORMATS,
  TIFS,
  TRAIL_REFS,
  TRAIL_UNITS,
  type AssetType,
  type DeskName,
  type LimitFillMode,
  type MarketHoursMode,
  type StatementFormat,
} from './vocabulary';
import type {
  AccountView,
  FillView,
  OrderEventView,
  OrderPreview,
  OrderView,
  PositionView,
  PriceFormat,
  Priced,
  ResetView,
  StatisticsView,
  TradeView,
} from './views';

export type { OrderEventView, OrderPreview, PriceFormat, Priced, ResetView, StatisticsView, TradeView };

/**
 * A decimal string with at most `integer` digits before the point and `fraction` after. The length is checked
 * first, so a megabyte of digits costs no more to refuse than a short one; the engine then checks the range.
 */
function decimalText(integer: number, fraction: number) {
  const digits = fraction > 0 ? `(\\d{1,${integer}}(\\.\\d{0,${fraction}})?|\\.\\d{1,${fraction}})` : `\\d{1,${integer}}`;
  return z
    .string()
    .max(integer + fraction + 8, {
      message: `must be a number of at most ${integer} digits${fraction > 0 ? ` and ${fraction} decimals` : ''}`,
      abort: true,
    })
    .trim()
    .regex(new RegExp(`^[+-]?${digits}$`), `must be a decimal number of at most ${integer} digits${fraction > 0 ? ` and ${fraction} decimals` : ''}`);
}

/** Printable text (no control characters), at most `max` characters. */
const printable = (max: number) =>
  z
    .string()
    .min(1)
    .max(max, { abort: true })
    .refine((text) => !hasControl(text), 'must be printable text');

/** Control characters (C0 and DEL), checked by code so the rule reads plainly. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const quantity = decimalText(7, 6);
const price = decimalText(9, 8);
const money = decimalText(13, 8);
const rate = decimalText(6, 8);
const optionalPrice = z.union([price, z.literal(''), z.null()]).optional();
/** Naming an account: as created (no spaces), or an older id that had one. */
const accountId = printable(32);
/** A new account's id: short, printable, no spaces (it shows in every list and export). */
const newAccountId = z.string().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be 1 to 32 letters, digits, '_', '.' or '-' (no spaces)");
const symbol = printable(40);
const orderId = z.number().int().positive();
/** A journal tag (JOURNAL.md 4): 1 to 32 characters once trimmed; at most 10 on a ticket or an edit. */
const tag = z.string().trim().min(1).max(32);
const tags = z.array(tag).max(10);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
/** A range of trading dates for the history (issue 12), and the cursor of the next page. */
const historyRange = { from: isoDate.optional(), to: isoDate.optional(), before: z.number().int().positive().optional() };

/** Trailing terms (ENGINE.md 11): the offset (a price, whole ticks or a percent), what it trails, a limit offset. */
const trailFields = {
  trailOffset: z.union([decimalText(9, 8), z.literal(''), z.null()]).optional(),
  trailUnit: z.enum(TRAIL_UNITS).optional(),
  trailRef: z.enum(TRAIL_REFS).optional(),
  limitOffset: z.union([decimalText(9, 8), z.literal(''), z.null()]).optional(),
};
/** Ticks from the parent's fill (ENGINE.md 12): signed whole numbers. */
const ticks = z.union([decimalText(6, 0), z.literal(''), z.null()]).optional();

/** A child order (ENGINE.md 12): the parent's symbol and account; qty defaults to the parent's fill, tif to its tif. */
const childOrderSchema = z
  .object({
    side: z.enum(SIDES),
    orderType: z.enum(ORDER_TYPES),
    qty: quantity.optional(),
    limit: optionalPrice,
    stop: optionalPrice,
    limitTicks: ticks,
    stopTicks: ticks,
    tif: z.enum(TIFS).optional(),
    ...trailFields,
  })
  .strict();

const orderTicketSchema = z.object({
  account: accountId,
  symbol,
  side: z.enum(SIDES),
  qty: quantity,
  orderType: z.enum(ORDER_TYPES),
  limit: optionalPrice,
  stop: optionalPrice,
  tif: z.enum(TIFS),
  clientOrderId: printable(64).optional(),
  /** Journal tags that travel with the order to its trade. */
  tags: tags.optional(),
  ...trailFields,
  /** Orders HELD until this one fills; two or more form one OCO group (a bracket) unless childrenOco is false. */
  children: z.array(childOrderSchema).max(10).optional(),
  childrenOco: z.boolean().optional(),
});
export type OrderTicket = z.infer<typeof orderTicketSchema>;

/** At most this many futures contracts in one settings change (the default table has 17). */
const MAX_CONTRACTS = 100;

const settingsPatchSchema = z.object({
  /** A whole number of ticks from 0 to 100 (the engine says so in words for 1.5 or 101). */
  slippageTicks: decimalText(3, 4).optional(),
  limitFill: z.enum(LIMIT_FILL_MODES).optional(),
  commission: z.object({ EQ: rate, OPT: rate, FUT: rate }).partial().strict().optional(),
  fees: z.object({ EQ: rate, OPT: rate, FUT: rate }).partial().strict().optional(),
  contracts: z
    .record(
      printable(8),
      z.union([
        z.object({ multiplier: decimalText(9, 8), tick: decimalText(6, 10), initialMargin: money }).partial().strict(),
        z.null(),
      ]),
    )
    .refine((table) => Object.keys(table).length <= MAX_CONTRACTS, `at most ${MAX_CONTRACTS} contracts at once`)
    .optional(),
  confirmOrders: z.boolean().optional(),
  marketHours: z.enum(MARKET_HOURS_MODES).optional(),
  /** New York dates with no session (YYYY-MM-DD); the engine checks they exist. */
  closedDates: z.array(z.string().max(10, { abort: true }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-25')).max(400).optional(),
});

/** Trading days, as the journal's byDay names them: the current one, its week (Mon-Fri), its month, or from..to. */
const journalRangeSchema = z.union([
  z.object({ kind: z.enum(['all', 'today', 'week', 'month']) }).strict(),
  z.object({ kind: z.literal('custom'), from: isoDate, to: isoDate }).strict(),
]);
export type JournalRange = z.infer<typeof journalRangeSchema>;

/** Which trades the journal shows and counts; every field narrows, absent ones do not. */
const journalFilterSchema = z.object({
  account: accountId.optional(),
  range: journalRangeSchema.optional(),
  symbol: z.string().trim().min(1).max(40).optional(),
  direction: z.enum(['LONG', 'SHORT']).optional(),
  /** A tag, compared without case; "" selects untagged trades. */
  tag: z.string().trim().max(32).optional(),
});
export type JournalFilter = z.infer<typeof journalFilterSchema>;

export const JOURNAL_SORT_KEYS = [
  'openedAt',
  'closedAt',
  'symbol',
  'direction',
  'maxQty',
  'avgEntry',
  'avgExit',
  'grossPl',
  'commissions',
  'netPl',
  'mae',
  'mfe',
  'durationSeconds',
] as const;
export type JournalSortKey = (typeof JOURNAL_SORT_KEYS)[number];

export const COMMANDS = {
  getSnapshot: z.object({}).strict(),
  placeOrder: orderTicketSchema.strict(),
  /** An OCO group (ENGINE.md 12): 2 to 10 orders of one account; when one fills the others are canceled. */
  placeOco: z.object({ orders: z.array(orderTicketSchema.strict()).min(2).max(10) }).strict(),
  /** What the ticket would cost and need, before sending; or why it cannot be sent. */
  previewOrder: orderTicketSchema.strict(),
  editOrder: z
    .object({
      orderId,
      qty: quantity.optional(),
      orderType: z.enum(ORDER_TYPES).optional(),
      limit: optionalPrice,
      stop: optionalPrice,
      tif: z.enum(TIFS).optional(),
      ...trailFields,
      limitTicks: ticks,
      stopTicks: ticks,
    })
    .strict(),
  cancelOrder: z.object({ orderId }).strict(),
  cancelAll: z.object({ account: accountId }).strict(),
  flatten: z.object({ account: accountId, symbol }).strict(),
  /** ENGINE.md 13: the symbol's orders canceled, then one MKT order of twice the position the other way. */
  reverse: z.object({ account: accountId, symbol }).strict(),
  createAccount: z
    .object({ id: newAccountId, startingBalance: money, margin: z.enum(MARGIN_MODES) })
    .strict(),
  resetAccount: z.object({ account: accountId, startingBalance: money.optional() }).strict(),
  getSettings: z.object({}).strict(),
  updateSettings: settingsPatchSchema.strict(),
  setSource: z
    .union([
      z.object({ kind: z.literal('practice') }).strict(),
      z.object({ kind: z.literal('file'), path: printable(4096) }).strict(),
    ]),
  /** The native file picker (Electron only); the browser host answers NOT_SUPPORTED. */
  pickQuoteFile: z.object({}).strict(),
  /**
   * The account's orders. Without a range: every order, oldest first (as before). With `from`/`to` (trading dates,
   * both included; the day rolls at 17:00 New York): those placed in the range, newest first, `limit` (default 500)
   * at a time, older than order `before` (the last row of the previous page).
   */
  orderHistory: z.object({ account: accountId, limit: z.number().int().positive().max(10_000).optional(), ...historyRange }).strict(),
  /** The account's fills, as orderHistory: with a range, newest first, a page before fill `before`. */
  fillHistory: z.object({ account: accountId, limit: z.number().int().positive().max(10_000).optional(), ...historyRange }).strict(),
  /** An order's event trail, oldest first, each with its time and what it did. */
  orderEvents: z.object({ orderId }).strict(),
  /** The account's opening and resets in a range of trading dates (today without one), newest first. */
  resetHistory: z.object({ account: accountId, from: isoDate.optional(), to: isoDate.optional() }).strict(),
  /** A page of the journal's trades that match, sorted (newest close first by default; open trades count as now). */
  journalTrades: journalFilterSchema
    .extend({
      sort: z.object({ key: z.enum(JOURNAL_SORT_KEYS), descending: z.boolean() }).strict().optional(),
      offset: z.number().int().min(0).max(100_000_000),
      limit: z.number().int().positive().max(1_000),
    })
    .strict(),
  /** One trade with its fills and why each filled. */
  journalTrade: z.object({ id: orderId }).strict(),
  /** Statistics and groupings over the closed trades that match, and their cumulative net P&L in closing order. */
  journalStats: journalFilterSchema.strict(),
  /** Adds or removes a trade's tags, or rewrites its note (up to 4,000 characters). */
  editTrade: z
    .object({ id: orderId, addTags: tags.optional(), removeTags: tags.optional(), note: z.string().max(4_000).optional() })
    .strict(),
  /** Every tag used on a trade so far, as first spelled: what the tag fields offer. */
  journalTags: z.object({}).strict(),
  /** The account's equity curve: roll snapshots, the day's samples and now. */
  equityHistory: z.object({ account: accountId }).strict(),
  /**
   * An account's statement for a range of trading days (REPORTS.md): Electron asks where to save it (the system's
   * save dialog); the browser host answers the file itself, for the window to download.
   */
  exportStatement: z.object({ account: accountId, from: isoDate, to: isoDate, format: z.enum(STATEMENT_FORMATS) }).strict(),
} as const satisfies Record<CommandName, z.ZodType>;

export type CommandRequest<K extends CommandName> = z.input<(typeof COMMANDS)[K]>;
/** A request as main holds it once its schema has parsed it: what a handler receives. */
export type ParsedRequest<K extends CommandName> = z.output<(typeof COMMANDS)[K]>;

/** The schemas by name, typed so that a command's name picks its own request type: dispatch needs no cast. */
export const REQUEST_SCHEMAS: { readonly [K in CommandName]: z.ZodType<ParsedRequest<K>> } = COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'NOT_WORKING'
  | 'EDIT_REJECTED'
  | 'NOT_SUPPORTED'
  | 'SOURCE_ERROR'
  | 'LEDGER_UNWRITABLE'
  | 'INTERNAL';

export interface CommandError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: CommandError };

export interface QuoteView {
  symbol: string;
  description: string | null;
  last: string | null;
  bid: string | null;
  ask: string | null;
  mark: string | null;
  bidSize: string | null;
  askSize: string | null;
  volume: string | null;
  netChange: string | null;
  percentChange: string | null;
  high: string | null;
  low: string | null;
  /** Epoch ms when a value last changed. */
  changedAt: number;
  /** How to show prices: decimals of the instrument's tick, or 32nds for Treasury futures. */
  priceFormat: PriceFormat;
  /** The tick at the current price, for stepping a price field. */
  tick: string;
  /** Whether the symbol's market is open now (stocks: the regular session); null for what cannot be traded. */
  marketOpen: boolean | null;
}


export type SourceState = 'connected' | 'waiting' | 'error' | 'stale' | 'quiet' | 'stopped';

export interface SourceStatusView {
  kind: 'practice' | 'workbook' | 'csv';
  state: SourceState;
  message: string | null;
  path: string | null;
  lastReadAt: number | null;
  lastChangeAt: number | null;
}

export interface WorkingOrderView extends OrderView, Priced {
  /** The engine's own words for why it has not filled yet. */
  why: string | null;
}

/** The ledger cannot be written: why, where, what to do (the banner shows it; orders are refused with message). */
export interface LedgerFaultView {
  why: string;
  where: string;
  what: string;
  /** The whole sentence: "cannot write the ledger: the disk is full (PATH); free some space ...". */
  message: string;
  /** Epoch ms the desk first met it. */
  since: number;
}

/** A journal trade with how its prices show. */
export type JournalTradeRow = TradeView & Priced;

/** A trade and its fills, each with the rule that filled it. */
export interface JournalTradeDetail {
  trade: JournalTradeRow;
  fills: (FillView & Priced)[];
}

/** A point of a curve: epoch seconds (strictly increasing along a curve) and a decimal string. */
export interface CurvePoint {
  time: number;
  value: string;
}

export interface DeskSnapshot {
  /** Epoch ms the snapshot was built. */
  time: number;
  /** The number of the pushed snapshot this is, or (getSnapshot) of the last one pushed before it was built. */
  seq: number;
  /** Which desk (market and ledger) this is: the practice feed's, or the TOS file's. */
  desk: DeskName;
  /** The trading date (YYYY-MM-DD, ENGINE.md 8) and the desk's market hours (ENGINE.md 14). */
  market: { tradingDate: string; hours: MarketHoursMode };
  accounts: (AccountView & { totalReturn: string; totalReturnPercent: string })[];
  positions: (PositionView & Priced)[];
  workingOrders: WorkingOrderView[];
  /** Orders and fills of the current trading day, newest last. */
  orders: (OrderView & Priced)[];
  fills: (FillView & Priced)[];
  quotes: QuoteView[];
  source: SourceStatusView;
  /** Null while the ledger takes writes; else why it cannot, and what to do. */
  ledgerFault: LedgerFaultView | null;
  /** Things the trader should know about this desk's start (settings that could not be read and were kept aside). */
  notices: string[];
  journal: {
    /** Goes up whenever a trade is opened, changed, closed, reset or edited: the journal screen asks again. */
    version: number;
    /** The open trades as they stand now, their excursions live. */
    openTrades: JournalTradeRow[];
  };
}

export interface TerminalSettings {
  slippageTicks: string;
  limitFill: LimitFillMode;
  commission: Record<AssetType, string>;
  fees: Record<AssetType, string>;
  contracts: Record<string, { multiplier: string; tick: string; initialMargin: string }>;
  marketHours: MarketHoursMode;
  closedDates: string[];
  confirmOrders: boolean;
  source: { kind: 'practice' } | { kind: 'file'; path: string };
}

export interface CommandResponses {
  getSnapshot: DeskSnapshot;
  placeOrder: OrderView;
  placeOco: OrderView[];
  previewOrder: OrderPreview;
  editOrder: OrderView;
  cancelOrder: OrderView;
  cancelAll: { canceled: number };
  flatten: OrderView;
  reverse: OrderView;
  createAccount: AccountView;
  resetAccount: AccountView;
  getSettings: TerminalSettings;
  updateSettings: TerminalSettings;
  setSource: SourceStatusView;
  pickQuoteFile: { path: string | null };
  orderHistory: (OrderView & Priced)[];
  fillHistory: (FillView & Priced)[];
  orderEvents: OrderEventView[];
  resetHistory: ResetView[];
  journalTrades: { total: number; offset: number; rows: JournalTradeRow[] };
  journalTrade: JournalTradeDetail;
  journalStats: { stats: StatisticsView; cumulative: CurvePoint[] };
  editTrade: JournalTradeRow;
  journalTags: string[];
  equityHistory: { account: string; startingBalance: string; points: CurvePoint[] };
  exportStatement: ExportedStatement;
}

/**
 * Where an exported statement went: saved to a path, not saved (the dialog was closed), or the file to download;
 * with how many records it holds (`of`: trades for the trades CSV, fills otherwise).
 */
export type ExportedStatement =
  | { kind: 'saved'; path: string; count: number; of: 'fills' | 'trades' }
  | { kind: 'canceled' }
  | { kind: 'download'; fileName: string; mimeType: string; base64: string; count: number; of: 'fills' | 'trades' };

export type { StatementFormat };

export type PushEvent =
  /**
   * With `quotesSince`, `quotes` holds only the rows changed since push number `quotesSince` (same symbols, same
   * order): a window that holds that push applies them over its own, one that does not reads getSnapshot.
   */
  | { type: 'snapshot'; snapshot: DeskSnapshot; quotesSince?: number }
  | { type: 'fill'; fill: FillView & Priced }
  | { type: 'reject'; order: OrderView }
  | { type: 'status'; status: SourceStatusView }
  /** How far an export is: fills read of those in the range, then rows written of about `total`. */
  | { type: 'exportProgress'; stage: 'reading' | 'writing' | 'done'; done: number; total: number }
  /** File > Export statement... (Electron's menu): the window opens its export dialog. */
  | { type: 'openExport' };

/** window.thor: one named function per command, and one subscription to pushed events. */
export type ThorApi = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<Result<CommandResponses[K]>>;
} & {
  subscribe(listener: (event: PushEvent) => void): () => void;
};

// The names and channels live in channels.ts (no zod) for the preload and the browser transport.
export { COMMAND_NAMES, commandChannel, PUSH_CHANNEL, type CommandName } from './channels';
