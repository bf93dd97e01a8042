// The default fill model (ENGINE.md section 4), row by row: each order type and side against one quote, arriving
// (new or edited) or resting, in touch and cross mode, with and without slippage. Pure: evaluateOrder only.
import { describe, expect, it } from 'vitest';
import { Dec, ZERO } from '../../src/main/engine/decimal';
import { evaluateOrder } from '../../src/main/engine/fillModel';
import { resolveInstrument } from '../../src/main/engine/instruments';
import type { Order, OrderType, Side } from '../../src/main/engine/model';
import { mergeQuote } from '../../src/main/engine/quotes';
import { defaultSettings, type Settings } from '../../src/main/engine/settings';

interface Row {
  readonly row: string;
  readonly type: OrderType;
  readonly side: Side;
  readonly limit?: string;
  readonly stop?: string;
  readonly triggered?: boolean;
  /** Resting (false) or new/edited (true, the default). */
  readonly arriving?: boolean;
  readonly quote?: { bid?: string; ask?: string; last?: string } | null;
  readonly slippageTicks?: number;
  readonly limitFill?: 'touch' | 'cross';
  /** The fill price, or 'rest'. */
  readonly fills: string | 'rest';
  readonly triggeredNow?: boolean;
}

// Bid 99.98, ask 100.00, last 99.99: Pb = 100.00, Ps = 99.98, T = 99.99, one tick 0.01.
const BOOK = { bid: '99.98', ask: '100.00', last: '99.99' };

const ROWS: readonly Row[] = [
  // MKT: at once, Pb + slip / Ps - slip; the side's price falls back to last; no price, no fill.
  { row: 'MKT BUY fills at the ask', type: 'MKT', side: 'BUY', fills: '100.00' },
  { row: 'MKT SELL fills at the bid', type: 'MKT', side: 'SELL', fills: '99.98' },
  { row: 'MKT BUY slips up by 2 ticks', type: 'MKT', side: 'BUY', slippageTicks: 2, fills: '100.02' },
  { row: 'MKT SELL slips down by 2 ticks', type: 'MKT', side: 'SELL', slippageTicks: 2, fills: '99.96' },
  { row: 'MKT BUY with no ask fills at last', type: 'MKT', side: 'BUY', quote: { bid: '99.98', last: '99.99' }, fills: '99.99' },
  { row: 'MKT SELL with no bid fills at last', type: 'MKT', side: 'SELL', quote: { ask: '100.00', last: '99.99' }, fills: '99.99' },
  { row: 'MKT BUY with no quote rests', type: 'MKT', side: 'BUY', quote: null, fills: 'rest' },
  // LMT BUY: Pb <= L; at Pb when arriving, at L when resting; cross needs Pb < L when resting.
  { row: 'LMT BUY marketable on arrival fills at Pb', type: 'LMT', side: 'BUY', limit: '100.05', fills: '100.00' },
  { row: 'LMT BUY at the ask on arrival fills at Pb', type: 'LMT', side: 'BUY', limit: '100.00', fills: '100.00' },
  { row: 'LMT BUY below the ask on arrival rests', type: 'LMT', side: 'BUY', limit: '99.99', fills: 'rest' },
  { row: 'LMT BUY resting, touched, fills at L', type: 'LMT', side: 'BUY', limit: '100.05', arriving: false, fills: '100.05' },
  { row: 'LMT BUY resting at the ask, touch', type: 'LMT', side: 'BUY', limit: '100.00', arriving: false, fills: '100.00' },
  { row: 'LMT BUY resting at the ask, cross, rests', type: 'LMT', side: 'BUY', limit: '100.00', arriving: false, limitFill: 'cross', fills: 'rest' },
  { row: 'LMT BUY resting through the ask, cross', type: 'LMT', side: 'BUY', limit: '100.01', arriving: false, limitFill: 'cross', fills: '100.01' },
  { row: 'LMT BUY marketable on arrival, cross', type: 'LMT', side: 'BUY', limit: '100.00', limitFill: 'cross', fills: '100.00' },
  { row: 'LMT BUY never slips', type: 'LMT', side: 'BUY', limit: '100.00', slippageTicks: 2, fills: '100.00' },
  // LMT SELL: Ps >= L.
  { row: 'LMT SELL marketable on arrival fills at Ps', type: 'LMT', side: 'SELL', limit: '99.90', fills: '99.98' },
  { row: 'LMT SELL above the bid on arrival rests', type: 'LMT', side: 'SELL', limit: '99.99', fills: 'rest' },
  { row: 'LMT SELL resting, touched, fills at L', type: 'LMT', side: 'SELL', limit: '99.90', arriving: false, fills: '99.90' },
  { row: 'LMT SELL resting at the bid, cross, rests', type: 'LMT', side: 'SELL', limit: '99.98', arriving: false, limitFill: 'cross', fills: 'rest' },
  { row: 'LMT SELL resting through the bid, cross', type: 'LMT', side: 'SELL', limit: '99.97', arriving: false, limitFill: 'cross', fills: '99.97' },
  // STP: triggers on T (last, else mark), then fills as MKT on the same quote.
  { row: 'STP BUY triggers at T >= S, fills at Pb', type: 'STP', side: 'BUY', stop: '99.99', fills: '100.00', triggeredNow: true },
  { row: 'STP BUY triggered fills at Pb + slip', type: 'STP', side: 'BUY', stop: '99.99', slippageTicks: 1, fills: '100.01', triggeredNow: true },
  { row: 'STP BUY below T stays untriggered', type: 'STP', side: 'BUY', stop: '100.50', fills: 'rest' },
  { row: 'STP BUY triggers on the mark with no last', type: 'STP', side: 'BUY', stop: '99.99', quote: { bid: '99.98', ask: '100.00' }, fills: '100.00', triggeredNow: true },
  { row: 'STP SELL triggers at T <= S, fills at Ps', type: 'STP', side: 'SELL', stop: '99.99', fills: '99.98', triggeredNow: true },
  { row: 'STP SELL triggered fills at Ps - slip', type: 'STP', side: 'SELL', stop: '99.99', slippageTicks: 1, fills: '99.97', triggeredNow: true },
  { row: 'STP SELL above T stays untriggered', type: 'STP', side: 'SELL', stop: '99.50', fills: 'rest' },
  { row: 'STP triggered earlier with no price yet waits', type: 'STP', side: 'BUY', stop: '99.99', triggered: true, quote: { bid: '99.98' }, arriving: false, fills: 'rest' },
  { row: 'STP triggered earlier fills when a price comes', type: 'STP', side: 'BUY', stop: '99.99', triggered: true, arriving: false, fills: '100.00' },
  // STP_LMT: triggers as STP, then arrives as a LMT on that quote.
  { row: 'STP_LMT BUY triggered, marketable limit fills at Pb', type: 'STP_LMT', side: 'BUY', stop: '99.99', limit: '100.05', arriving: false, fills: '100.00', triggeredNow: true },
  { row: 'STP_LMT BUY triggered, limit below Pb rests', type: 'STP_LMT', side: 'BUY', stop: '99.99', limit: '99.99', fills: 'rest', triggeredNow: true },
  { row: 'STP_LMT BUY untriggered rests', type: 'STP_LMT', side: 'BUY', stop: '100.50', limit: '101.00', fills: 'rest' },
  { row: 'STP_LMT SELL triggered fills at Ps', type: 'STP_LMT', side: 'SELL', stop: '99.99', limit: '99.98', fills: '99.98', triggeredNow: true },
  { row: 'STP_LMT SELL triggered earlier, resting at L', type: 'STP_LMT', side: 'SELL', stop: '99.99', limit: '99.90', triggered: true, arriving: false, fills: '99.90' },
];

function settingsFor(row: Row): Settings {
  return { ...defaultSettings(), slippageTicks: new Dec(row.slippageTicks ?? 0), limitFill: row.limitFill ?? 'touch' };
}

function orderFor(row: Row): Order {
  return {
    id: 1,
    accountId: 'main',
    clientOrderId: null,
    symbol: 'AAPL',
    assetType: 'EQ',
    side: row.side,
    qty: new Dec(1),
    type: row.type,
    limit: row.limit ? new Dec(row.limit) : null,
    stop: row.stop ? new Dec(row.stop) : null,
    tif: 'GTC',
    status: 'WORKING',
    triggered: row.triggered ?? false,
    filledQty: ZERO,
    avgFillPrice: null,
    rejectReason: null,
    statusReason: null,
    expiresAt: null,
    createdAt: 0,
    updatedAt: 0,

    tags: [],
    parentId: null,
    ocoGroup: null,
    limitTicks: null,
    stopTicks: null,
    trail: null,
  };
}

describe('the fill model (ENGINE.md 4), row by row', () => {
  it.each(ROWS)('$row', (row) => {
    const settings = settingsFor(row);
    const fields = row.quote === null ? undefined : (row.quote ?? BOOK);
    const quote = fields && mergeQuote(undefined, { symbol: 'AAPL', time: 0, ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, new Dec(v)])) });
    const instrument = resolveInstrument('AAPL', settings);
    if (!instrument.ok) throw new Error(instrument.message);
    const evaluation = evaluateOrder(orderFor(row), quote, { instrument: instrument.instrument, settings, arriving: row.arriving ?? true });
    if (row.fills === 'rest') expect(evaluation.outcome).toBe('rest');
    else {
      expect(evaluation.outcome).toBe('fill');
      expect(evaluation.outcome === 'fill' && evaluation.price.toFixed(2)).toBe(row.fills);
    }
    expect(evaluation.triggeredNow).toBe(row.triggeredNow ?? false);
  });
});

describe("Treasury prices in the fill model's words", () => {
  it('says why a ZN order rests, and how it filled, in 32nds', () => {
    const settings = defaultSettings();
    const instrument = resolveInstrument('/ZNZ25', settings);
    if (!instrument.ok) throw new Error(instrument.message);
    const book = { bid: '110.5', ask: '110.53125', last: '110.515625' };
    const quote = mergeQuote(undefined, { symbol: '/ZNZ25', time: 0, ...Object.fromEntries(Object.entries(book).map(([k, v]) => [k, new Dec(v)])) });
    const order = { ...orderFor({ row: 'ZN', type: 'LMT', side: 'BUY', limit: '110.5', fills: 'rest' }), symbol: '/ZNZ25', assetType: 'FUT' as const };
    const resting = evaluateOrder(order, quote, { instrument: instrument.instrument, settings, arriving: false });
    expect(resting).toMatchObject({ outcome: 'rest', why: "needs ask <= 110'160; ask is 110'170" });
    const market = evaluateOrder({ ...order, type: 'MKT', limit: null }, quote, { instrument: instrument.instrument, settings, arriving: true });
    expect(market.outcome === 'fill' && market.reason).toMatch(/filled at ask 110'170/);
  });
});
