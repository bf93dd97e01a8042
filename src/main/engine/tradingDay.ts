// The trading day's moments in New York time (ENGINE.md section 8): the 17:00 roll and the DAY-order expiries.
// Weekdays only: the Friday 17:00 roll opens Monday's day, as TOS and the CME count it (docs/engine.md).
import { DateTime } from 'luxon';
import { isGoodTillCanceled, type Tif } from '../../shared/vocabulary';
import { sessionAt, sessionKind } from './marketHours';
import type { AssetType, Settings } from './settings';

const NEW_YORK = 'America/New_York';
const ROLL_HOUR = 17;
const EQUITY_CLOSE_HOUR = 16;
const EXTENDED_CLOSE_HOUR = 20;

// The answer stays the same from one asking moment until the moment it names: remember the last one per hour,
// so the tick path does not do time-zone arithmetic on every call.
const lastAnswer = new Map<number, { from: number; until: number }>();

/** The first weekday hh:00 New York time strictly after `ms`. */
function nextWeekdayAt(ms: number, hour: number): number {
  const known = lastAnswer.get(hour);
  if (known && ms >= known.from && ms < known.until) return known.until;
  const until = computeNextWeekdayAt(ms, hour);
  lastAnswer.set(hour, { from: ms, until });
  return until;
}

function computeNextWeekdayAt(ms: number, hour: number): number {
  const here = DateTime.fromMillis(ms, { zone: NEW_YORK });
  let candidate = here.set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (candidate.toMillis() <= ms) candidate = candidate.plus({ days: 1 });
  while (candidate.weekday > 5) candidate = candidate.plus({ days: 1 });
  return candidate.set({ hour, minute: 0, second: 0, millisecond: 0 }).toMillis();
}

/** The latest weekday hh:00 New York time at or before `ms`. */
function lastWeekdayAt(ms: number, hour: number): number {
  const here = DateTime.fromMillis(ms, { zone: NEW_YORK });
  let candidate = here.set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (candidate.toMillis() > ms) candidate = candidate.minus({ days: 1 });
  while (candidate.weekday > 5) candidate = candidate.minus({ days: 1 });
  return candidate.set({ hour, minute: 0, second: 0, millisecond: 0 }).toMillis();
}

export function nextRollAfter(ms: number): number {
  return nextWeekdayAt(ms, ROLL_HOUR);
}

/** The roll that opened the trading day `ms` belongs to. */
export function rollAtOrBefore(ms: number): number {
  return lastWeekdayAt(ms, ROLL_HOUR);
}

/** When a DAY order placed at `placedAt` expires: stocks and options at the 16:00 close, futures at the roll. */
export function dayOrderExpiry(assetType: AssetType, placedAt: number): number {
  return assetType === 'FUT' ? nextRollAfter(placedAt) : nextWeekdayAt(placedAt, EQUITY_CLOSE_HOUR);
}

/**
 * When a DAY or EXT order placed at `placedAt` expires. `exchange` hours: at the end of the first session of its
 * market that ends after it was placed (closed dates skipped, so one placed after the close works the next
 * session). `always`: stocks and options at 16:00 (EXT at 20:00), futures at the roll, weekdays.
 */
export function orderExpiry(assetType: AssetType, tif: Tif, placedAt: number, settings: Settings): number | null {
  if (isGoodTillCanceled(tif)) return null;
  if (settings.marketHours === 'exchange') return sessionAt(sessionKind(assetType, tif), placedAt, settings.closedDates).end;
  return tif === 'EXT' ? nextWeekdayAt(placedAt, EXTENDED_CLOSE_HOUR) : dayOrderExpiry(assetType, placedAt);
}

/** The trading date of ENGINE.md 8 (YYYY-MM-DD, New York): the day the next 17:00 roll closes. */
export function tradingDate(ms: number): string {
  return DateTime.fromMillis(nextRollAfter(ms), { zone: NEW_YORK }).toISODate() ?? '';
}

/**
 * The moments a range of trading dates covers (both YYYY-MM-DD, New York; `to` included): from the roll that opened
 * `from` to the roll that closes `to`, so a day is 17:00 to 17:00 whatever DST does. A weekend date is Monday's
 * trading day, as tradingDate counts it. Null for text that is not a date.
 */
export function tradingDayRange(from: string, to: string): { start: number; end: number } | null {
  const first = DateTime.fromISO(from, { zone: NEW_YORK });
  const last = DateTime.fromISO(to, { zone: NEW_YORK });
  if (!first.isValid || !last.isValid) return null;
  const start = rollAtOrBefore(first.set({ hour: ROLL_HOUR }).toMillis() - 1);
  const end = nextRollAfter(rollAtOrBefore(last.set({ hour: ROLL_HOUR }).toMillis() - 1));
  return { start, end };
}
