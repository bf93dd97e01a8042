import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import { mergeQuote, markPrice } from '../../src/main/engine/quotes';
import { finishSnapshot, MAX_WARNINGS, snapshotToJson, toQuoteUpdate, type LiveQuote } from '../../src/main/livedata/snapshot';

/** A snapshot value: canonical decimal text. */
const d = (text: string) => new Dec(text).toFixed();

function finish(quotes: Record<string, LiveQuote>, warnings: string[] = []) {
  return finishSnapshot('workbook', new Map(Object.entries(quotes)), warnings);
}

describe('values that cannot be prices are not traded on', () => {
  it('makes a stock, ETF, index or option price at or below 0 missing, with a warning for a negative one', () => {
    const snapshot = finish({
      AAPL: { last: d('-5'), bid: d('-6'), ask: d('-4'), mark: d('0'), open: d('-1'), high: d('2'), low: d('-0.01'), close: d('3') },
      '.AAPL260116C200': { last: d('-1.5'), bid: d('1.2') },
      $SPX: { last: d('-6000') },
    });
    expect(snapshot.quotes.get('AAPL')).toEqual({ last: null, bid: null, ask: null, mark: null, open: null, high: d('2'), low: null, close: d('3') });
    expect(snapshot.quotes.get('.AAPL260116C200')).toEqual({ last: null, bid: d('1.2') });
    expect(snapshot.quotes.get('$SPX')).toEqual({ last: null });
    expect(snapshot.warnings).toEqual([
      'AAPL: last -5 is not a price',
      'AAPL: bid -6 is not a price',
      'AAPL: ask -4 is not a price',
      'AAPL: open -1 is not a price',
      'AAPL: low -0.01 is not a price',
      '.AAPL260116C200: last -1.5 is not a price',
      '$SPX: last -6000 is not a price',
    ]);
  });

  it('keeps negative futures prices (crude oil settled at -37.63 in April 2020)', () => {
    const snapshot = finish({ '/CL': { last: d('-37.63'), bid: d('-40'), ask: d('-35'), close: d('10.01') } });
    expect(snapshot.quotes.get('/CL')).toEqual({ last: d('-37.63'), bid: d('-40'), ask: d('-35'), close: d('10.01') });
    expect(snapshot.warnings).toEqual([]);
  });

  it('keeps negative changes and zero sizes of a stock: they are not prices', () => {
    const quote = { last: d('230'), netChange: d('-5'), percentChange: d('-2.1'), volume: d('0'), bidSize: d('0') };
    const snapshot = finish({ AAPL: quote });
    expect(snapshot.quotes.get('AAPL')).toEqual(quote);
    expect(snapshot.warnings).toEqual([]);
  });

  it('keeps both sides of a crossed quote, warns, and the engine marks it from last', () => {
    const snapshot = finish({
      AAPL: { last: d('10.3'), bid: d('10.5'), ask: d('10.25') },
      MSFT: { last: d('480'), bid: d('481'), ask: d('480.5'), mark: d('480.6') },
      NVDA: { last: d('180'), bid: d('180'), ask: d('180') },
    });
    expect(snapshot.quotes.get('AAPL')).toEqual({ last: d('10.3'), bid: d('10.5'), ask: d('10.25') });
    expect(snapshot.warnings).toEqual([
      'AAPL: bid 10.5 is above ask 10.25 (crossed quote: marked from last)',
      'MSFT: bid 481 is above ask 480.5 (crossed quote)',
    ]);
    const quote = mergeQuote(undefined, toQuoteUpdate('AAPL', snapshot.quotes.get('AAPL')!, 1));
    expect(markPrice(quote)?.price.toFixed()).toBe('10.3');
  });

  it('makes a decimal out of range missing, whichever reader built it', () => {
    const snapshot = finish({ AAPL: { last: d('1e400'), volume: d('1e-50'), bid: d('229.99') } });
    expect(snapshot.quotes.get('AAPL')).toEqual({ last: null, volume: null, bid: d('229.99') });
    expect(snapshot.warnings).toEqual(['AAPL: last value out of range', 'AAPL: volume value out of range']);
  });

  it('leaves the reader’s quotes as they were and keeps its warnings first', () => {
    const quote: LiveQuote = { last: d('-5'), description: 'Apple' };
    const snapshot = finish({ AAPL: quote }, ['Sheet1!C7: symbol argument refers to an empty cell']);
    expect(quote.last?.toString()).toBe('-5');
    expect(snapshot.quotes.get('AAPL')).toEqual({ last: null, description: 'Apple' });
    expect(snapshot.source).toBe('workbook');
    expect(snapshot.warnings).toEqual(['Sheet1!C7: symbol argument refers to an empty cell', 'AAPL: last -5 is not a price']);
  });

  it('lists at most MAX_WARNINGS warnings and counts the rest', () => {
    const quotes: Record<string, LiveQuote> = {};
    for (let i = 0; i < MAX_WARNINGS + 20; i++) quotes[`S${i}`] = { last: d('-1') };
    const snapshot = finish(quotes);
    expect(snapshot.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(snapshot.warnings.at(-1)).toBe('and 20 more warnings');
  });

  it('shows a symbol in a warning only as a short printable line', () => {
    const symbol = `\u0000${'X'.repeat(100)}`;
    const snapshot = finish({ [symbol]: { last: d('-1') } });
    expect(snapshot.warnings).toEqual([`?${'X'.repeat(20)}...: last -1 is not a price`]);
  });
});

describe('inspect output', () => {
  it('prints decimals in plain notation, never with an exponent', () => {
    const snapshot = finish({ '/6E': { last: d('0.000000000001'), bid: d('1.16055'), volume: d('123456789012345') } });
    expect(snapshotToJson(snapshot).quotes).toEqual([{ symbol: '/6E', last: '0.000000000001', bid: '1.16055', volume: '123456789012345' }]);
  });

});

describe('toQuoteUpdate', () => {
  it('gives the engine the fields the snapshot has, null where a cell says N/A, and the description as text', () => {
    const update = toQuoteUpdate('AAPL', { last: d('230'), bid: null, description: 'Apple' }, 42);
    expect(update).toEqual({ symbol: 'AAPL', time: 42, last: new Dec('230'), bid: null, description: 'Apple' });
  });
});
