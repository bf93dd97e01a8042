// TOS's words for our symbols and orders: option codes split into root, expiry, strike and type; futures months;
// stop and stop-limit orders on two rows; the description of a TRD row.
import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import { symbolWords } from '../../src/main/reports/tosStatement';
import { amount, dollars, LineWriter, memorySink, percent, tosDate, tosTime } from '../../src/main/reports/text';

describe('symbolWords', () => {
  it.each([
    ['AAPL', 'EQ', { spread: 'STOCK', symbol: 'AAPL', exp: '', strike: '', type: 'STOCK', description: 'AAPL' }],
    ['.SPY260116C600', 'OPT', { spread: 'SINGLE', symbol: 'SPY', exp: '16 JAN 26', strike: '600', type: 'CALL', description: 'SPY 100 16 JAN 26 600 CALL' }],
    ['.SPXW261218P5000.5', 'OPT', { spread: 'SINGLE', symbol: 'SPXW', exp: '18 DEC 26', strike: '5000.5', type: 'PUT', description: 'SPXW 100 18 DEC 26 5000.5 PUT' }],
    ['/ESH26', 'FUT', { spread: 'FUTURE', symbol: '/ESH26', exp: 'MAR 26', strike: '', type: 'FUTURE', description: '/ESH26' }],
    ['/MESZ6', 'FUT', { spread: 'FUTURE', symbol: '/MESZ6', exp: 'DEC 26', strike: '', type: 'FUTURE', description: '/MESZ6' }],
    ['/ES', 'FUT', { spread: 'FUTURE', symbol: '/ES', exp: '', strike: '', type: 'FUTURE', description: '/ES' }],
  ] as const)('%s', (symbol, assetType, words) => {
    expect(symbolWords(symbol, assetType)).toEqual(words);
  });
});

describe('numbers and times as TOS writes them', () => {
  it('amounts: signed, grouped, exact with at least two decimals', () => {
    expect(amount(new Dec('-2810'))).toBe('-2,810.00');
    expect(amount(new Dec('1234567.891'))).toBe('1,234,567.891');
    expect(amount(new Dec('0'))).toBe('0.00');
    expect(amount(new Dec('-0.5'))).toBe('-0.50');
  });

  it('totals: dollars, parentheses for negatives, cents when asked', () => {
    expect(dollars(new Dec('-70.56'))).toBe('($70.56)');
    expect(dollars(new Dec('5309.7'))).toBe('$5,309.70');
    expect(dollars(new Dec('0.125'), true)).toBe('$0.12');
    expect(percent(new Dec('0.874'))).toBe('+0.87%');
    expect(percent(new Dec('-1.2'))).toBe('-1.20%');
    expect(percent(null)).toBe('0.00%');
  });

  it('dates M/D/YY and times HH:MM:SS in New York, across a DST change', () => {
    expect([tosDate(Date.parse('2026-01-05T14:35:09Z')), tosTime(Date.parse('2026-01-05T14:35:09Z'))]).toEqual(['1/5/26', '09:35:09']);
    // 2026-03-08: New York moves to EDT at 07:00 UTC.
    expect(tosTime(Date.parse('2026-03-08T06:59:59Z'))).toBe('01:59:59');
    expect(tosTime(Date.parse('2026-03-08T07:00:00Z'))).toBe('03:00:00');
    expect(tosDate(Date.parse('2026-12-01T03:00:00Z'))).toBe('11/30/26');
  });
});

describe('LineWriter', () => {
  it('writes every line once, in order, and says how far it is every 2,000 lines', async () => {
    const sink = memorySink();
    const reports: [number, number][] = [];
    const out = new LineWriter(sink, { total: 4_500, report: (done, total) => reports.push([done, total]) });
    for (let i = 0; i < 4_500; i += 1) await out.line(`line ${i}`);
    await out.end();
    const lines = sink.text().split('\n');
    expect(lines).toHaveLength(4_501);
    expect(lines[4_499]).toBe('line 4499');
    expect(reports).toEqual([
      [2_000, 4_500],
      [4_000, 4_500],
    ]);
  });
});
