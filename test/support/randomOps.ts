// Random trading sessions for property, restart and crash tests: quotes that wander on each instrument's tick
// grid, orders of every type around the market, edits, cancels, clock moves across the close and the roll, resets.
import fc from 'fast-check';
import type { PaperDesk } from '../../src/main/desk/desk';
import { Dec } from '../../src/main/engine/decimal';

interface Market {
  readonly symbol: string;
  readonly base: string;
  readonly tick: string;
}

export const MARKETS: readonly Market[] = [
  { symbol: 'AAPL', base: '200', tick: '0.01' },
  { symbol: '/ES', base: '6000', tick: '0.25' },
  { symbol: '.AAPL260116C200', base: '5', tick: '0.01' },
];

export type Op =
  | { kind: 'quote'; market: number; level: number; halfSpread: number; lastAt: number; dropLast: boolean }
  | {
      kind: 'place';
      market: number;
      side: 'BUY' | 'SELL';
      qty: number;
      orderType: 'MKT' | 'LMT' | 'STP' | 'STP_LMT';
      limitAt: number;
      stopAt: number;
      tif: 'DAY' | 'GTC';
      clientOrderId: string | null;
    }
  | { kind: 'edit'; pick: number; qty: number | null; limitAt: number | null; stopAt: number | null }
  | { kind: 'cancel'; pick: number }
  | { kind: 'clock'; minutes: number }
  | { kind: 'reset' }
  // Linked and trailing orders (ENGINE.md 11-13): only in linkedOpArbitrary.
  | { kind: 'bracket'; market: number; side: 'BUY' | 'SELL'; qty: number; limitAt: number; takeTicks: number; stopTicks: number; childQty: number | null; trail: boolean }
  | { kind: 'oco'; market: number; side: 'BUY' | 'SELL'; qty: number; aboveAt: number; belowAt: number }
  | { kind: 'trail'; market: number; side: 'BUY' | 'SELL'; qty: number; offsetTicks: number; unit: 'PRICE' | 'TICKS' | 'PERCENT'; limit: boolean }
  | { kind: 'flatten' | 'reverse'; market: number }
  | { kind: 'cancelAll' };

const market = fc.integer({ min: 0, max: MARKETS.length - 1 });
const ticksAway = fc.integer({ min: -30, max: 30 });

export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('quote' as const), market, level: fc.integer({ min: -60, max: 60 }), halfSpread: fc.integer({ min: 0, max: 3 }), lastAt: fc.integer({ min: -3, max: 3 }), dropLast: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      market,
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      qty: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: fc.integer({ min: 50, max: 400 }) }),
      orderType: fc.constantFrom('MKT' as const, 'LMT' as const, 'STP' as const, 'STP_LMT' as const),
      limitAt: ticksAway,
      stopAt: ticksAway,
      tif: fc.constantFrom('DAY' as const, 'GTC' as const),
      clientOrderId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { freq: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), qty: fc.option(fc.integer({ min: 1, max: 300 })), limitAt: fc.option(ticksAway), stopAt: fc.option(ticksAway) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), minutes: fc.integer({ min: 1, max: 600 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

/** Sessions with brackets, OCO groups, trailing stops, flatten, reverse and cancel all mixed in. */
export const linkedOpArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: opArbitrary },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('bracket' as const),
      market,
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      qty: fc.integer({ min: 1, max: 5 }),
      limitAt: ticksAway,
      takeTicks: fc.integer({ min: 1, max: 20 }),
      stopTicks: fc.integer({ min: 1, max: 20 }),
      childQty: fc.option(fc.integer({ min: 1, max: 8 })),
      trail: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('oco' as const),
      market,
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      qty: fc.integer({ min: 1, max: 5 }),
      aboveAt: fc.integer({ min: -3, max: 20 }),
      belowAt: fc.integer({ min: -20, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('trail' as const),
      market,
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      qty: fc.integer({ min: 1, max: 5 }),
      offsetTicks: fc.integer({ min: 1, max: 10 }),
      unit: fc.constantFrom('PRICE' as const, 'TICKS' as const, 'PERCENT' as const),
      limit: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('flatten' as const, 'reverse' as const), market }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancelAll' as const }) },
);

/** A market's price `ticks` away from its current level (never below one tick). */
function priceAt(m: Market, level: number, ticks: number): string {
  const tick = new Dec(m.tick);
  const price = new Dec(m.base).plus(tick.times(level + ticks));
  return Dec.max(price, tick).toFixed();
}

/** Applies ops to a desk; remembers placed orders (for edits and cancels) and each market's level. */
export class Session {
  readonly orderIds: number[] = [];
  private readonly levels = MARKETS.map(() => 0);

  constructor(
    private desk: PaperDesk,
    private readonly advance: (minutes: number) => void,
  ) {}

  useDesk(desk: PaperDesk) {
    this.desk = desk;
  }

  apply(op: Op): void {
    const desk = this.desk;
    switch (op.kind) {
      case 'quote': {
        const m = MARKETS[op.market]!;
        this.levels[op.market] = op.level;
        desk.applyQuote({
          symbol: m.symbol,
          bid: new Dec(priceAt(m, op.level, -op.halfSpread)),
          ask: new Dec(priceAt(m, op.level, op.halfSpread)),
          last: op.dropLast ? null : new Dec(priceAt(m, op.level, op.lastAt)),
        });
        return;
      }
      case 'place': {
        const m = MARKETS[op.market]!;
        const level = this.levels[op.market]!;
        const result = desk.placeOrder({
          symbol: m.symbol,
          side: op.side,
          qty: op.qty,
          orderType: op.orderType,
          limit: priceAt(m, level, op.limitAt),
          stop: priceAt(m, level, op.stopAt),
          tif: op.tif,
          clientOrderId: op.clientOrderId ?? undefined,
        });
        if (result.ok && !this.orderIds.includes(result.value.id)) this.orderIds.push(result.value.id);
        return;
      }
      case 'edit': {
        if (this.orderIds.length === 0) return;
        const id = this.orderIds[op.pick % this.orderIds.length]!;
        const order = desk.state.orderById(id);
        if (!order) return;
        const m = MARKETS.find((x) => x.symbol === order.symbol)!;
        const level = this.levels[MARKETS.indexOf(m)]!;
        desk.editOrder(id, {
          ...(op.qty !== null ? { qty: op.qty } : {}),
          ...(op.limitAt !== null ? { limit: priceAt(m, level, op.limitAt) } : {}),
          ...(op.stopAt !== null ? { stop: priceAt(m, level, op.stopAt) } : {}),
        });
        return;
      }
      case 'cancel': {
        if (this.orderIds.length === 0) return;
        desk.cancelOrder(this.orderIds[op.pick % this.orderIds.length]!);
        return;
      }
      case 'clock':
        this.advance(op.minutes);
        desk.catchUp();
        return;
      case 'reset':
        desk.resetAccount('main');
        return;
      case 'bracket': {
        const m = MARKETS[op.market]!;
        const level = this.levels[op.market]!;
        const out = op.side === 'BUY' ? 'SELL' : 'BUY';
        const sign = op.side === 'BUY' ? 1 : -1;
        const qty = op.childQty ?? undefined;
        const result = desk.placeOrder({
          symbol: m.symbol,
          side: op.side,
          qty: op.qty,
          orderType: 'LMT',
          limit: priceAt(m, level, op.limitAt),
          tif: 'GTC',
          children: [
            { side: out, orderType: 'LMT', qty, limitTicks: sign * op.takeTicks },
            op.trail
              ? { side: out, orderType: 'TRAIL_STP', qty, trailOffset: op.stopTicks, trailUnit: 'TICKS' }
              : { side: out, orderType: 'STP', qty, stopTicks: -sign * op.stopTicks },
          ],
        });
        if (result.ok) this.remember(result.value.id, result.value.id + 1, result.value.id + 2);
        return;
      }
      case 'oco': {
        const m = MARKETS[op.market]!;
        const level = this.levels[op.market]!;
        const result = desk.placeOco({
          orders: [
            { symbol: m.symbol, side: op.side, qty: op.qty, orderType: op.side === 'BUY' ? 'STP' : 'LMT', stop: priceAt(m, level, op.aboveAt), limit: priceAt(m, level, op.aboveAt), tif: 'GTC' },
            { symbol: m.symbol, side: op.side, qty: op.qty, orderType: op.side === 'BUY' ? 'LMT' : 'STP', stop: priceAt(m, level, op.belowAt), limit: priceAt(m, level, op.belowAt), tif: 'GTC' },
          ],
        });
        if (result.ok) this.remember(...result.value.map((o) => o.id));
        return;
      }
      case 'trail': {
        const m = MARKETS[op.market]!;
        const offset = op.unit === 'PRICE' ? new Dec(m.tick).times(op.offsetTicks).toFixed() : String(op.offsetTicks);
        const result = desk.placeOrder({
          symbol: m.symbol,
          side: op.side,
          qty: op.qty,
          orderType: op.limit ? 'TRAIL_STP_LMT' : 'TRAIL_STP',
          trailOffset: offset,
          trailUnit: op.unit,
          ...(op.limit ? { limitOffset: m.tick } : {}),
          tif: 'GTC',
        });
        if (result.ok) this.remember(result.value.id);
        return;
      }
      case 'flatten':
      case 'reverse': {
        const m = MARKETS[op.market]!;
        const result = op.kind === 'flatten' ? desk.flatten('main', m.symbol) : desk.reverse('main', m.symbol);
        if (result.ok && result.value.order) this.remember(result.value.order.id);
        return;
      }
      case 'cancelAll':
        desk.cancelAll('main');
        return;
    }
  }

  private remember(...ids: number[]) {
    for (const id of ids) if (!this.orderIds.includes(id)) this.orderIds.push(id);
  }
}
