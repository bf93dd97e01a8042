// The engine's settings: fill model knobs, commissions and fees, and the futures contract table.
// Stored as decimal strings; the engine reads them as Decimals. Every value is editable in Settings.
import { Dec } from './decimal';

import { ASSET_TYPES, type AssetType, type LimitFillMode, type MarketHoursMode } from '../../shared/vocabulary';

export { ASSET_TYPES, type AssetType, type LimitFillMode, type MarketHoursMode };

export interface Contract {
  readonly multiplier: Dec;
  readonly tick: Dec;
  readonly initialMargin: Dec;
}

export type PerAssetType = Readonly<Record<AssetType, Dec>>;

export interface Settings {
  readonly slippageTicks: Dec;
  readonly limitFill: LimitFillMode;
  readonly commission: PerAssetType;
  readonly fees: PerAssetType;
  readonly contracts: Readonly<Record<string, Contract>>;
  /** ENGINE.md 14: `exchange` hours or `always` open; each desk has its own default. */
  readonly marketHours: MarketHoursMode;
  /** New York dates (YYYY-MM-DD, sorted) with no session under `exchange` hours. */
  readonly closedDates: readonly string[];
}

const DEFAULT_CONTRACTS: Record<string, [string, string, string]> = {
  ES: ['50', '0.25', '20000'],
  MES: ['5', '0.25', '2000'],
  NQ: ['20', '0.25', '30000'],
  MNQ: ['2', '0.25', '3000'],
  YM: ['5', '1', '12000'],
  MYM: ['0.5', '1', '1200'],
  RTY: ['50', '0.1', '10000'],
  M2K: ['5', '0.1', '1000'],
  CL: ['1000', '0.01', '6000'],
  MCL: ['100', '0.01', '600'],
  NG: ['10000', '0.001', '4000'],
  GC: ['100', '0.1', '15000'],
  MGC: ['10', '0.1', '1500'],
  SI: ['5000', '0.005', '15000'],
  ZB: ['1000', '0.03125', '5000'],
  ZN: ['1000', '0.015625', '2500'],
  '6E': ['125000', '0.00005', '3000'],
};

/** The defaults; `marketHours` is the desk's own (exchange on the live desk, always on practice and scenarios). */
export function defaultSettings(marketHours: MarketHoursMode = 'always'): Settings {
  const contracts: Record<string, Contract> = {};
  for (const [root, [multiplier, tick, initialMargin]] of Object.entries(DEFAULT_CONTRACTS)) {
    contracts[root] = { multiplier: new Dec(multiplier), tick: new Dec(tick), initialMargin: new Dec(initialMargin) };
  }
  return {
    slippageTicks: new Dec(0),
    limitFill: 'touch',
    commission: { EQ: new Dec(0), OPT: new Dec('0.65'), FUT: new Dec('2.25') },
    fees: { EQ: new Dec(0), OPT: new Dec(0), FUT: new Dec(0) },
    contracts,
    marketHours,
    closedDates: [],
  };
}

/** The settings as stored and sent: every decimal a string. */
export interface SettingsData {
  slippageTicks: string;
  limitFill: LimitFillMode;
  commission: Record<AssetType, string>;
  fees: Record<AssetType, string>;
  contracts: Record<string, { multiplier: string; tick: string; initialMargin: string }>;
  /** Absent in settings stored before market hours: the desk's default applies. */
  marketHours?: MarketHoursMode;
  closedDates?: string[];
}

export function settingsToData(settings: Settings): SettingsData {
  const perType = (values: PerAssetType) =>
    Object.fromEntries(ASSET_TYPES.map((t) => [t, values[t].toFixed()])) as Record<AssetType, string>;
  return {
    slippageTicks: settings.slippageTicks.toFixed(),
    limitFill: settings.limitFill,
    commission: perType(settings.commission),
    fees: perType(settings.fees),
    contracts: Object.fromEntries(
      Object.entries(settings.contracts).map(([root, c]) => [
        root,
        { multiplier: c.multiplier.toFixed(), tick: c.tick.toFixed(), initialMargin: c.initialMargin.toFixed() },
      ]),
    ),
    marketHours: settings.marketHours,
    closedDates: [...settings.closedDates],
  };
}

export function settingsFromData(data: SettingsData, defaultMarketHours: MarketHoursMode = 'always'): Settings {
  const perType = (values: Record<AssetType, string>) =>
    Object.fromEntries(ASSET_TYPES.map((t) => [t, new Dec(values[t])])) as PerAssetType;
  return {
    slippageTicks: new Dec(data.slippageTicks),
    limitFill: data.limitFill,
    commission: perType(data.commission),
    fees: perType(data.fees),
    contracts: Object.fromEntries(
      Object.entries(data.contracts).map(([root, c]) => [
        root,
        { multiplier: new Dec(c.multiplier), tick: new Dec(c.tick), initialMargin: new Dec(c.initialMargin) },
      ]),
    ),
    marketHours: data.marketHours ?? defaultMarketHours,
    closedDates: data.closedDates ?? [],
  };
}
