// The History screen's state (issue 12): the range of trading dates shown, the orders and fills main sent for it a
// page at a time, the resets in it, and the order trails opened. Every row and text came from main; this store only
// works out which trading dates "Yesterday" and "This week" are (calendar arithmetic on main's trading date).
import { create } from 'zustand';
import type { CommandResponses, OrderEventView, ResetView } from '../../../shared/contract';
import { run } from './thor';

export const HISTORY_PAGE = 300;

export type HistoryPreset = 'today' | 'yesterday' | 'week' | 'custom';
export type HistoryTab = 'orders' | 'fills';
export type HistoryOrder = CommandResponses['orderHistory'][number];
export type HistoryFill = CommandResponses['fillHistory'][number];

export interface HistoryState {
  preset: HistoryPreset;
  /** Trading dates, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  tab: HistoryTab;
  /** Bumps with every new question, so a late answer to an old one is dropped. */
  generation: number;
  orders: readonly HistoryOrder[];
  fills: readonly HistoryFill[];
  /** Whether the last page was full: there may be older rows. */
  moreOrders: boolean;
  moreFills: boolean;
  resets: readonly ResetView[];
  /** Orders whose trail is open, with the trail once main sent it. */
  open: Readonly<Record<number, readonly OrderEventView[] | null>>;
  loading: boolean;
  error: string | null;
}

export const useHistory = create<HistoryState>()(() => ({
  preset: 'today',
  from: '',
  to: '',
  tab: 'orders',
  generation: 0,
  orders: [],
  fills: [],
  moreOrders: false,
  moreFills: false,
  resets: [],
  open: {},
  loading: false,
  error: null,
}));

/** Days between two YYYY-MM-DD dates, as calendar dates (UTC arithmetic, no time zone involved). */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The trading date before `date`: trading days are Monday to Friday (ENGINE.md 8), so Monday's is Friday. */
export function previousTradingDate(date: string): string {
  let d = addDays(date, -1);
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, -1);
  return d;
}

/** The dates a preset covers, with `today` the desk's trading date. */
export function presetRange(preset: Exclude<HistoryPreset, 'custom'>, today: string): { from: string; to: string } {
  if (preset === 'today') return { from: today, to: today };
  if (preset === 'yesterday') {
    const day = previousTradingDate(today);
    return { from: day, to: day };
  }
  const back = (weekday(today) + 6) % 7; // days since Monday
  return { from: addDays(today, -back), to: today };
}

export function setHistoryTab(tab: HistoryTab): void {
  useHistory.setState({ tab });
}

/** Shows a preset or a custom range, then asks main for its first pages. */
export async function showRange(account: string | null, preset: HistoryPreset, today: string, custom?: { from: string; to: string }): Promise<void> {
  const range = preset === 'custom' ? custom! : presetRange(preset, today);
  useHistory.setState({ preset, from: range.from, to: range.to, open: {} });
  await refreshHistory(account);
}

/** The first page of orders and fills of the range shown, and its resets; trails already open are asked again. */
export async function refreshHistory(account: string | null): Promise<void> {
  const generation = useHistory.getState().generation + 1;
  useHistory.setState({ generation, loading: true });
  const { from, to, open } = useHistory.getState();
  if (!account || !from) {
    useHistory.setState({ orders: [], fills: [], resets: [], moreOrders: false, moreFills: false, loading: false });
    return;
  }
  const openIds = Object.keys(open).map(Number);
  const [orders, fills, resets, ...trails] = await Promise.all([
    run((t) => t.orderHistory({ account, from, to, limit: HISTORY_PAGE })),
    run((t) => t.fillHistory({ account, from, to, limit: HISTORY_PAGE })),
    run((t) => t.resetHistory({ account, from, to })),
    ...openIds.map((orderId) => run((t) => t.orderEvents({ orderId }))),
  ]);
  if (useHistory.getState().generation !== generation) return;
  const failed = [orders, fills, resets].find((r) => !r.ok);
  useHistory.setState({
    orders: orders.ok ? orders.data : [],
    fills: fills.ok ? fills.data : [],
    moreOrders: orders.ok && orders.data.length === HISTORY_PAGE,
    moreFills: fills.ok && fills.data.length === HISTORY_PAGE,
    resets: resets.ok ? resets.data : [],
    open: Object.fromEntries(openIds.map((id, i) => [id, trails[i]?.ok ? trails[i].data : null])),
    loading: false,
    error: failed && !failed.ok ? failed.error.message : null,
  });
}

/** The next page of the tab's rows, older than the last one shown. */
export async function loadMore(account: string | null, tab: HistoryTab): Promise<void> {
  const s = useHistory.getState();
  if (!account || s.loading || !(tab === 'orders' ? s.moreOrders : s.moreFills)) return;
  const generation = s.generation;
  useHistory.setState({ loading: true });
  const request = { account, from: s.from, to: s.to, limit: HISTORY_PAGE };
  if (tab === 'orders') {
    const before = s.orders.at(-1)?.id;
    const page = await run((t) => t.orderHistory({ ...request, ...(before ? { before } : {}) }));
    if (useHistory.getState().generation !== generation) return;
    useHistory.setState((now) => ({
      orders: page.ok ? [...now.orders, ...page.data] : now.orders,
      moreOrders: page.ok && page.data.length === HISTORY_PAGE,
      loading: false,
    }));
  } else {
    const before = s.fills.at(-1)?.id;
    const page = await run((t) => t.fillHistory({ ...request, ...(before ? { before } : {}) }));
    if (useHistory.getState().generation !== generation) return;
    useHistory.setState((now) => ({
      fills: page.ok ? [...now.fills, ...page.data] : now.fills,
      moreFills: page.ok && page.data.length === HISTORY_PAGE,
      loading: false,
    }));
  }
}

/** Opens an order's trail (asking main for it) or closes it. */
export async function toggleTrail(orderId: number): Promise<void> {
  const { open } = useHistory.getState();
  if (orderId in open) {
    const { [orderId]: _closed, ...rest } = open;
    useHistory.setState({ open: rest });
    return;
  }
  useHistory.setState({ open: { ...open, [orderId]: null } });
  const trail = await run((t) => t.orderEvents({ orderId }));
  if (!(orderId in useHistory.getState().open)) return;
  useHistory.setState((now) => ({ open: { ...now.open, [orderId]: trail.ok ? trail.data : [] } }));
}
