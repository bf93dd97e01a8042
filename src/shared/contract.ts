// The one contract between the window and the main process: every command with its request schema (zod, checked
// by main before anything reaches the desk) and its response type, and the events main pushes. Both transports
// (Electron IPC through the preload, and the loopback socket of the browser host) carry exactly this.
// Decimals are strings everywhere here. It must never import electron or anything from src/main.
import { z } from 'zod';
import type { CommandName } from './channels';
import { LIMIT_FILL_MODES, MARGIN_MODES, ORDER_TYPES, SIDES, TIFS, type AssetType, type DeskName, type LimitFillMode } from './vocabulary';
import type { AccountView, FillView, OrderPreview, OrderView, PositionView, PriceFormat, Priced } from './views';

export type { OrderPreview, PriceFormat, Priced };

const decimal = z.string().trim().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'must be a decimal number');
const optionalPrice = z.union([decimal, z.literal(''), z.null()]).optional();
const accountId = z.string().min(1).max(32);
const orderId = z.number().int().positive();

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

export interface DeskSnapshot {
  /** Epoch ms the snapshot was built. */
  time: number;
  /** The number of the pushed snapshot this is, or (getSnapshot) of the last one pushed before it was built. */
  seq: number;
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
}

export type PushEvent =
  /**
   * With `quotesSince`, `quotes` holds only the rows changed since push number `quotesSince` (same symbols, same
   * order): a window that holds that push applies them over its own, one that does not reads getSnapshot.
   */
  | { type: 'snapshot'; snapshot: DeskSnapshot; quotesSince?: number }
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
