// Validates a change to the settings (from Settings in the app or a scenario's settings event) and returns the
// settings it leads to. A bad value is an input error naming the field; nothing changes then.
import { DateTime } from 'luxon';
import { LIMIT_FILL_MODES, MARKET_HOURS_MODES, oneOfWords } from '../../shared/vocabulary';
import { Dec, parseDecimal } from './decimal';
import { shown, type Checked } from './orderInput';
import { ASSET_TYPES, type AssetType, type Contract, type PerAssetType, type Settings } from './settings';

export interface SettingsPatch {
  readonly slippageTicks?: unknown;
  readonly limitFill?: unknown;
  readonly commission?: unknown;
  readonly fees?: unknown;
  readonly contracts?: unknown;
  readonly marketHours?: unknown;
  readonly closedDates?: unknown;
}

const ROOT = /^[A-Z0-9]{1,4}$/;

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

// Upper bounds far beyond any real contract or rate: what they stop is a typing slip that would fill at a
// billion or make every figure enormous.
const MAX_SETTING = new Dec(1_000_000_000_000);
const MAX_SLIPPAGE_TICKS = 100;

function nonNegative(value: unknown, name: string): Checked<Dec> {
  const parsed = parseDecimal(value);
  if (!parsed || parsed.lessThan(0) || parsed.greaterThan(MAX_SETTING)) {
    return fail(`${name} must be a number from 0 to 1,000,000,000,000 (got ${shown(value)})`);
  }
  return { ok: true, value: parsed };
}

function positive(value: unknown, name: string): Checked<Dec> {
  const parsed = parseDecimal(value);
  if (!parsed || !parsed.greaterThan(0) || parsed.greaterThan(MAX_SETTING)) {
    return fail(`${name} must be a number > 0, at most 1,000,000,000,000 (got ${shown(value)})`);
  }
  return { ok: true, value: parsed };
}

/** Slippage moves a market fill by whole ticks only (1.5 ticks would fill off the grid), 0 to 100 of them. */
function slippage(value: unknown): Checked<Dec> {
  const parsed = parseDecimal(value);
  if (!parsed || !parsed.isInteger() || parsed.lessThan(0) || parsed.greaterThan(MAX_SLIPPAGE_TICKS)) {
    return fail(`slippageTicks must be a whole number of ticks from 0 to ${MAX_SLIPPAGE_TICKS} (got ${shown(value)})`);
  }
  return { ok: true, value: parsed };
}

const CONTRACT_FIELDS = ['multiplier', 'tick', 'initialMargin'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function perAssetType(current: PerAssetType, value: unknown, name: string): Checked<PerAssetType> {
  if (!isRecord(value)) return fail(`${name} must be an object like {"EQ": 0, "OPT": 0.65, "FUT": 2.25}`);
  const next: Record<AssetType, Dec> = { ...current };
  for (const [key, raw] of Object.entries(value)) {
    if (!(ASSET_TYPES as readonly string[]).includes(key)) return fail(`${name}: unknown asset type ${shown(key)} (EQ, OPT or FUT)`);
    const rate = nonNegative(raw, `${name}.${key}`);
    if (!rate.ok) return rate;
    next[key as AssetType] = rate.value;
  }
  return { ok: true, value: next };
}

function contracts(current: Settings['contracts'], value: unknown): Checked<Settings['contracts']> {
  if (!isRecord(value)) return fail('contracts must be an object of {ROOT: {multiplier, tick, initialMargin}}');
  if (Object.keys(value).length > 100) return fail('contracts: at most 100 contracts at once');
  const next: Record<string, Contract> = { ...current };
  for (const [rawRoot, spec] of Object.entries(value)) {
    const root = rawRoot.trim().toUpperCase().replace(/^\//, '');
    if (!ROOT.test(root)) return fail(`contracts: ${shown(rawRoot)} is not a futures root like ES or 6E`);
    if (spec === null) {
      delete next[root];
      continue;
    }
    if (!isRecord(spec) || Object.keys(spec).some((field) => !CONTRACT_FIELDS.includes(field))) {
      return fail(`contracts.${root} must be {multiplier, tick, initialMargin}`);
    }
    const old = current[root];
    const pick = (field: keyof Contract, check: typeof positive): Checked<Dec> => {
      if (spec[field] === undefined) {
        return old ? { ok: true, value: old[field] } : fail(`contracts.${root}.${field} is required for a new contract`);
      }
      return check(spec[field], `contracts.${root}.${field}`);
    };
    const multiplier = pick('multiplier', positive);
    if (!multiplier.ok) return multiplier;
    const tick = pick('tick', positive);
    if (!tick.ok) return tick;
    const initialMargin = pick('initialMargin', nonNegative);
    if (!initialMargin.ok) return initialMargin;
    next[root] = { multiplier: multiplier.value, tick: tick.value, initialMargin: initialMargin.value };
  }
  return { ok: true, value: next };
}

const MAX_CLOSED_DATES = 400;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** New York dates as YYYY-MM-DD that exist on the calendar; kept sorted and without repeats. */
function closedDates(value: unknown): Checked<readonly string[]> {
  if (!Array.isArray(value) || value.length > MAX_CLOSED_DATES) {
    return fail(`closedDates must be a list of at most ${MAX_CLOSED_DATES} dates like "2026-12-25"`);
  }
  for (const date of value) {
    const valid = typeof date === 'string' && ISO_DATE.test(date) && DateTime.fromISO(date).isValid;
    if (!valid) return fail(`closedDates: ${shown(date)} is not a date like "2026-12-25"`);
  }
  return { ok: true, value: [...new Set(value as string[])].sort() };
}

export function applySettingsPatch(current: Settings, patch: SettingsPatch): Checked<Settings> {
  let next: Settings = current;
  if (patch.slippageTicks !== undefined) {
    const slip = slippage(patch.slippageTicks);
    if (!slip.ok) return slip;
    next = { ...next, slippageTicks: slip.value };
  }
  if (patch.limitFill !== undefined) {
    const limitFill = typeof patch.limitFill === 'string' ? oneOfWords(LIMIT_FILL_MODES, patch.limitFill) : undefined;
    if (!limitFill) return fail(`limitFill must be "touch" or "cross" (got ${JSON.stringify(patch.limitFill)})`);
    next = { ...next, limitFill };
  }
  if (patch.commission !== undefined) {
    const commission = perAssetType(next.commission, patch.commission, 'commission');
    if (!commission.ok) return commission;
    next = { ...next, commission: commission.value };
  }
  if (patch.fees !== undefined) {
    const fees = perAssetType(next.fees, patch.fees, 'fees');
    if (!fees.ok) return fees;
    next = { ...next, fees: fees.value };
  }
  if (patch.contracts !== undefined) {
    const table = contracts(next.contracts, patch.contracts);
    if (!table.ok) return table;
    next = { ...next, contracts: table.value };
  }
  if (patch.marketHours !== undefined) {
    const marketHours = typeof patch.marketHours === 'string' ? oneOfWords(MARKET_HOURS_MODES, patch.marketHours) : undefined;
    if (!marketHours) return fail(`marketHours must be "exchange" or "always" (got ${shown(patch.marketHours)})`);
    next = { ...next, marketHours };
  }
  if (patch.closedDates !== undefined) {
    const dates = closedDates(patch.closedDates);
    if (!dates.ok) return dates;
    next = { ...next, closedDates: dates.value };
  }
  return { ok: true, value: next };
}
