// What a symbol is: its canonical form, its asset type, multiplier and tick, from ENGINE.md section 1.
// Knows nothing of quotes or orders; an untradable symbol is an input error with a message a trader can act on.
import { formatPrice } from '../../shared/format';
import { Dec, fixed, ONE } from './decimal';
import type { AssetType, Settings } from './settings';

export interface Instrument {
  readonly symbol: string;
  readonly assetType: AssetType;
  /** The futures root (ES for /ESZ25), null for stocks and options. */
  readonly root: string | null;
  readonly multiplier: Dec;
  /** Decimals to show prices with: those of the tick, at least two. */
  readonly priceDecimals: number;
}

const EXCHANGE_SUFFIX = /:[A-Z0-9]+$/;
const FUTURES_SYMBOL = /^\/[A-Z0-9]+$/;
const FUTURES_MONTH = /[FGHJKMNQUVXZ]\d{1,2}$/;
// A plain US stock symbol, with an optional share class (BRK/B, BRK.B); a three-letter "class" is a currency pair.
const EQUITY_SYMBOL = /^[A-Z]{1,6}([./][A-Z]{1,2})?$/;
// .AAPL260116C200, .SPXW260116P5000.5
const OPTION_SYMBOL = /^\.[A-Z][A-Z0-9./]{0,9}\d{6}[CP]\d+(\.\d+)?$/;

// Treasury futures: prices in 32nds of a point, as TOS and the CME show them.
const HUNDRED = new Dec(100);
/** Treasury futures: priced, typed and shown in 32nds of a point (TOS and the CME), never as 112.500000. */
export const TREASURY_ROOTS: ReadonlySet<string> = new Set(['ZB', 'ZN', 'ZF', 'ZT', 'UB', 'TN']);

/** A price as the engine's messages show it: 32nds for Treasury futures ("112'16"), else the tick's decimals. */
export function priceText(instrument: Instrument, price: Dec, settings: Settings): string {
  if (inThirtySeconds(instrument)) {
    return formatPrice(price.toFixed(), { kind: 'thirtySeconds' }, tickSize(instrument, price, settings).toFixed());
  }
  return fixed(price, instrument.priceDecimals);
}
const EQ_TICK = new Dec('0.01');
const EQ_SUBDOLLAR_TICK = new Dec('0.0001');
const OPT_TICK = new Dec('0.01');

/** Trimmed, upper case, a futures exchange suffix dropped: `/es:xcme ` -> `/ES`. */
export function canonicalSymbol(raw: string): string {
  const symbol = raw.trim().toUpperCase();
  return symbol.startsWith('/') ? symbol.replace(EXCHANGE_SUFFIX, '') : symbol;
}

/** True for Treasury futures, whose prices every text shows in 32nds. */
export function inThirtySeconds(instrument: Instrument): boolean {
  return instrument.root !== null && TREASURY_ROOTS.has(instrument.root);
}

/** `/ESZ25` -> ES, `/MESH6` -> MES, `/6EZ25` -> 6E, `/ES` -> ES. */
export function futuresRoot(symbol: string): string {
  const bare = canonicalSymbol(symbol).slice(1);
  const withoutMonth = bare.replace(FUTURES_MONTH, '');
  return withoutMonth.length > 0 ? withoutMonth : bare;
}

export type InstrumentResult = { ok: true; instrument: Instrument } | { ok: false; message: string };

/** The tradable instrument behind a symbol, or why it cannot be traded. */
export function resolveInstrument(rawSymbol: string, settings: Settings): InstrumentResult {
  const symbol = canonicalSymbol(rawSymbol);
  if (symbol.length === 0) return { ok: false, message: 'symbol is empty' };
  if (symbol.startsWith('/')) {
    if (!FUTURES_SYMBOL.test(symbol)) return { ok: false, message: `malformed futures symbol ${symbol}` };
    const root = futuresRoot(symbol);
    const contract = settings.contracts[root];
    if (!contract) return { ok: false, message: `unknown futures contract ${symbol}: add it in Settings` };
    return {
      ok: true,
      instrument: {
        symbol,
        assetType: 'FUT',
        root,
        multiplier: contract.multiplier,
        priceDecimals: Math.max(2, contract.tick.decimalPlaces()),
      },
    };
  }
  if (symbol.startsWith('.')) {
    if (!OPTION_SYMBOL.test(symbol)) return { ok: false, message: `malformed option symbol ${symbol}` };
    return { ok: true, instrument: { symbol, assetType: 'OPT', root: null, multiplier: HUNDRED, priceDecimals: 2 } };
  }
  if (EQUITY_SYMBOL.test(symbol)) {
    return { ok: true, instrument: { symbol, assetType: 'EQ', root: null, multiplier: ONE, priceDecimals: 2 } };
  }
  return { ok: false, message: `${symbol} can be quoted but not traded` };
}

/** The tick at a price level, for the tick grid, slippage and price stepping. Stocks tick in 0.0001 below $1.00. */
export function tickSize(instrument: Instrument, price: Dec, settings: Settings): Dec {
  switch (instrument.assetType) {
    case 'EQ':
      return price.lessThan(ONE) ? EQ_SUBDOLLAR_TICK : EQ_TICK;
    case 'OPT':
      return OPT_TICK;
    case 'FUT':
      return settings.contracts[instrument.root ?? '']?.tick ?? EQ_TICK;
  }
}

/** A limit or stop must be a whole multiple of the tick at its own price level. */
export function isOnTick(instrument: Instrument, price: Dec, settings: Settings): boolean {
  return price.mod(tickSize(instrument, price, settings)).isZero();
}
