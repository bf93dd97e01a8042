// The order ticket: what the trader is typing, the engine's preview of it, the confirmation step and the last
// refusal; the trailing terms, the OCO mode's second order and the bracket's ticks (remembered per futures root and
// once for stocks, in localStorage). Prices stay the strings typed (or clicked from the watchlist); main parses and
// checks them. It must never work out a real price: the ticket's "≈" bracket prices are display only.
import { create } from 'zustand';
import type { OrderPreview } from '../../../shared/contract';
import type { OrderType, Side, Tif, TrailRef, TrailUnit } from '../../../shared/vocabulary';

export type { OrderType, Side, Tif, TrailRef, TrailUnit };

/** The OCO mode's second order: same symbol, account and TIF as the first; its own side, qty, type and prices. */
export interface OcoLeg {
  side: Side;
  qty: string;
  orderType: OrderType;
  limit: string;
  stop: string;
}

export interface TicketFields {
  symbol: string;
  side: Side;
  qty: string;
  orderType: OrderType;
  limit: string;
  stop: string;
  tif: Tif;
  /** ENGINE.md 11, for TRAIL_STP and TRAIL_STP_LMT: the offset, its unit, what it trails, the limit offset. */
  trailOffset: string;
  trailUnit: TrailUnit;
  trailRef: TrailRef;
  limitOffset: string;
  /** One order, an OCO pair (this and `oco`), or a TRG w/ bracket (a take-profit and a stop-loss in ticks). */
  mode: TicketMode;
  oco: OcoLeg;
  takeProfitTicks: string;
  stopLossTicks: string;
}

export type TicketMode = 'SINGLE' | 'OCO' | 'BRACKET';

export interface TicketState extends TicketFields {
  preview: OrderPreview | null;
  /** Why the engine would refuse the ticket as typed (from previewOrder), in its words. */
  previewError: string | null;
  /** Why the last send was refused; kept apart so a late preview cannot wipe it. */
  sendError: string | null;
  /** The confirmation step is showing the order in words. */
  confirming: boolean;
  sending: boolean;
  /** Counts sends: the preview is asked again after one, as the account's buying power moved. */
  sent: number;
  /** Journal tags for the next orders, comma separated as typed; they travel with the order to its trade. */
  tags: string;
}

const EMPTY_LEG: OcoLeg = { side: 'SELL', qty: '100', orderType: 'STP', limit: '', stop: '' };
const EMPTY: TicketFields = {
  symbol: '',
  side: 'BUY',
  qty: '100',
  orderType: 'LMT',
  limit: '',
  stop: '',
  tif: 'DAY',
  trailOffset: '',
  trailUnit: 'PRICE',
  trailRef: 'MARK',
  limitOffset: '',
  mode: 'SINGLE',
  oco: EMPTY_LEG,
  takeProfitTicks: '',
  stopLossTicks: '',
};

export const useTicket = create<TicketState>()(() => ({
  ...EMPTY,
  preview: null,
  previewError: null,
  sendError: null,
  confirming: false,
  sending: false,
  tags: '',
  sent: 0,
}));

/** A change to what the ticket says: the old refusal and confirmation no longer apply to it. */
export function editTicket(patch: Partial<TicketFields>): void {
  useTicket.setState({ ...patch, sendError: null, confirming: false });
}

export function editOcoLeg(patch: Partial<OcoLeg>): void {
  useTicket.setState((s) => ({ oco: { ...s.oco, ...patch }, sendError: null, confirming: false }));
}

/**
 * Where a bracket's ticks are remembered: the futures root ("/ESZ25" -> "/ES", "/ES" -> "/ES"), or one key for every
 * stock and option.
 */
export function bracketKey(symbol: string): string {
  const s = symbol.trim().toUpperCase();
  if (!s.startsWith('/')) return 'STOCKS';
  const dated = /^(\/[A-Z0-9]+?)[FGHJKMNQUVXZ]\d{1,2}$/.exec(s);
  return dated ? dated[1]! : s;
}

const BRACKET_PREFIX = 'thor.bracket.';
const DEFAULT_BRACKET = { takeProfitTicks: '8', stopLossTicks: '8' };

/** The ticks last used for a bracket on this root (or the stocks' ones); 8 and 8 before any. */
export function rememberedBracket(symbol: string): { takeProfitTicks: string; stopLossTicks: string } {
  try {
    const saved: unknown = JSON.parse(window.localStorage.getItem(BRACKET_PREFIX + bracketKey(symbol)) ?? 'null');
    if (saved && typeof saved === 'object' && 'takeProfitTicks' in saved && 'stopLossTicks' in saved) {
      const { takeProfitTicks, stopLossTicks } = saved;
      if (typeof takeProfitTicks === 'string' && typeof stopLossTicks === 'string') return { takeProfitTicks, stopLossTicks };
    }
  } catch {
    // Unreadable or unavailable storage: the defaults.
  }
  return DEFAULT_BRACKET;
}

/** Keeps a sent bracket's ticks for the next bracket on the same root. */
export function rememberBracket(symbol: string, ticks: { takeProfitTicks: string; stopLossTicks: string }): void {
  try {
    window.localStorage.setItem(BRACKET_PREFIX + bracketKey(symbol), JSON.stringify(ticks));
  } catch {
    // Storage can be unavailable (a locked-down profile): the ticks then last until the window closes.
  }
}

/** Switches the ticket's mode; a bracket starts from the ticks remembered for the symbol's root. */
export function setTicketMode(mode: TicketMode): void {
  const { symbol, side, qty, oco, mode: before } = useTicket.getState();
  if (mode === 'BRACKET') editTicket({ mode, ...rememberedBracket(symbol) });
  // The second order starts as a stop of the same side and size: the usual breakout or exit pair.
  else if (mode === 'OCO' && before !== 'OCO') editTicket({ mode, oco: { ...oco, side, qty } });
  else editTicket({ mode });
}

/**
 * A click on a quote's bid or ask, as in TOS: the bid sells at the bid, the ask buys at the ask, as a limit order.
 * The quantity and TIF the trader set stay.
 */
export function ticketFromQuote(symbol: string, side: Side, price: string): void {
  editTicket({ symbol, side, orderType: 'LMT', limit: price, stop: '' });
}

export function clearTicket(): void {
  useTicket.setState({ ...EMPTY, preview: null, previewError: null, sendError: null, confirming: false });
}
