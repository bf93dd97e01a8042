import { describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import { canonicalSymbol, futuresRoot, isOnTick, resolveInstrument } from '../../src/main/engine/instruments';
import { buyPrice, markPrice, mergeQuote, sellPrice, triggerPrice, type Quote } from '../../src/main/engine/quotes';
import { defaultSettings } from '../../src/main/engine/settings';

const settings = defaultSettings();
const d = (v: string) => new Dec(v);

describe('symbols and instruments (ENGINE.md 1)', () => {
  it.each([
    ['/ESZ25', 'ES'],
    ['/MESH6', 'MES'],
    ['/6EZ25', '6E'],
    ['/ES', 'ES'],
    ['/ESZ25:XCME', 'ES'],
    ['/M2KZ25', 'M2K'],
    ['/ZN', 'ZN'],
  ])('futures root of %s is %s', (symbol, root) => {
    expect(futuresRoot(symbol)).toBe(root);
  });

  it('canonicalizes: trimmed, upper case, futures exchange suffix dropped', () => {
    expect(canonicalSymbol(' /es:xcme ')).toBe('/ES');
    expect(canonicalSymbol('/ESZ25:XCME')).toBe('/ESZ25');
    expect(canonicalSymbol('aapl')).toBe('AAPL');
  });

  it.each([
    ['AAPL', 'EQ', '1'],
    ['BRK/B', 'EQ', '1'],
    ['SPY', 'EQ', '1'],
    ['/ESZ25', 'FUT', '50'],
    ['/MES', 'FUT', '5'],
    ['/6E', 'FUT', '125000'],
    ['.AAPL260116C200', 'OPT', '100'],
    ['.SPY260116P597.5', 'OPT', '100'],
  ])('%s is %s with multiplier %s', (symbol, assetType, multiplier) => {
    const result = resolveInstrument(symbol, settings);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.instrument.assetType).toBe(assetType);
    expect(result.instrument.multiplier.toFixed()).toBe(multiplier);
  });

  it.each([['$SPX'], ['EUR/USD'], ['/XX'], ['.AAPL'], ['']])('%s cannot be traded', (symbol) => {
    const result = resolveInstrument(symbol, settings);
    expect(result.ok).toBe(false);
  });

  it('names the fix for an unknown futures root', () => {
    const result = resolveInstrument('/XXZ25', settings);
    expect(result).toEqual({ ok: false, message: 'unknown futures contract /XXZ25: add it in Settings' });
  });

  it('checks the tick grid per instrument and price level', () => {
    const eq = resolveInstrument('AAPL', settings);
    const es = resolveInstrument('/ES', settings);
    const zb = resolveInstrument('/ZB', settings);
    const opt = resolveInstrument('.AAPL260116C200', settings);
    if (!eq.ok || !es.ok || !zb.ok || !opt.ok) throw new Error('unresolved');
    expect(isOnTick(eq.instrument, d('149.80'), settings)).toBe(true);
    expect(isOnTick(eq.instrument, d('149.805'), settings)).toBe(false);
    expect(isOnTick(eq.instrument, d('0.5123'), settings)).toBe(true);
    expect(isOnTick(eq.instrument, d('0.51235'), settings)).toBe(false);
    expect(isOnTick(es.instrument, d('6000.25'), settings)).toBe(true);
    expect(isOnTick(es.instrument, d('6000.10'), settings)).toBe(false);
    expect(isOnTick(zb.instrument, d('117.4375'), settings)).toBe(true);
    expect(isOnTick(zb.instrument, d('117.44'), settings)).toBe(false);
    expect(isOnTick(opt.instrument, d('2.35'), settings)).toBe(true);
    expect(isOnTick(opt.instrument, d('2.355'), settings)).toBe(false);
  });
});

describe('quotes and the mark (ENGINE.md 2)', () => {
  const base = (fields: Partial<Record<string, Dec | null>>): Quote =>
    mergeQuote(undefined, { symbol: 'X', time: 0, ...fields });

  it('buys at the ask, sells at the bid, else at last', () => {
    const full = base({ bid: d('10'), ask: d('10.02'), last: d('10.01') });
    expect(buyPrice(full)?.price.toFixed()).toBe('10.02');
    expect(sellPrice(full)?.price.toFixed()).toBe('10');
    const lastOnly = base({ last: d('10.01') });
    expect(buyPrice(lastOnly)?.price.toFixed()).toBe('10.01');
    expect(sellPrice(lastOnly)?.price.toFixed()).toBe('10.01');
    expect(buyPrice(base({}))).toBeNull();
  });

  it('marks at the own mark, else the mid when bid <= ask, else last', () => {
    expect(markPrice(base({ mark: d('5'), bid: d('1'), ask: d('2') }))?.price.toFixed()).toBe('5');
    expect(markPrice(base({ bid: d('199.98'), ask: d('200.00'), last: d('1') }))?.price.toFixed()).toBe('199.99');
    expect(markPrice(base({ bid: d('201'), ask: d('200'), last: d('200.5') }))?.price.toFixed()).toBe('200.5');
    expect(markPrice(base({ bid: d('200') }))).toBeNull();
  });

  it('triggers on last, else on the mark', () => {
    expect(triggerPrice(base({ last: d('7'), mark: d('8') }))?.price.toFixed()).toBe('7');
    expect(triggerPrice(base({ bid: d('8'), ask: d('9') }))?.price.toFixed()).toBe('8.5');
  });

  it('keeps fields a newer quote does not carry, and forgets the ones it sends as null', () => {
    const first = base({ bid: d('1'), ask: d('2'), last: d('1.5') });
    const second = mergeQuote(first, { symbol: 'X', time: 1, ask: d('3'), last: null });
    expect(second.bid?.toFixed()).toBe('1');
    expect(second.ask?.toFixed()).toBe('3');
    expect(second.last).toBeNull();
  });
});
