// The trading day's moments in New York time (ENGINE.md section 8): the 17:00 roll and the DAY-order expiries.
// Weekdays only: the Friday 17:00 roll opens Monday's day, as TOS and the CME count it (docs/engine.md).
import { DateTime } from 'luxon';
import type { AssetType } from './settings';

const NEW_YORK = 'America/New_York';
const ROLL_HOUR = 17;
const EQUITY_CLOSE_HOUR = 16;

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
