// Reads a scenario file (JSON Lines, SCENARIOS.md) into events with their line numbers and times. A line that is
// not JSON, names an unknown type, misses a required field or goes back in time stops the whole run (exit 2);
// a bad value inside a well-formed event is the engine's to report, not ours.

const EVENT_TYPES = ['settings', 'account', 'quote', 'place', 'edit', 'cancel', 'clock', 'reset', 'oco', 'flatten', 'reverse', 'cancelAll'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const REQUIRED: Readonly<Record<EventType, readonly string[]>> = {
  settings: [],
  account: ['id'],
  quote: ['symbol'],
  place: ['ref', 'symbol', 'side', 'qty', 'orderType'],
  edit: ['ref'],
  cancel: ['ref'],
  clock: ['time'],
  reset: [],
  oco: ['orders'],
  flatten: ['symbol'],
  reverse: ['symbol'],
  cancelAll: [],
};

const DEFAULT_START = Date.parse('2026-01-05T14:30:00Z');

export interface ScenarioEvent {
  readonly line: number;
  readonly type: EventType;
  /** Epoch ms: the event's own time, or the previous one. */
  readonly time: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

export class ScenarioFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'ScenarioFormatError';
  }
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseTime(value: unknown, line: number): number {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value.trim())) {
    throw new ScenarioFormatError(line, `time must be ISO 8601 with an offset or Z (got ${JSON.stringify(value)})`);
  }
  const ms = Date.parse(value.trim());
  if (Number.isNaN(ms)) throw new ScenarioFormatError(line, `time ${JSON.stringify(value)} is not a real date`);
  return ms;
}

export function parseScenario(text: string): ScenarioEvent[] {
  const events: ScenarioEvent[] = [];
  let time = DEFAULT_START;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new ScenarioFormatError(line, `not valid JSON (${(error as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ScenarioFormatError(line, 'an event must be a JSON object');
    }
    const fields = parsed as Record<string, unknown>;
    const type = fields.type;
    if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
      throw new ScenarioFormatError(line, `unknown event type ${JSON.stringify(type)} (one of ${EVENT_TYPES.join(', ')})`);
    }
    for (const field of REQUIRED[type as EventType]) {
      if (fields[field] === undefined || fields[field] === null) {
        throw new ScenarioFormatError(line, `a ${type} event needs "${field}"`);
      }
    }
    if (fields.time !== undefined) {
      const next = parseTime(fields.time, line);
      if (events.length > 0 && next < time) {
        throw new ScenarioFormatError(
          line,
          `time goes backwards: ${new Date(next).toISOString()} is before the previous event's ${new Date(time).toISOString()}`,
        );
      }
      time = next;
    }
    events.push({ line, type: type as EventType, time, fields });
  });
  return events;
}

/** The time the run starts at: the first event's time, or the default. */
export function startTime(events: readonly ScenarioEvent[]): number {
  return events[0]?.time ?? DEFAULT_START;
}
