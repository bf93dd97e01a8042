// Text the report files are made of: New York dates and times, amounts and prices as thinkorswim writes them, CSV
// fields, and where the text goes (a file stream with back-pressure, or memory for a download).
// Formatting only: every figure arrives computed; nothing here rounds a value the reader did not already hold.
import { createWriteStream, type WriteStream } from 'node:fs';
import { IANAZone } from 'luxon';
import type { Dec } from '../engine/decimal';
import { groupThousands } from '../../shared/format';

const HOUR = 3_600_000;
const NEW_YORK = IANAZone.create('America/New_York');
const offsets = new Map<number, number>();

/** New York's local time as a UTC-based Date (its getUTC* fields read New York's wall clock). */
export function newYork(ms: number): Date {
  return new Date(newYorkMs(ms));
}

/** New York's wall clock as milliseconds since the epoch read as UTC (newYork without the Date). */
export function newYorkMs(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    // The offset changes only on whole hours, so one answer per UTC hour is exact.
    offset = NEW_YORK.offset(hour * HOUR) * 60_000;
    offsets.set(hour, offset);
  }
  return ms + offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 6/21/22 */
export function tosDate(ms: number): string {
  const d = newYork(ms);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${two(d.getUTCFullYear() % 100)}`;
}

const DAY_MS = 86_400_000;
// Each second of the day's text, made once: a month's 100,000 times read the same few thousand clock readings.
const clock: string[] = [];

/** 15:23:42 */
export function tosTime(ms: number): string {
  const second = Math.floor((((newYorkMs(ms) % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
  return (clock[second] ??= `${two(Math.floor(second / 3600))}:${two(Math.floor(second / 60) % 60)}:${two(second % 60)}`);
}

/** 6/21/22 for a trading day YYYY-MM-DD. */
export function tosDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${m}/${d}/${two(y % 100)}`;
}

/** At least `decimals` decimals, more when the value carries them: exact, never rounded. */
export function exact(value: Dec, decimals = 2): string {
  return value.toFixed(Math.max(decimals, value.decimalPlaces()));
}

/** -2,810.00: signed, grouped, exact with at least two decimals (Cash Balance rows). */
export function amount(value: Dec): string {
  return groupThousands(`${value.isNegative() && !value.isZero() ? '-' : ''}${exact(value.abs())}`);
}

/** $5,309.70 and ($70.56): totals and summaries. Exact unless `cents` (rounded half even to the cent). */
export function dollars(value: Dec, cents = false): string {
  const shown = cents ? value.toDecimalPlaces(2) : value;
  const text = amount(shown.abs());
  return shown.isNegative() && !shown.isZero() ? `($${text})` : `$${text}`;
}

/** +0.87%, 0.00%, -1.20% */
export function percent(value: Dec | null): string {
  if (value === null || value.isZero()) return '0.00%';
  const text = value.abs().toFixed(2);
  return `${value.isNegative() ? '-' : '+'}${text}%`;
}

/** +100 / -100, no grouping (Trade History rows hold no comma). */
export function signedQty(qty: Dec, side: 'BUY' | 'SELL'): string {
  return `${side === 'BUY' ? '+' : '-'}${qty.abs().toFixed()}`;
}

/** A CSV field: quoted when it holds a comma, a quote or a line break (as TOS quotes "5,003.76"). */
export function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function row(fields: readonly string[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i += 1) out += (i === 0 ? '' : ',') + field(fields[i]!);
  return out;
}

/** Where a report's text goes, in pieces. */
export interface TextSink {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

const CHUNK = 64 * 1024;

/** Rows written so far of about `total` (the app's progress indication). */
export type RowProgress = (done: number, total: number) => void;

/** How often a writer says how far it is. */
export const PROGRESS_ROWS = 2_000;

/** Buffers lines into chunks of about 64 KB and waits for the file to drain: 20,000 fills never make one string. */
export class LineWriter {
  private buffer = '';
  private lines = 0;
  constructor(
    private readonly sink: TextSink,
    private readonly progress?: { readonly total: number; readonly report: RowProgress },
  ) {}

  async line(text: string): Promise<void> {
    this.buffer += `${text}\n`;
    if (this.progress && ++this.lines % PROGRESS_ROWS === 0) this.progress.report(this.lines, this.progress.total);
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    await this.sink.write(chunk);
  }

  async end(): Promise<void> {
    await this.flush();
    await this.sink.end();
  }
}

export function fileSink(path: string): TextSink {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  return {
    write: (text) =>
      stream.write(text) ? Promise.resolve() : Promise.race([new Promise<void>((resolve) => stream.once('drain', resolve)), failed]),
    end: () => Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]),
  };
}

/** Collects the text in memory (a download in the browser host, tests). */
export function memorySink(): TextSink & { text(): string } {
  const parts: string[] = [];
  return {
    write: (text) => {
      parts.push(text);
      return Promise.resolve();
    },
    end: () => Promise.resolve(),
    text: () => parts.join(''),
  };
}
