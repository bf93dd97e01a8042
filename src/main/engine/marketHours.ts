// Market hours of ENGINE.md 14: when an order's market is open for it, in New York time, Monday to Friday, less the
// closed dates of the settings. Pure: it reads a moment and the settings, never the clock, and decides nothing about
// fills (the engine asks it whether an order may fill or trigger now, and when its market opens).
import { DateTime } from 'luxon';
import { isExtendedTif, type AssetType, type Tif } from '../../shared/vocabulary';
import type { Settings } from './settings';

const NEW_YORK = 'America/New_York';

/**
 * The sessions an order trades in: stocks and options in the regular session, EXT/GTC_EXT stock orders in the
 * regular and extended ones (contiguous, so one window 07:00-20:00), futures from 18:00 the evening before to 17:00.
 */
export type SessionKind = 'regular' | 'extended' | 'futures';

export function sessionKind(assetType: AssetType, tif: Tif): SessionKind {
  if (assetType === 'FUT') return 'futures';
  return assetType === 'EQ' && isExtendedTif(tif) ? 'extended' : 'regular';
}

/** Each window includes its start and excludes its end (ms since the epoch). */
export interface Session {
  readonly open: boolean;
  /** Open: when this session began. Closed: when the next one begins. */
  readonly start: number;
  /** Open: when this session ends. Closed: when the next one ends. */
  readonly end: number;
}

/** The session of trading date `day` (a New York midnight), whether or not the day trades. */
function windowOf(kind: SessionKind, day: DateTime): { start: number; end: number } {
  const at = (d: DateTime, hour: number, minute = 0) => d.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
  switch (kind) {
    case 'regular':
      return { start: at(day, 9, 30), end: at(day, 16) };
    case 'extended':
      return { start: at(day, 7), end: at(day, 20) };
    case 'futures':
      return { start: at(day.minus({ days: 1 }), 18), end: at(day, 17) };
  }
}

function trades(day: DateTime, closedDates: readonly string[]): boolean {
  return day.weekday <= 5 && !closedDates.includes(day.toISODate() ?? '');
}

// The answer stays the same until the moment it names: remember the last one per kind, so the tick path does not
// do time-zone arithmetic on every quote. A change of the closed dates (a new array) forgets it.
const lastAnswer = new Map<SessionKind, { from: number; until: number; closedDates: readonly string[]; session: Session }>();

/** The session open at `ms` for `kind`, or the next one (open: false) when the market is closed. */
export function sessionAt(kind: SessionKind, ms: number, closedDates: readonly string[]): Session {
  const known = lastAnswer.get(kind);
  if (known && known.closedDates === closedDates && ms >= known.from && ms < known.until) return known.session;
  const session = computeSession(kind, ms, closedDates);
  lastAnswer.set(kind, { from: session.open ? session.start : ms, until: session.open ? session.end : session.start, closedDates, session });
  return session;
}

function computeSession(kind: SessionKind, ms: number, closedDates: readonly string[]): Session {
  // A session containing or following `ms` ends on its trading date or later; a year of closed dates is the most
  // a settings list could hold back.
  let day = DateTime.fromMillis(ms, { zone: NEW_YORK }).startOf('day');
  for (let i = 0; i < 370 + closedDates.length; i += 1, day = day.plus({ days: 1 })) {
    if (!trades(day, closedDates)) continue;
    const { start, end } = windowOf(kind, day);
    if (end > ms) return { open: start <= ms, start, end };
  }
  return { open: false, start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY };
}

/** Whether an order of this asset type and TIF may fill or trigger at `ms` under the settings' market hours. */
export function marketOpenFor(assetType: AssetType, tif: Tif, ms: number, settings: Settings): boolean {
  return settings.marketHours === 'always' || sessionAt(sessionKind(assetType, tif), ms, settings.closedDates).open;
}

/** "market closed: opens 09:30 New York" (a later day named: "opens Monday 09:30 New York"). */
export function marketClosedText(kind: SessionKind, ms: number, closedDates: readonly string[]): string {
  const next = sessionAt(kind, ms, closedDates);
  if (!Number.isFinite(next.start)) return 'market closed';
  const now = DateTime.fromMillis(ms, { zone: NEW_YORK });
  const opens = DateTime.fromMillis(next.start, { zone: NEW_YORK });
  const days = opens.startOf('day').diff(now.startOf('day'), 'days').days;
  const day = days < 1 ? '' : days < 7 ? `${opens.toFormat('cccc')} ` : `${opens.toFormat('cccc yyyy-MM-dd')} `;
  return `market closed: opens ${day}${opens.toFormat('HH:mm')} New York`;
}
