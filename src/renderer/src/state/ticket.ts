// The order ticket: what the trader is typing, the engine's preview of it, the confirmation step and the last
// refusal. Prices stay the strings typed (or clicked from the watchlist); main parses and checks them.
import { create } from 'zustand';
import type { OrderPreview } from '../../../shared/contract';
import type { OrderType, Side, Tif } from '../../../shared/vocabulary';

export type { OrderType, Side, Tif };

export interface TicketFields {
  symbol: string;
  side: Side;
  qty: string;
  orderType: OrderType;
  limit: string;
  stop: string;
  tif: Tif;
}

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

const EMPTY: TicketFields = { symbol: '', side: 'BUY', qty: '100', orderType: 'LMT', limit: '', stop: '', tif: 'DAY' };

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
