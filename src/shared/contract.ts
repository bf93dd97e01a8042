// The one contract between the window and the main process: every command with its request schema (zod, checked
// by main before anything reaches the desk) and its response type, and the events main pushes. Both transports
// (Electron IPC through the preload, and the loopback socket of the browser host) carry exactly this.
// Decimals are strings everywhere here. It must never import electron or anything from src/main.
import { z } from 'zod';
import type { CommandName } from './channels';
import { LIMIT_FILL_MODES, MARGIN_MODES, ORDER_TYPES, SIDES, TIFS, type AssetType, type DeskName, type LimitFillMode } from './vocabulary';
import type { AccountView, FillView, OrderPreview, OrderView, PositionView, PriceFormat, Priced, StatisticsView, TradeView } from './views';

export type { OrderPreview, PriceFormat, Priced, StatisticsView, TradeView };

const decimal = z.string().trim().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'must be a decimal number');
const optionalPrice = z.union([decimal, z.literal(''), z.null()]).optional();
const accountId = z.string().min(1).max(32);
const orderId = z.number().int().positive();
/** A journal tag (JOURNAL.md 4): 1 to 32 characters once trimmed; at most 10 on a ticket or an edit. */
const tag = z.string().trim().min(1).max(32);
const tags = z.array(tag).max(10);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const orderTicketSchema = z.object({
  account: accountId,
  symbol: z.string().min(1).max(40),
  side: z.enum(SIDES),
  qty: decimal,
  orderType: z.enum(ORDER_TYPES),
  limit: optionalPrice,
  stop: optionalPrice,
  tif: z.enum(TIFS),
  clientOrderId: z.string().min(1).max(64).optional(),
  /** Journal tags that travel with the order to its trade. */
  tags: tags.optional(),
});
export type OrderTicket = z.infer<typeof orderTicketSchema>;

const settingsPatchSchema = z.object({
  slippageTicks: decimal.optional(),
  limitFill: z.enum(LIMIT_FILL_MODES).optional(),
  commission: z.object({ EQ: decimal, OPT: decimal, FUT: decimal }).partial().optional(),
  fees: z.object({ EQ: decimal, OPT: decimal, FUT: decimal }).partial().optional(),
  contracts: z
    .record(
      z.string().min(1).max(8),
      z.union([z.object({ multiplier: decimal, tick: decimal, initialMargin: decimal }).partial(), z.null()]),
    )
    .optional(),
  confirmOrders: z.boolean().optional(),
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
  /** What the ticket would cost and need, before sending; or why it cannot be sent. */
  previewOrder: orderTicketSchema.strict(),
  editOrder: z
    .object({
      orderId,
      qty: decimal.optional(),
      orderType: z.enum(ORDER_TYPES).optional(),
      limit: optionalPrice,
      stop: optionalPrice,
      tif: z.enum(TIFS).optional(),
    })
    .strict(),
  cancelOrder: z.object({ orderId }).strict(),
  cancelAll: z.object({ account: accountId }).strict(),
  flatten: z.object({ account: accountId, symbol: z.string().min(1).max(40) }).strict(),
  createAccount: z
    .object({ id: accountId, startingBalance: decimal, margin: z.enum(MARGIN_MODES) })
    .strict(),
  resetAccount: z.object({ account: accountId, startingBalance: decimal.optional() }).strict(),
  getSettings: z.object({}).strict(),
  updateSettings: settingsPatchSchema.strict(),
  setSource: z
    .union([
      z.object({ kind: z.literal('practice') }).strict(),
      z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict(),
    ]),
  /** The native file picker (Electron only); the browser host answers NOT_SUPPORTED. */
  pickQuoteFile: z.object({}).strict(),
  orderHistory: z.object({ account: accountId, limit: z.number().int().positive().max(10_000).optional() }).strict(),
  fillHistory: z.object({ account: accountId, limit: z.number().int().positive().max(10_000).optional() }).strict(),
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
  /** Which desk (market and ledger) this is: the practice feed's, or the TOS file's. */
  desk: DeskName;
  accounts: (AccountView & { totalReturn: string; totalReturnPercent: string })[];
  positions: (PositionView & Priced)[];
  workingOrders: WorkingOrderView[];
  /** Orders and fills of the current trading day, newest last. */
  orders: (OrderView & Priced)[];
  fills: (FillView & Priced)[];
  quotes: QuoteView[];
  source: SourceStatusView;
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
  confirmOrders: boolean;
  source: { kind: 'practice' } | { kind: 'file'; path: string };
}

export interface CommandResponses {
  getSnapshot: DeskSnapshot;
  placeOrder: OrderView;
  previewOrder: OrderPreview;
  editOrder: OrderView;
  cancelOrder: OrderView;
  cancelAll: { canceled: number };
  flatten: OrderView;
  createAccount: AccountView;
  resetAccount: AccountView;
  getSettings: TerminalSettings;
  updateSettings: TerminalSettings;
  setSource: SourceStatusView;
  pickQuoteFile: { path: string | null };
  orderHistory: OrderView[];
  fillHistory: FillView[];
  journalTrades: { total: number; offset: number; rows: JournalTradeRow[] };
  journalTrade: JournalTradeDetail;
  journalStats: { stats: StatisticsView; cumulative: CurvePoint[] };
  editTrade: JournalTradeRow;
  journalTags: string[];
  equityHistory: { account: string; startingBalance: string; points: CurvePoint[] };
}

export type PushEvent =
  | { type: 'snapshot'; snapshot: DeskSnapshot }
  | { type: 'fill'; fill: FillView & Priced }
  | { type: 'reject'; order: OrderView }
  | { type: 'status'; status: SourceStatusView };

/** window.thor: one named function per command, and one subscription to pushed events. */
export type ThorApi = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<Result<CommandResponses[K]>>;
} & {
  subscribe(listener: (event: PushEvent) => void): () => void;
};

// The names and channels live in channels.ts (no zod) for the preload and the browser transport.
export { COMMAND_NAMES, commandChannel, PUSH_CHANNEL, type CommandName } from './channels';
