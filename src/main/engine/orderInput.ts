// Input validation for orders (ENGINE.md section 3): turns what a caller sent into an order specification or a
// message that says what to fix. An input error stores nothing; business rejections are decided elsewhere.
import { Dec, parseDecimal } from './decimal';
import { resolveInstrument, isOnTick, priceText, TREASURY_ROOTS, tickSize, type Instrument } from './instruments';
import { ORDER_TYPES, SIDES, TIFS, type Order, type OrderType, type Side, type Tif } from './model';
import { isExtendedTif, isTrailing, needsLimit, needsStop, oneOfWords, TRAIL_REFS, TRAIL_UNITS, type TrailRef, type TrailUnit } from '../../shared/vocabulary';
import type { Settings } from './settings';
import { tradingDate } from './tradingDay';

const MAX_QTY = new Dec(1_000_000);
/** No instrument trades at a billion; a price beyond is a typing slip, refused before it reaches buying power. */
export const MAX_PRICE = new Dec(1_000_000_000);
const MAX_CLIENT_ORDER_ID = 64;

/** The fields that make an order's terms, as a caller sent them (numbers as JSON numbers or decimal strings). */
interface SpecFields {
  readonly symbol: unknown;
  readonly side: unknown;
  readonly qty: unknown;
  readonly orderType: unknown;
  readonly limit?: unknown;
  readonly stop?: unknown;
  readonly tif?: unknown;
  /** Trailing stops (ENGINE.md 11). */
  readonly trailOffset?: unknown;
  readonly trailUnit?: unknown;
  readonly trailRef?: unknown;
  readonly limitOffset?: unknown;
}

/** A child order (ENGINE.md 12): the parent's symbol and account; qty defaults to the parent's fill. */
export interface ChildOrderInput {
  readonly side?: unknown;
  readonly orderType?: unknown;
  readonly qty?: unknown;
  readonly limit?: unknown;
  readonly stop?: unknown;
  readonly limitTicks?: unknown;
  readonly stopTicks?: unknown;
  readonly tif?: unknown;
  readonly trailOffset?: unknown;
  readonly trailUnit?: unknown;
  readonly trailRef?: unknown;
  readonly limitOffset?: unknown;
}

/** What a caller sends to place an order. */
export interface PlaceOrderInput extends SpecFields {
  readonly account?: unknown;
  readonly clientOrderId?: unknown;
  /** The ticket's journal tags (JOURNAL.md 4). */
  readonly tags?: unknown;
  /** Orders HELD until this one fills (ENGINE.md 12), and whether they form one OCO group (default: 2 or more). */
  readonly children?: readonly ChildOrderInput[];
  readonly childrenOco?: unknown;
}

/** What may change in an edit (replace). Side, symbol and account may not. */
export interface EditOrderInput {
  readonly qty?: unknown;
  readonly orderType?: unknown;
  readonly limit?: unknown;
  readonly stop?: unknown;
  readonly tif?: unknown;
  readonly trailOffset?: unknown;
  readonly trailUnit?: unknown;
  readonly trailRef?: unknown;
  readonly limitOffset?: unknown;
  /** A HELD child's prices in ticks from its parent's fill. */
  readonly limitTicks?: unknown;
  readonly stopTicks?: unknown;
}

/** A trailing order's terms as checked (ENGINE.md 11). */
export interface TrailTerms {
  readonly offset: Dec;
  readonly unit: TrailUnit;
  readonly ref: TrailRef;
  readonly limitOffset: Dec;
}

export interface OrderSpec {
  readonly instrument: Instrument;
  readonly side: Side;
  readonly qty: Dec;
  readonly type: OrderType;
  readonly limit: Dec | null;
  readonly stop: Dec | null;
  readonly tif: Tif;
  readonly trail: TrailTerms | null;
}

/** A checked child: qty null when it takes the parent's fill; ticks when its prices follow the parent's fill. */
export interface ChildSpec extends Omit<OrderSpec, 'qty'> {
  readonly qty: Dec | null;
  readonly limitTicks: Dec | null;
  readonly stopTicks: Dec | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** The input as a message quotes it: at most 40 characters, so a reason stored with an order stays short. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value) : String(JSON.stringify(value) ?? value);
  return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): Checked<T> {
  if (typeof value !== 'string') {
    return fail(value === undefined ? `${name} is required (${orList(allowed)})` : `${name} must be text: ${orList(allowed)}`);
  }
  const word = oneOfWords(allowed, value);
  return word ? { ok: true, value: word } : fail(`unknown ${name} ${shown(value)}: use ${orList(allowed)}`);
}

function orList(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

function checkQty(value: unknown): Checked<Dec> {
  const qty = parseDecimal(value);
  if (value === undefined || value === null) return fail('qty is required: a whole number from 1 to 1,000,000');
  if (!qty || !qty.isInteger() || qty.lessThan(1) || qty.greaterThan(MAX_QTY)) {
    return fail(`qty must be a whole number from 1 to 1,000,000 (got ${shown(value)})`);
  }
  return { ok: true, value: qty };
}

function checkPrice(value: unknown, name: 'limit' | 'stop', type: OrderType, instrument: Instrument, settings: Settings): Checked<Dec> {
  if (value === undefined || value === null || value === '') return fail(`a ${type} order needs a ${name} price`);
  const price = parseDecimal(value);
  if (!price) return fail(`${name} must be a decimal number (got ${shown(value)})`);
  if (!price.greaterThan(0)) return fail(`${name} must be a positive price (got ${shown(value)})`);
  if (price.greaterThanOrEqualTo(MAX_PRICE)) return fail(`${name} must be below 1,000,000,000 (got ${shown(value)})`);
  if (!isOnTick(instrument, price, settings)) {
    return fail(
      `${name} ${instrument.root && TREASURY_ROOTS.has(instrument.root) ? priceText(instrument, price, settings) : price.toFixed()} is off the tick grid of ${instrument.symbol}: it must be a multiple of ${tickText(instrument, price, settings)}`,
    );
  }
  return { ok: true, value: price };
}

/** The tick as a message shows it: "1/32" or "1/64" of a point for Treasury futures, the decimal otherwise. */
function tickText(instrument: Instrument, price: Dec, settings: Settings): string {
  const tick = tickSize(instrument, price, settings);
  if (instrument.root && TREASURY_ROOTS.has(instrument.root)) {
    const per = new Dec(1).div(tick);
    if (per.isInteger()) return `1/${per.toFixed()} of a point`;
  }
  return tick.toFixed();
}

/** An option's expiration date (YYYY-MM-DD) from its symbol's YYMMDD. */
function optionExpiration(symbol: string): string | null {
  const found = /(\d{2})(\d{2})(\d{2})[CP][\d.]+$/.exec(symbol);
  return found ? `20${found[1]}-${found[2]}-${found[3]}` : null;
}

/** Validates the fields of a new order, or of an order as an edit would leave it, at the moment `now`. */
export function checkOrderSpec(input: SpecFields, settings: Settings, now: number): Checked<OrderSpec> {
  if (typeof input.symbol !== 'string') {
    return fail(input.symbol === undefined ? 'symbol is required' : `symbol must be text (got ${shown(input.symbol)})`);
  }
  // No symbol is this long; refused before a message could quote all of it.
  if (input.symbol.length > 40) return fail(`symbol ${shown(input.symbol)} is too long (at most 40 characters)`);
  const instrument = resolveInstrument(input.symbol, settings);
  if (!instrument.ok) return fail(instrument.message);
  if (instrument.instrument.assetType === 'OPT') {
    // In both market-hours modes: the trading date (after the 17:00 roll, the next weekday) is past the expiration.
    const expiration = optionExpiration(instrument.instrument.symbol);
    if (expiration !== null && expiration < tradingDate(now)) return fail(`option ${instrument.instrument.symbol} expired on ${expiration}`);
  }
  const side = oneOf(input.side, SIDES, 'side');
  if (!side.ok) return side;
  const qty = checkQty(input.qty);
  if (!qty.ok) return qty;
  const type = oneOf(input.orderType, ORDER_TYPES, 'order type');
  if (!type.ok) return type;
  const tif = input.tif === undefined || input.tif === null ? ({ ok: true, value: 'DAY' } as const) : oneOf(input.tif, TIFS, 'tif');
  if (!tif.ok) return tif;
  if (isExtendedTif(tif.value) && (instrument.instrument.assetType !== 'EQ' || type.value !== 'LMT')) {
    return fail(`${tif.value} is for stock LMT orders only (got ${type.value} on ${instrument.instrument.symbol})`);
  }
  let limit: Dec | null = null;
  let stop: Dec | null = null;
  if (isTrailing(type.value)) {
    const trail = checkTrail(input, type.value, instrument.instrument, settings);
    if (!trail.ok) return trail;
    return {
      ok: true,
      value: { instrument: instrument.instrument, side: side.value, qty: qty.value, type: type.value, limit, stop, tif: tif.value, trail: trail.value },
    };
  }
  if (needsLimit(type.value)) {
    const checked = checkPrice(input.limit, 'limit', type.value, instrument.instrument, settings);
    if (!checked.ok) return checked;
    limit = checked.value;
  }
  if (needsStop(type.value)) {
    const checked = checkPrice(input.stop, 'stop', type.value, instrument.instrument, settings);
    if (!checked.ok) return checked;
    stop = checked.value;
  }
  return {
    ok: true,
    value: { instrument: instrument.instrument, side: side.value, qty: qty.value, type: type.value, limit, stop, tif: tif.value, trail: null },
  };
}

const MAX_TICKS = new Dec(100_000);
const MAX_PERCENT = new Dec(50);

/** A trailing order's offset, unit, reference and limit offset (ENGINE.md 11). */
function checkTrail(input: SpecFields, type: OrderType, instrument: Instrument, settings: Settings): Checked<TrailTerms> {
  const unit = input.trailUnit === undefined || input.trailUnit === null ? ({ ok: true, value: 'PRICE' } as const) : oneOf(input.trailUnit, TRAIL_UNITS, 'trailUnit');
  if (!unit.ok) return unit;
  const ref = input.trailRef === undefined || input.trailRef === null ? ({ ok: true, value: 'MARK' } as const) : oneOf(input.trailRef, TRAIL_REFS, 'trailRef');
  if (!ref.ok) return ref;
  if (input.trailOffset === undefined || input.trailOffset === null || input.trailOffset === '') return fail(`a ${type} order needs a trailOffset`);
  const offset = parseDecimal(input.trailOffset);
  if (!offset) return fail(`trailOffset must be a decimal number (got ${shown(input.trailOffset)})`);
  if (!offset.greaterThan(0)) return fail(`trailOffset must be above 0 (got ${shown(input.trailOffset)})`);
  // Offsets are price differences: they sit on the grid of a price of a dollar or more (a stock's 0.01).
  const grid = tickSize(instrument, MAX_PRICE, settings);
  switch (unit.value) {
    case 'PRICE':
      if (offset.greaterThanOrEqualTo(MAX_PRICE)) return fail(`trailOffset must be below 1,000,000,000 (got ${shown(input.trailOffset)})`);
      if (!offset.mod(grid).isZero()) return fail(`trailOffset ${offset.toFixed()} is off the tick grid of ${instrument.symbol}: it must be a multiple of ${grid.toFixed()}`);
      break;
    case 'TICKS':
      if (!offset.isInteger() || offset.greaterThan(MAX_TICKS)) return fail(`a TICKS trailOffset must be a whole number from 1 to 100,000 (got ${shown(input.trailOffset)})`);
      break;
    case 'PERCENT':
      if (offset.greaterThan(MAX_PERCENT)) return fail(`a PERCENT trailOffset must be above 0 and at most 50 (got ${shown(input.trailOffset)})`);
      break;
  }
  let limitOffset = new Dec(0);
  if (input.limitOffset !== undefined && input.limitOffset !== null && input.limitOffset !== '') {
    if (type !== 'TRAIL_STP_LMT') return fail(`limitOffset is for TRAIL_STP_LMT orders only (got ${type})`);
    const parsed = parseDecimal(input.limitOffset);
    if (!parsed || parsed.lessThan(0) || parsed.greaterThanOrEqualTo(MAX_PRICE)) {
      return fail(`limitOffset must be a price difference of 0 or more (got ${shown(input.limitOffset)})`);
    }
    if (!parsed.mod(grid).isZero()) return fail(`limitOffset ${parsed.toFixed()} is off the tick grid of ${instrument.symbol}: it must be a multiple of ${grid.toFixed()}`);
    limitOffset = parsed;
  }
  return { ok: true, value: { offset, unit: unit.value, ref: ref.value, limitOffset } };
}

/** Ticks from the parent's fill: a signed whole number, or absent. */
function checkTicks(value: unknown, name: 'limitTicks' | 'stopTicks'): Checked<Dec | null> {
  if (value === undefined || value === null || value === '') return { ok: true, value: null };
  const ticks = parseDecimal(value);
  if (!ticks || !ticks.isInteger() || ticks.abs().greaterThan(MAX_TICKS)) {
    return fail(`${name} must be a whole number of ticks from -100,000 to 100,000 (got ${shown(value)})`);
  }
  return { ok: true, value: ticks };
}

/**
 * A child of a parent order (ENGINE.md 12): the parent's symbol; its qty may be left to the parent's fill, its tif
 * to the parent's, and its limit or stop given in ticks from the parent's fill instead of as prices.
 */
export function checkChildSpec(input: ChildOrderInput, parent: Pick<OrderSpec, 'instrument' | 'tif'>, settings: Settings, now: number): Checked<ChildSpec> {
  const limitTicks = checkTicks(input.limitTicks, 'limitTicks');
  if (!limitTicks.ok) return limitTicks;
  const stopTicks = checkTicks(input.stopTicks, 'stopTicks');
  if (!stopTicks.ok) return stopTicks;
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  if (limitTicks.value && given(input.limit)) return fail('give a child either limit or limitTicks, not both');
  if (stopTicks.value && given(input.stop)) return fail('give a child either stop or stopTicks, not both');
  // Ticks stand in for the price while the rest is checked: 1 is on every instrument's grid.
  const spec = checkOrderSpec(
    {
      symbol: parent.instrument.symbol,
      side: input.side,
      qty: input.qty ?? 1,
      orderType: input.orderType,
      limit: limitTicks.value ? '1' : input.limit,
      stop: stopTicks.value ? '1' : input.stop,
      tif: input.tif ?? parent.tif,
      trailOffset: input.trailOffset,
      trailUnit: input.trailUnit,
      trailRef: input.trailRef,
      limitOffset: input.limitOffset,
    },
    settings,
    now,
  );
  if (!spec.ok) return spec;
  const { type } = spec.value;
  return {
    ok: true,
    value: {
      ...spec.value,
      qty: input.qty === undefined || input.qty === null ? null : spec.value.qty,
      limit: limitTicks.value ? null : spec.value.limit,
      stop: stopTicks.value ? null : spec.value.stop,
      limitTicks: needsLimit(type) ? limitTicks.value : null,
      stopTicks: needsStop(type) ? stopTicks.value : null,
    },
  };
}

export function checkClientOrderId(value: unknown): Checked<string | null> {
  if (value === undefined || value === null) return { ok: true, value: null };
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_CLIENT_ORDER_ID) {
    return fail(`clientOrderId must be text of 1 to ${MAX_CLIENT_ORDER_ID} characters (got ${shown(value)})`);
  }
  return { ok: true, value };
}

/** The order as an edit would leave it: changed fields over the old ones; prices the new type does not use drop. */
export function editedFields(order: Order, edit: EditOrderInput): SpecFields {
  const type = edit.orderType ?? order.type;
  return {
    symbol: order.symbol,
    side: order.side,
    qty: edit.qty ?? order.qty.toFixed(),
    orderType: type,
    limit: edit.limit !== undefined ? edit.limit : order.limit?.toFixed(),
    stop: edit.stop !== undefined ? edit.stop : order.stop?.toFixed(),
    tif: edit.tif ?? order.tif,
    trailOffset: edit.trailOffset ?? order.trail?.offset.toFixed(),
    trailUnit: edit.trailUnit ?? order.trail?.unit,
    trailRef: edit.trailRef ?? order.trail?.ref,
    limitOffset: edit.limitOffset ?? (type === 'TRAIL_STP_LMT' ? order.trail?.limitOffset.toFixed() : undefined),
  };
}

/** A HELD child as an edit would leave it: qty and prices still may be left to the parent's fill. */
export function editedChildFields(order: Order, edit: EditOrderInput): ChildOrderInput {
  const fields = editedFields(order, edit);
  const newTicks = (ticks: unknown, price: unknown, old: Dec | null) => (ticks !== undefined ? ticks : price !== undefined ? undefined : old?.toFixed());
  return {
    ...fields,
    qty: edit.qty ?? (order.qty.isZero() ? undefined : order.qty.toFixed()),
    limitTicks: newTicks(edit.limitTicks, edit.limit, order.limitTicks),
    stopTicks: newTicks(edit.stopTicks, edit.stop, order.stopTicks),
    limit: edit.limitTicks !== undefined ? undefined : fields.limit,
    stop: edit.stopTicks !== undefined ? undefined : fields.stop,
  };
}
