// Linked and trailing orders in the thinkorswim-layout statement: a bracket's children and a trailing stop are
// orders of their own in Account Order History, a child waiting for its parent is WORKING (TOS's statuses have no
// HELD), and a trailing stop is on two rows like a stop, its offset with TRSTP and what it trails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLedger } from './session';
import { sections, statementText } from './support';
import type { Event } from '../support/scenario';

const EVENTS = [
  { type: 'quote', time: '2026-01-05T14:35:00Z', symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' },
  {
    type: 'place',
    ref: 'entry',
    symbol: 'AAPL',
    side: 'BUY',
    qty: 100,
    orderType: 'LMT',
    limit: '199.00',
    tif: 'GTC',
    children: [
      { ref: 'tp', side: 'SELL', orderType: 'LMT', limitTicks: '200' },
      { ref: 'sl', side: 'SELL', orderType: 'STP', stopTicks: '-100' },
    ],
  },
  { type: 'place', ref: 'long', symbol: 'AAPL', side: 'BUY', qty: 50, orderType: 'MKT' },
  { type: 'place', ref: 'trail', symbol: 'AAPL', side: 'SELL', qty: 50, orderType: 'TRAIL_STP', trailOffset: '1.50', tif: 'GTC' },
  { type: 'quote', time: '2026-01-05T15:00:00Z', symbol: 'AAPL', bid: '201.00', ask: '201.02', last: '201.01' },
] as unknown as Event[];

let ledger: Awaited<ReturnType<typeof buildLedger>>;
let lines: readonly string[];

beforeAll(async () => {
  ledger = await buildLedger(EVENTS);
  const { text } = await statementText(ledger.path, 'main', '2026-01-05', '2026-01-05');
  lines = sections(text).get('Account Order History')!.lines;
});
afterAll(() => ledger.cleanup());

describe('linked and trailing orders in the statement', () => {
  it('the scenario placed them without errors', () => {
    expect(ledger.output.errors).toEqual([]);
  });

  it("a bracket's children waiting for their parent are WORKING, the parent too", () => {
    const statuses = lines.filter((l) => l.includes(',AAPL,')).map((l) => l.split(',').at(-1));
    expect(statuses.filter((s) => s === 'WORKING')).toHaveLength(4); // entry, tp, sl, trail
    expect(lines.join('\n')).not.toContain('HELD');
  });

  it("a child shows its parent's qty, closes, and its prices in ticks from the fill until it activates", () => {
    const children = lines.filter((l) => l.includes(',SELL,-100,TO CLOSE,AAPL,'));
    expect(children).toHaveLength(2);
    expect(children.find((l) => l.includes(',LMT,'))).toMatch(/,\+200t,LMT,GTC,WORKING$/);
    const stopAt = lines.findIndex((l) => l.includes(',SELL,-100,TO CLOSE,AAPL,') && l.includes(',~,MKT,'));
    expect(lines[stopAt + 1]).toBe(',,,,,,,,,,,-100t,STP,STD,');
  });

  it('a trailing stop on two rows: the market order it becomes, then its offset with TRSTP and what it trails', () => {
    const at = lines.findIndex((l) => l.includes(',SELL,-50,TO CLOSE,AAPL,'));
    expect(lines[at]).toMatch(/,~,MKT,GTC,WORKING$/);
    expect(lines[at + 1]).toBe(',,,,,,,,,,,+1.50,TRSTP,MARK,');
  });
});
