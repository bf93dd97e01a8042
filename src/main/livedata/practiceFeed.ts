// The embedded practice market: the default source when no TOS file is configured. Each instrument walks on its
// own tick grid with a realistic spread, trades at the bid or the ask, and keeps volume, high, low and the change
// from the previous close. Seeded (pure-rand): a seed gives the same path, at any speed.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { Dec } from '../engine/decimal';
import type { LiveQuote, Snapshot } from './snapshot';

export interface PracticeInstrument {
  readonly symbol: string;
  readonly description: string;
  /** The previous close, where the walk starts. */
  readonly close: string;
  readonly tick: string;
  /** Typical spread in ticks (the walk widens it now and then). */
  readonly spreadTicks: number;
  /** Largest move in ticks per step. */
  readonly stepTicks: number;
  readonly maxSize: number;
}

export const PRACTICE_WATCHLIST: readonly PracticeInstrument[] = [
  { symbol: '/ES', description: 'E-mini S&P 500', close: '6000.00', tick: '0.25', spreadTicks: 1, stepTicks: 2, maxSize: 40 },
  { symbol: '/NQ', description: 'E-mini Nasdaq 100', close: '21500.00', tick: '0.25', spreadTicks: 2, stepTicks: 6, maxSize: 12 },
  { symbol: '/CL', description: 'Crude Oil', close: '70.00', tick: '0.01', spreadTicks: 1, stepTicks: 3, maxSize: 20 },
  { symbol: '/GC', description: 'Gold', close: '2650.0', tick: '0.1', spreadTicks: 2, stepTicks: 4, maxSize: 10 },
  { symbol: 'SPY', description: 'SPDR S&P 500 ETF', close: '600.00', tick: '0.01', spreadTicks: 1, stepTicks: 4, maxSize: 900 },
  { symbol: 'QQQ', description: 'Invesco QQQ Trust', close: '520.00', tick: '0.01', spreadTicks: 1, stepTicks: 5, maxSize: 600 },
  { symbol: 'AAPL', description: 'Apple Inc', close: '230.00', tick: '0.01', spreadTicks: 2, stepTicks: 4, maxSize: 500 },
  { symbol: 'MSFT', description: 'Microsoft Corp', close: '430.00', tick: '0.01', spreadTicks: 3, stepTicks: 6, maxSize: 400 },
  { symbol: 'NVDA', description: 'NVIDIA Corp', close: '140.00', tick: '0.01', spreadTicks: 1, stepTicks: 4, maxSize: 1200 },
  { symbol: 'TSLA', description: 'Tesla Inc', close: '350.00', tick: '0.01', spreadTicks: 4, stepTicks: 10, maxSize: 300 },
];

interface Walk {
  readonly instrument: PracticeInstrument;
  readonly tick: Dec;
  readonly closeTicks: number;
  bidTicks: number;
  spread: number;
  lastTicks: number;
  highTicks: number;
  lowTicks: number;
  volume: number;
  bidSize: number;
  askSize: number;
}

/** A seeded market: every step() moves some instruments and returns the whole board. */
export class PracticeMarket {
  private readonly rng: RandomGenerator;
  private readonly walks: Walk[];

  constructor(
    seed: number,
    instruments: readonly PracticeInstrument[] = PRACTICE_WATCHLIST,
  ) {
    this.rng = xoroshiro128plus(seed);
    this.walks = instruments.map((instrument) => {
      const tick = new Dec(instrument.tick);
      const closeTicks = new Dec(instrument.close).div(tick).toNumber();
      const open = closeTicks + this.int(-20, 20) * instrument.stepTicks;
      return {
        instrument,
        tick,
        closeTicks,
        bidTicks: open,
        spread: instrument.spreadTicks,
        lastTicks: open,
        highTicks: Math.max(open, closeTicks),
        lowTicks: Math.min(open, closeTicks),
        volume: this.int(1_000, 50_000),
        bidSize: this.int(1, instrument.maxSize),
        askSize: this.int(1, instrument.maxSize),
      };
    });
  }

  private int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  step(): Snapshot {
    for (const walk of this.walks) {
      if (this.int(0, 9) < 4) continue; // not every instrument trades every step
      const { instrument } = walk;
      walk.bidTicks = Math.max(1, walk.bidTicks + this.int(-instrument.stepTicks, instrument.stepTicks));
      walk.spread = this.int(0, 9) === 0 ? instrument.spreadTicks + this.int(1, 3) : instrument.spreadTicks;
      const atAsk = this.int(0, 1) === 1;
      walk.lastTicks = atAsk ? walk.bidTicks + walk.spread : walk.bidTicks;
      const size = this.int(1, Math.max(1, Math.floor(instrument.maxSize / 4)));
      walk.volume += size;
      walk.highTicks = Math.max(walk.highTicks, walk.lastTicks);
      walk.lowTicks = Math.min(walk.lowTicks, walk.lastTicks);
      walk.bidSize = this.int(1, instrument.maxSize);
      walk.askSize = this.int(1, instrument.maxSize);
    }
    return this.board();
  }

  board(): Snapshot {
    const quotes = new Map<string, LiveQuote>();
    for (const walk of this.walks) {
      const price = (ticks: number) => walk.tick.times(ticks);
      const last = price(walk.lastTicks);
      const close = price(walk.closeTicks);
      const netChange = last.minus(close);
      quotes.set(walk.instrument.symbol, {
        bid: price(walk.bidTicks).toFixed(),
        ask: price(walk.bidTicks + walk.spread).toFixed(),
        last: last.toFixed(),
        bidSize: String(walk.bidSize),
        askSize: String(walk.askSize),
        volume: String(walk.volume),
        high: price(walk.highTicks).toFixed(),
        low: price(walk.lowTicks).toFixed(),
        close: close.toFixed(),
        netChange: netChange.toFixed(),
        percentChange: netChange.div(close).times(100).toDecimalPlaces(2).toFixed(),
        description: walk.instrument.description,
      });
    }
    return { source: 'practice', quotes, warnings: [] };
  }
}
