// The journal screen's state: which screen shows, the filter and sort, the pages of trades main sent, the statistics,
// the curves, the calendar month, the trade opened in detail and the tags offered. Every figure here came from main;
// this store only asks again when the filter, the sort or the journal's version changes.
import { create } from 'zustand';
import type {
  CommandResponses,
  CurvePoint,
  JournalFilter,
  JournalRange,
  JournalSortKey,
  JournalTradeDetail,
  JournalTradeRow,
  StatisticsView,
} from '../../../shared/contract';
import { run } from './thor';

export const PAGE_SIZE = 200;

export type Screen = 'trade' | 'journal' | 'history';

export interface JournalState {
  screen: Screen;
  range: JournalRange;
  symbol: string;
  direction: '' | 'LONG' | 'SHORT';
  tag: string | null;
  sort: { key: JournalSortKey; descending: boolean };
  /** Bumps on every new question, so a late answer to an old one is dropped. */
  generation: number;
  total: number;
  pages: Readonly<Record<number, readonly JournalTradeRow[]>>;
  stats: StatisticsView | null;
  cumulative: readonly CurvePoint[];
  equity: CommandResponses['equityHistory'] | null;
  /** The calendar's month, "YYYY-MM", and its days' net P&L. */
  month: string | null;
  monthDays: StatisticsView['byDay'];
  selected: number | null;
  detail: JournalTradeDetail | null;
  tagsUsed: readonly string[];
  error: string | null;
}

export const useJournal = create<JournalState>()(() => ({
  screen: 'trade',
  range: { kind: 'all' },
  symbol: '',
  direction: '',
  tag: null,
  sort: { key: 'closedAt', descending: true },
  generation: 0,
  total: 0,
  pages: {},
  stats: null,
  cumulative: [],
  equity: null,
  month: null,
  monthDays: {},
  selected: null,
  detail: null,
  tagsUsed: [],
  error: null,
}));

export function showScreen(screen: Screen): void {
  useJournal.setState({ screen });
}

/** The filter as the contract takes it, for the account the desk shows. */
export function journalFilter(s: JournalState, account: string | null): JournalFilter {
  return {
    ...(account ? { account } : {}),
    range: s.range,
    ...(s.symbol.trim() ? { symbol: s.symbol.trim().toUpperCase() } : {}),
    ...(s.direction ? { direction: s.direction } : {}),
    ...(s.tag !== null ? { tag: s.tag } : {}),
  };
}

/** Everything the screen shows asked again: the first page, the statistics, the curves, the calendar, the detail. */
export async function refreshJournal(account: string | null): Promise<void> {
  const generation = useJournal.getState().generation + 1;
  useJournal.setState({ generation });
  const s = useJournal.getState();
  const filter = journalFilter(s, account);
  const month = s.month ?? monthOf(s.range) ?? currentMonth();
  const monthFilter = { ...filter, range: monthRange(month) };
  const [page, stats, equity, days, tags, detail] = await Promise.all([
    run((t) => t.journalTrades({ ...filter, sort: s.sort, offset: 0, limit: PAGE_SIZE })),
    run((t) => t.journalStats(filter)),
    account ? run((t) => t.equityHistory({ account })) : Promise.resolve(null),
    run((t) => t.journalStats(monthFilter)),
    run((t) => t.journalTags({})),
    s.selected !== null ? run((t) => t.journalTrade({ id: s.selected! })) : Promise.resolve(null),
  ]);
  if (useJournal.getState().generation !== generation) return;
  const error = [page, stats, days].find((r) => !r.ok);
  useJournal.setState({
    total: page.ok ? page.data.total : 0,
    pages: page.ok ? { 0: page.data.rows } : {},
    stats: stats.ok ? stats.data.stats : null,
    cumulative: stats.ok ? stats.data.cumulative : [],
    equity: equity?.ok ? equity.data : null,
    month,
    monthDays: days.ok ? days.data.stats.byDay : {},
    tagsUsed: tags.ok ? tags.data : [],
    detail: detail?.ok ? detail.data : null,
    error: error && !error.ok ? error.error.message : null,
  });
}

/** The page holding row `index`, asked for when the table scrolls to it. */
export async function loadPage(account: string | null, index: number): Promise<void> {
  const s = useJournal.getState();
  const page = Math.floor(index / PAGE_SIZE);
  if (s.pages[page]) return;
  const generation = s.generation;
  const result = await run((t) => t.journalTrades({ ...journalFilter(s, account), sort: s.sort, offset: page * PAGE_SIZE, limit: PAGE_SIZE }));
  if (!result.ok || useJournal.getState().generation !== generation) return;
  useJournal.setState((now) => ({ pages: { ...now.pages, [page]: result.data.rows } }));
}

export function setFilter(patch: Partial<Pick<JournalState, 'range' | 'symbol' | 'direction' | 'tag' | 'sort' | 'month'>>): void {
  useJournal.setState(patch);
}

export async function selectTrade(id: number | null): Promise<void> {
  useJournal.setState({ selected: id, detail: null });
  if (id === null) return;
  const result = await run((t) => t.journalTrade({ id }));
  if (result.ok && useJournal.getState().selected === id) useJournal.setState({ detail: result.data });
}

/** Adds or removes tags, or saves the note; the pushed version then refreshes the screen. */
export async function editTrade(id: number, edit: { addTags?: string[]; removeTags?: string[]; note?: string }): Promise<string | null> {
  const result = await run((t) => t.editTrade({ id, ...edit }));
  if (!result.ok) return result.error.message;
  useJournal.setState((s) => (s.detail && s.detail.trade.id === id ? { detail: { ...s.detail, trade: result.data } } : {}));
  return null;
}

function currentMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

function monthOf(range: JournalRange): string | null {
  return range.kind === 'custom' ? range.from.slice(0, 7) : null;
}

/** The trading days of a month, as a custom range. */
export function monthRange(month: string): JournalRange {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { kind: 'custom', from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
