// The Journal screen, beside the trading screen: filters (range, symbol, direction, tag), the performance cards, the
// equity and cumulative P&L charts, the calendar of daily net P&L, "what worked / what didn't", the trades table
// (virtualized, sortable) and a trade's detail. It shows what main computed and never adds up P&L itself.
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent, type UIEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { JournalSortKey, JournalTradeRow, StatisticsView } from '../../../../shared/contract';
import type { GroupStatisticsView } from '../../../../shared/views';
import { compareDecimals, formatMoney, formatPercent, formatQuantity } from '../../../../shared/format';
import { PnL, Price, Qty } from '../../components/figures';
import { selectedAccountId, useDesk } from '../../state/desk';
import {
  editTrade,
  loadPage,
  monthRange,
  PAGE_SIZE,
  refreshJournal,
  selectTrade,
  setFilter,
  shiftMonth,
  useJournal,
} from '../../state/journal';
import { openExport } from '../../state/exporting';
import { CurveChart } from './Charts';
import { ExportDialog } from './ExportDialog';

const ROW_HEIGHT = 24;
const NONE = '—';

export function Journal() {
  const account = useDesk(selectedAccountId);
  const version = useDesk((s) => s.journalVersion);
  const { range, symbol, direction, tag, sort, month } = useJournal(
    useShallow((s) => ({ range: s.range, symbol: s.symbol, direction: s.direction, tag: s.tag, sort: s.sort, month: s.month })),
  );
  useEffect(() => {
    void refreshJournal(account);
  }, [account, version, range, symbol, direction, tag, sort, month]);
  const error = useJournal((s) => s.error);
  return (
    <main className="journal" data-testid="journal" aria-label="Journal">
      <FilterBar />
      {error && <p className="ticket-error" role="alert">{error}</p>}
      <Cards />
      <div className="journal-middle">
        <Charts />
        <Calendar />
        <Groupings />
      </div>
      <div className="journal-bottom">
        <TradesTable account={account} />
        <Detail />
      </div>
      <ExportDialog />
    </main>
  );
}

const RANGES = [
  ['all', 'All'],
  ['today', 'Today'],
  ['week', 'This week'],
  ['month', 'This month'],
] as const;

function FilterBar() {
  const { range, symbol, direction, tag, tagsUsed, total } = useJournal(
    useShallow((s) => ({ range: s.range, symbol: s.symbol, direction: s.direction, tag: s.tag, tagsUsed: s.tagsUsed, total: s.total })),
  );
  const [from, setFrom] = useState(range.kind === 'custom' ? range.from : '');
  const [to, setTo] = useState(range.kind === 'custom' ? range.to : '');
  useEffect(() => {
    if (range.kind === 'custom') {
      setFrom(range.from);
      setTo(range.to);
    }
  }, [range]);
  const applyCustom = () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to)) setFilter({ range: { kind: 'custom', from, to } });
  };
  return (
    <div className="journal-filters panel-title" role="toolbar" aria-label="Journal filters">
      <div className="side-toggle" role="group" aria-label="Range">
        {RANGES.map(([kind, label]) => (
          <button key={kind} type="button" data-testid={`range-${kind}`} className={range.kind === kind ? 'on' : ''} aria-pressed={range.kind === kind} onClick={() => setFilter({ range: { kind } })}>
            {label}
          </button>
        ))}
      </div>
      <label className="field inline">
        <span>From</span>
        <input type="date" data-testid="range-from" value={from} onChange={(e) => setFrom(e.target.value)} onBlur={applyCustom} onKeyDown={(e) => e.key === 'Enter' && applyCustom()} />
      </label>
      <label className="field inline">
        <span>To</span>
        <input type="date" data-testid="range-to" value={to} onChange={(e) => setTo(e.target.value)} onBlur={applyCustom} onKeyDown={(e) => e.key === 'Enter' && applyCustom()} />
      </label>
      <label className="field inline">
        <span>Symbol</span>
        <input data-testid="filter-symbol" size={8} value={symbol} spellCheck={false} onChange={(e) => setFilter({ symbol: e.target.value.toUpperCase() })} />
      </label>
      <label className="field inline">
        <span>Side</span>
        <select data-testid="filter-direction" value={direction} onChange={(e) => setFilter({ direction: e.target.value === 'LONG' || e.target.value === 'SHORT' ? e.target.value : '' })}>
          <option value="">Both</option>
          <option value="LONG">Long</option>
          <option value="SHORT">Short</option>
        </select>
      </label>
      <label className="field inline">
        <span>Tag</span>
        <select data-testid="filter-tag" value={tag === null ? '*' : tag} onChange={(e) => setFilter({ tag: e.target.value === '*' ? null : e.target.value })}>
          <option value="*">Any</option>
          <option value="">(untagged)</option>
          {tagsUsed.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <span className="spacer" />
      <span className="muted small" data-testid="journal-count">
        {formatQuantity(String(total))} trades
      </span>
      <button type="button" data-testid="journal-export" title="Export statement (Ctrl+E)" onClick={openExport}>
        Export...
      </button>
    </div>
  );
}

function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return NONE;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}

function ratio(value: string | null): string {
  return value === null ? NONE : formatMoney(value, 2);
}

function Card({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="stat-card">
      <div className="muted small">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

function Cards() {
  const stats = useJournal((s) => s.stats);
  if (!stats) return <div className="stat-cards" />;
  const n = stats.trades;
  return (
    <div className="stat-cards" aria-label="Performance">
      <Card label="Net P/L" testId="stat-net">
        <PnL value={stats.netPl} />
      </Card>
      <Card label="Win rate" testId="stat-winrate">
        <span className="num">{stats.winRate === null ? NONE : formatPercent(stats.winRate, 1, false)}</span>{' '}
        <span className="muted small">
          {stats.winners} of {n}
        </span>
      </Card>
      <Card label="Profit factor" testId="stat-pf">
        <span className="num">{ratio(stats.profitFactor)}</span>
      </Card>
      <Card label="Expectancy" testId="stat-expectancy">
        <PnL value={stats.expectancy} /> <span className="muted small">/ trade, {n}</span>
      </Card>
      <Card label="Avg win / loss" testId="stat-avg">
        <PnL value={stats.avgWin} /> <span className="muted">/</span> <PnL value={stats.avgLoss} />
      </Card>
      <Card label="Largest win / loss" testId="stat-largest">
        <PnL value={stats.largestWin} /> <span className="muted">/</span> <PnL value={stats.largestLoss} />
      </Card>
      <Card label="Max drawdown" testId="stat-drawdown">
        <PnL value={stats.maxDrawdown === '0' ? '0' : `-${stats.maxDrawdown}`} />
      </Card>
      <Card label="Streaks W / L" testId="stat-streaks">
        <span className="num up">{stats.maxConsecutiveWins}</span> <span className="muted">/</span> <span className="num down">{stats.maxConsecutiveLosses}</span>
      </Card>
      <Card label="Avg MAE / MFE" testId="stat-excursions">
        <PnL value={stats.avgMae} /> <span className="muted">/</span> <PnL value={stats.avgMfe} />
      </Card>
      <Card label="Avg duration" testId="stat-duration">
        <span className="num">{duration(stats.avgDurationSeconds)}</span>
      </Card>
    </div>
  );
}

function Charts() {
  const { equity, cumulative, answered } = useJournal(useShallow((s) => ({ equity: s.equity, cumulative: s.cumulative, answered: s.stats !== null || s.error !== null })));
  // The charts are made once the first answers are on screen: the trades and the cards come first.
  return (
    <div className="journal-charts">
      <CurveChart testId="chart-equity" label="Equity (net liq) against the starting balance" points={equity?.points ?? []} base={equity?.startingBalance ?? '0'} show={answered} />
      <CurveChart testId="chart-cumulative" label="Cumulative net P/L of closed trades" points={cumulative} base="0" show={answered} />
    </div>
  );
}

const WEEK = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function Calendar() {
  const { month, days, range } = useJournal(useShallow((s) => ({ month: s.month, days: s.monthDays, range: s.range })));
  if (!month) return <section className="panel journal-calendar" />;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, m - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const count = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const cells: (string | null)[] = [...Array<null>(lead).fill(null)];
  for (let d = 1; d <= count; d += 1) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  const picked = range.kind === 'custom' && range.from === range.to ? range.from : null;
  return (
    <section className="panel journal-calendar" aria-label="Daily net P/L" data-testid="journal-calendar">
      <header className="panel-title">
        <button type="button" className="ghost" aria-label="Previous month" onClick={() => setFilter({ month: shiftMonth(month, -1) })}>
          ‹
        </button>
        <span>{month}</span>
        <button type="button" className="ghost" aria-label="Next month" onClick={() => setFilter({ month: shiftMonth(month, 1) })}>
          ›
        </button>
        <button type="button" className="ghost small" onClick={() => setFilter({ range: monthRange(month) })}>
          whole month
        </button>
      </header>
      <div className="calendar-grid">
        {WEEK.map((d) => (
          <div key={d} className="calendar-head muted small">
            {d}
          </div>
        ))}
        {cells.map((day, i) => {
          if (!day) return <div key={`lead-${i}`} />;
          const group = days[day];
          const tone = group ? (compareDecimals(group.netPl, '0') > 0 ? 'up-cell' : compareDecimals(group.netPl, '0') < 0 ? 'down-cell' : '') : '';
          return (
            <button
              key={day}
              type="button"
              data-testid={`day-${day}`}
              className={`calendar-day ${tone} ${picked === day ? 'picked' : ''}`}
              title={group ? `${group.trades} trades` : 'no trades'}
              onClick={() => setFilter({ range: { kind: 'custom', from: day, to: day } })}
            >
              <span className="muted small">{Number(day.slice(8))}</span>
              {group && (
                <span className="small">
                  <PnL value={group.netPl} />
                </span>
              )}
            </button>
          );
        })}
      </div>
    </section>
  );
}

const GROUPINGS = [
  ['byTag', 'Tag'],
  ['bySymbol', 'Symbol'],
  ['byDirection', 'Side'],
  ['byHour', 'Hour'],
  ['byWeekday', 'Weekday'],
] as const;

function Groupings() {
  const stats = useJournal((s) => s.stats);
  const [by, setBy] = useState<(typeof GROUPINGS)[number][0]>('byTag');
  const rows = useMemo(() => sortedGroups(stats, by), [stats, by]);
  return (
    <section className="panel journal-groups" aria-label="What worked and what didn't">
      <header className="panel-title tabs" role="tablist">
        <span>What worked</span>
        {GROUPINGS.map(([key, label]) => (
          <button key={key} type="button" role="tab" data-testid={`group-${key}`} aria-selected={by === key} className={by === key ? 'tab on' : 'tab'} onClick={() => setBy(key)}>
            {label}
          </button>
        ))}
      </header>
      <div className="table-wrap">
        <table className="grid">
          <thead>
            <tr>
              <th className="left">{GROUPINGS.find((g) => g[0] === by)![1]}</th>
              <th>Trades</th>
              <th>Win rate</th>
              <th>Net P/L</th>
              <th>Expectancy</th>
              <th>PF</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, g]) => (
              <tr key={key} data-testid={`group-row-${key || 'untagged'}`}>
                <td className="left">{key === '' ? <span className="muted">(untagged)</span> : key}</td>
                <td className="num">{g.trades}</td>
                <td className="num">{g.winRate === null ? NONE : formatPercent(g.winRate, 1, false)}</td>
                <td className="num">
                  <PnL value={g.netPl} />
                </td>
                <td className="num">
                  <PnL value={g.expectancy} />
                </td>
                <td className="num">{ratio(g.profitFactor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="empty">No closed trades.</p>}
      </div>
    </section>
  );
}

/** Best expectancy first: what worked on top, what didn't at the bottom. */
function sortedGroups(stats: StatisticsView | null, by: (typeof GROUPINGS)[number][0]): [string, GroupStatisticsView][] {
  if (!stats) return [];
  return Object.entries(stats[by]).sort((a, b) => compareDecimals(b[1].expectancy, a[1].expectancy));
}

const COLUMNS: { key: JournalSortKey | null; label: string; left?: boolean }[] = [
  { key: 'direction', label: 'Side', left: true },
  { key: 'symbol', label: 'Symbol', left: true },
  { key: 'openedAt', label: 'Opened', left: true },
  { key: 'closedAt', label: 'Closed', left: true },
  { key: 'maxQty', label: 'Qty' },
  { key: 'avgEntry', label: 'Entry' },
  { key: 'avgExit', label: 'Exit' },
  { key: 'grossPl', label: 'Gross' },
  { key: 'commissions', label: 'Comm' },
  { key: 'netPl', label: 'Net' },
  { key: 'mae', label: 'MAE' },
  { key: 'mfe', label: 'MFE' },
  { key: 'durationSeconds', label: 'Duration' },
  { key: null, label: 'Tags', left: true },
];

function TradesTable({ account }: { account: string | null }) {
  const { total, sort, selected } = useJournal(useShallow((s) => ({ total: s.total, sort: s.sort, selected: s.selected })));
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(400);
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = wrap.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - 5);
  const last = Math.min(total, Math.ceil((top + height) / ROW_HEIGHT) + 5);
  useEffect(() => {
    void loadPage(account, first);
    if (last > 0) void loadPage(account, last - 1);
  }, [account, first, last, total]);
  const onScroll = (event: UIEvent<HTMLDivElement>) => setTop(event.currentTarget.scrollTop);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const pages = useJournal.getState().pages;
    const index = selected === null ? -1 : indexOf(pages, selected);
    const next = Math.max(0, Math.min(total - 1, index + (event.key === 'ArrowDown' ? 1 : -1)));
    const row = pages[Math.floor(next / PAGE_SIZE)]?.[next % PAGE_SIZE];
    if (row) void selectTrade(row.id);
  };
  const indexes = [];
  for (let i = first; i < last; i += 1) indexes.push(i);
  return (
    <section className="panel journal-trades" aria-label="Trades">
      <div className="table-wrap" ref={wrap} onScroll={onScroll} tabIndex={0} onKeyDown={onKeyDown} data-testid="journal-trades">
        <table className="grid journal-grid">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.label} className={c.left ? 'left' : undefined} aria-sort={c.key === sort.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                  {c.key ? (
                    <button type="button" className="sort" data-testid={`sort-${c.key}`} onClick={() => setFilter({ sort: { key: c.key!, descending: c.key === sort.key ? !sort.descending : true } })}>
                      {c.label}
                      {c.key === sort.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr style={{ height: first * ROW_HEIGHT }} aria-hidden />}
            {indexes.map((i) => (
              <TradeLine key={i} index={i} />
            ))}
            {last < total && <tr style={{ height: (total - last) * ROW_HEIGHT }} aria-hidden />}
          </tbody>
        </table>
        {total === 0 && <p className="empty">No trades match.</p>}
      </div>
    </section>
  );
}

function indexOf(pages: Readonly<Record<number, readonly JournalTradeRow[]>>, id: number): number {
  for (const [page, rows] of Object.entries(pages)) {
    const at = rows.findIndex((r) => r.id === id);
    if (at >= 0) return Number(page) * PAGE_SIZE + at;
  }
  return -1;
}

// One formatter for every cell: toLocaleString with options builds a new one per call (most of a row's render time).
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const time = (iso: string | null) => (iso ? TIME_FORMAT.format(new Date(iso)) : NONE);

const TradeLine = memo(function TradeLine({ index }: { index: number }) {
  const stored = useJournal((s) => s.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE]);
  // An open trade as the last push measured it: its excursions move with the quotes.
  const live = useDesk((s) => (stored && stored.status === 'OPEN' ? s.openTrades.find((t) => t.id === stored.id) : undefined));
  const selected = useJournal((s) => stored !== undefined && s.selected === stored.id);
  const trade = live ?? stored;
  if (!trade) {
    return (
      <tr style={{ height: ROW_HEIGHT }}>
        <td colSpan={COLUMNS.length} className="muted">
          …
        </td>
      </tr>
    );
  }
  return (
    <tr
      style={{ height: ROW_HEIGHT }}
      className={selected ? 'selected' : undefined}
      data-testid={`trade-row-${trade.id}`}
      data-status={trade.status}
      onClick={() => void selectTrade(trade.id)}
    >
      <td className={`left ${trade.direction === 'LONG' ? 'buy-text' : 'sell-text'}`}>
        {trade.direction}
        {trade.status !== 'CLOSED' && <span className="muted small"> {trade.status}</span>}
      </td>
      <td className="left symbol">{trade.symbol}</td>
      <td className="left num muted">{time(trade.openedAt)}</td>
      <td className="left num muted">{time(trade.closedAt)}</td>
      <td className="num">
        <Qty value={trade.maxQty} />
      </td>
      <td className="num">
        <Price value={trade.avgEntry} format={trade.priceFormat} tick={trade.tick} />
      </td>
      <td className="num">
        <Price value={trade.avgExit} format={trade.priceFormat} tick={trade.tick} />
      </td>
      <td className="num">
        <PnL value={trade.grossPl} />
      </td>
      <td className="num">{formatMoney(trade.commissions)}</td>
      <td className="num">
        <PnL value={trade.netPl} testId="trade-net" />
      </td>
      <td className="num">
        <PnL value={trade.mae} />
      </td>
      <td className="num">
        <PnL value={trade.mfe} testId="trade-mfe" />
      </td>
      <td className="num">{duration(trade.durationSeconds)}</td>
      <td className="left small" data-testid="trade-tags">
        {trade.tags.join(', ')}
      </td>
    </tr>
  );
});

function Detail() {
  const { detail, tagsUsed } = useJournal(useShallow((s) => ({ detail: s.detail, tagsUsed: s.tagsUsed })));
  const live = useDesk((s) => (detail ? s.openTrades.find((t) => t.id === detail.trade.id) : undefined));
  const [tagText, setTagText] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const id = detail?.trade.id;
  const savedNote = detail?.trade.note ?? '';
  useEffect(() => {
    setNote(savedNote);
    setMessage(null);
  }, [id, savedNote]);
  if (!detail) {
    return (
      <section className="panel journal-detail" aria-label="Trade detail">
        <p className="empty">Select a trade (click, or ↑↓ in the table) to see its fills, excursions, tags and note.</p>
      </section>
    );
  }
  const trade = live ?? detail.trade;
  const addTag = async () => {
    const text = tagText.trim();
    if (!text) return;
    const problem = await editTrade(trade.id, { addTags: [text] });
    setMessage(problem);
    if (!problem) setTagText('');
  };
  const saveNote = async () => setMessage(await editTrade(trade.id, { note }));
  return (
    <section className="panel journal-detail" aria-label="Trade detail" data-testid="trade-detail">
      <header className="panel-title">
        <span className={trade.direction === 'LONG' ? 'buy-text' : 'sell-text'}>{trade.direction}</span>
        <span>{trade.symbol}</span>
        <span className="muted small">
          #{trade.id} {trade.status}
        </span>
        <span className="spacer" />
        <button type="button" className="ghost" aria-label="Close detail" onClick={() => void selectTrade(null)}>
          ✕
        </button>
      </header>
      <div className="detail-body">
        <dl className="detail-figures">
          <div>
            <dt>Net</dt>
            <dd>
              <PnL value={trade.netPl} testId="detail-net" />
            </dd>
          </div>
          <div>
            <dt>MAE</dt>
            <dd>
              <PnL value={trade.mae} testId="detail-mae" />
            </dd>
          </div>
          <div>
            <dt>MFE</dt>
            <dd>
              <PnL value={trade.mfe} testId="detail-mfe" />
            </dd>
          </div>
          <div>
            <dt>ETD</dt>
            <dd>
              <PnL value={trade.etd} testId="detail-etd" />
            </dd>
          </div>
        </dl>
        <table className="grid">
          <thead>
            <tr>
              <th className="left">Time</th>
              <th className="left">Side</th>
              <th>Qty</th>
              <th>Price</th>
              <th className="left">Why it filled</th>
            </tr>
          </thead>
          <tbody>
            {detail.fills.map((f) => (
              <tr key={f.id} data-testid="detail-fill">
                <td className="left num muted">{time(f.time)}</td>
                <td className={`left ${f.side === 'BUY' ? 'buy-text' : 'sell-text'}`}>{f.side}</td>
                <td className="num">
                  <Qty value={f.qty} />
                </td>
                <td className="num">
                  <Price value={f.price} format={f.priceFormat} tick={f.tick} />
                </td>
                <td className="left reason small">{f.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="detail-tags" data-testid="detail-tags">
          {trade.tags.map((t) => (
            <span key={t} className="tag-chip">
              {t}
              <button type="button" aria-label={`Remove tag ${t}`} onClick={() => void editTrade(trade.id, { removeTags: [t] }).then(setMessage)}>
                ×
              </button>
            </span>
          ))}
          <input
            data-testid="detail-tag-input"
            list="journal-tags-used"
            placeholder="add tag, Enter"
            maxLength={32}
            value={tagText}
            onChange={(e) => setTagText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void addTag();
              }
            }}
          />
          <datalist id="journal-tags-used">
            {tagsUsed.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <textarea
          data-testid="detail-note"
          className="detail-note"
          maxLength={4000}
          placeholder="Note (Ctrl+Enter saves)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.ctrlKey) {
              e.preventDefault();
              void saveNote();
            }
          }}
        />
        <div className="ticket-actions">
          {message && (
            <span className="ticket-error" role="alert">
              {message}
            </span>
          )}
          <span className="spacer" />
          <button type="button" data-testid="detail-save-note" disabled={note === savedNote} onClick={() => void saveNote()}>
            Save note
          </button>
        </div>
      </div>
    </section>
  );
}
