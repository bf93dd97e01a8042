// The engine's trading settings as a form: commission and fees per asset type, slippage in ticks, when a resting
// limit fills (touch or cross), order confirmation, market hours (exchange or always open) and the closed dates, and
// the futures contract table. Save sends only what changed
// (updateSettings); main validates every value and its message shows here.
import { useState } from 'react';
import type { CommandRequest, TerminalSettings } from '../../../../shared/contract';
import { MARKET_HOURS_MODES, oneOfWords } from '../../../../shared/vocabulary';
import { applySettings } from '../../state/desk';
import { run } from '../../state/thor';

const ASSET_TYPES = ['EQ', 'OPT', 'FUT'] as const;
type AssetType = (typeof ASSET_TYPES)[number];
type Patch = CommandRequest<'updateSettings'>;

/** "2026-12-25, 2026-12-31" as a list; main checks each date. */
const dateList = (text: string) =>
  text
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');

interface ContractDraft {
  /** A local key for React: a row's root may be edited. */
  key: number;
  root: string;
  multiplier: string;
  tick: string;
  initialMargin: string;
}

let nextKey = 1;

function contractRows(settings: TerminalSettings): ContractDraft[] {
  return Object.entries(settings.contracts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([root, c]) => ({ key: nextKey++, root, ...c }));
}

const normalRoot = (root: string) => root.trim().toUpperCase().replace(/^\//, '');

/** The contract changes as main wants them: changed or new rows, and null for a removed root. */
function contractPatch(original: TerminalSettings['contracts'], rows: ContractDraft[]): { patch: NonNullable<Patch['contracts']> } | { error: string } {
  const patch: NonNullable<Patch['contracts']> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const root = normalRoot(row.root);
    if (root === '' && row.multiplier.trim() === '' && row.tick.trim() === '' && row.initialMargin.trim() === '') continue;
    if (root === '') return { error: 'a contract row needs a root (ES, ZN, 6E...)' };
    if (seen.has(root)) return { error: `contract ${root} is listed twice` };
    seen.add(root);
    const spec = { multiplier: row.multiplier.trim(), tick: row.tick.trim(), initialMargin: row.initialMargin.trim() };
    const old = original[root];
    if (!old || old.multiplier !== spec.multiplier || old.tick !== spec.tick || old.initialMargin !== spec.initialMargin) patch[root] = spec;
  }
  for (const root of Object.keys(original)) if (!seen.has(root)) patch[root] = null;
  return { patch };
}

/**
 * `saved` lives in the dialog: a save replaces the settings, which remounts this form with main's values, and the
 * "Saved" note must outlive that.
 */
export function TradingSection({ settings, saved, onSaved }: { settings: TerminalSettings; saved: boolean; onSaved: (saved: boolean) => void }) {
  const [commission, setCommission] = useState(settings.commission);
  const [fees, setFees] = useState(settings.fees);
  const [slippage, setSlippage] = useState(settings.slippageTicks);
  const [limitFill, setLimitFill] = useState(settings.limitFill);
  const [confirmOrders, setConfirmOrders] = useState(settings.confirmOrders);
  const [marketHours, setMarketHours] = useState(settings.marketHours);
  const [closedDates, setClosedDates] = useState(settings.closedDates.join(', '));
  const [contracts, setContracts] = useState(() => contractRows(settings));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const editContract = (key: number, field: keyof Omit<ContractDraft, 'key'>, value: string) => {
    onSaved(false);
    setContracts((rows) => rows.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  };

  const save = async () => {
    setError(null);
    onSaved(false);
    const c = contractPatch(settings.contracts, contracts);
    if ('error' in c) {
      setError(c.error);
      return;
    }
    const patch: Patch = {};
    const changedRates = (next: Record<AssetType, string>, old: Record<AssetType, string>) => {
      const diff = Object.fromEntries(ASSET_TYPES.filter((t) => next[t].trim() !== old[t]).map((t) => [t, next[t].trim()]));
      return Object.keys(diff).length > 0 ? diff : undefined;
    };
    const commissionPatch = changedRates(commission, settings.commission);
    if (commissionPatch) patch.commission = commissionPatch;
    const feesPatch = changedRates(fees, settings.fees);
    if (feesPatch) patch.fees = feesPatch;
    if (slippage.trim() !== settings.slippageTicks) patch.slippageTicks = slippage.trim();
    if (limitFill !== settings.limitFill) patch.limitFill = limitFill;
    if (confirmOrders !== settings.confirmOrders) patch.confirmOrders = confirmOrders;
    if (marketHours !== settings.marketHours) patch.marketHours = marketHours;
    const dates = dateList(closedDates);
    if (dates.join(',') !== settings.closedDates.join(',')) patch.closedDates = dates;
    if (Object.keys(c.patch).length > 0) patch.contracts = c.patch;
    if (Object.keys(patch).length === 0) {
      onSaved(true);
      return;
    }
    setBusy(true);
    const result = await run((t) => t.updateSettings(patch));
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    // The form starts over from main's answer (SettingsDialog keys this section on the settings).
    applySettings(result.data);
    onSaved(true);
  };

  const touched = () => {
    onSaved(false);
    setError(null);
  };

  return (
    <fieldset className="settings-section">
      <legend>Trading</legend>
      <table className="settings-grid">
        <thead>
          <tr>
            <th />
            {ASSET_TYPES.map((t) => (
              <th key={t}>{t}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th className="left">Commission / contract or share</th>
            {ASSET_TYPES.map((t) => (
              <td key={t}>
                <input
                  className="num-input"
                  data-testid={`settings-commission-${t}`}
                  value={commission[t]}
                  onChange={(event) => {
                    touched();
                    setCommission({ ...commission, [t]: event.target.value });
                  }}
                />
              </td>
            ))}
          </tr>
          <tr>
            <th className="left">Fees / contract or share</th>
            {ASSET_TYPES.map((t) => (
              <td key={t}>
                <input
                  className="num-input"
                  data-testid={`settings-fees-${t}`}
                  value={fees[t]}
                  onChange={(event) => {
                    touched();
                    setFees({ ...fees, [t]: event.target.value });
                  }}
                />
              </td>
            ))}
          </tr>
        </tbody>
      </table>

      <div className="settings-row">
        <label className="field inline">
          <span>Slippage (ticks)</span>
          <input
            className="num-input"
            data-testid="settings-slippage"
            value={slippage}
            onChange={(event) => {
              touched();
              setSlippage(event.target.value);
            }}
          />
        </label>
        <label className="field inline">
          <span>Resting limits fill on</span>
          <select
            data-testid="settings-limit-fill"
            value={limitFill}
            onChange={(event) => {
              touched();
              setLimitFill(event.target.value === 'cross' ? 'cross' : 'touch');
            }}
          >
            <option value="touch">touch (price reaches the limit)</option>
            <option value="cross">cross (price trades through)</option>
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="settings-confirm-orders"
            checked={confirmOrders}
            onChange={(event) => {
              touched();
              setConfirmOrders(event.target.checked);
            }}
          />
          Confirm orders before sending
        </label>
      </div>

      <div className="settings-row">
        <label className="field inline">
          <span>Market hours</span>
          <select
            data-testid="settings-market-hours"
            value={marketHours}
            onChange={(event) => {
              touched();
              setMarketHours(oneOfWords(MARKET_HOURS_MODES, event.target.value) ?? marketHours);
            }}
          >
            <option value="exchange">Exchange hours (New York)</option>
            <option value="always">Always open</option>
          </select>
        </label>
        <label className="field inline">
          <span>Closed dates (YYYY-MM-DD, comma-separated)</span>
          <input
            data-testid="settings-closed-dates"
            placeholder="2026-12-25, 2027-01-01"
            value={closedDates}
            onChange={(event) => {
              touched();
              setClosedDates(event.target.value);
            }}
          />
        </label>
      </div>

      <h4 className="settings-subtitle">Futures contracts</h4>
      <div className="contracts-wrap">
        <table className="grid settings-contracts">
          <thead>
            <tr>
              <th className="left">Root</th>
              <th>Multiplier</th>
              <th>Tick</th>
              <th>Initial margin</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {contracts.map((row) => (
              <tr key={row.key} data-testid={`settings-contract-row-${normalRoot(row.root) || 'new'}`}>
                <td className="left">
                  <input className="root-input" aria-label="Root" data-testid="contract-root" value={row.root} onChange={(event) => editContract(row.key, 'root', event.target.value.toUpperCase())} />
                </td>
                <td>
                  <input className="num-input" aria-label="Multiplier" data-testid="contract-multiplier" value={row.multiplier} onChange={(event) => editContract(row.key, 'multiplier', event.target.value)} />
                </td>
                <td>
                  <input className="num-input" aria-label="Tick" data-testid="contract-tick" value={row.tick} onChange={(event) => editContract(row.key, 'tick', event.target.value)} />
                </td>
                <td>
                  <input className="num-input" aria-label="Initial margin" data-testid="contract-margin" value={row.initialMargin} onChange={(event) => editContract(row.key, 'initialMargin', event.target.value)} />
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Remove ${row.root}`}
                    data-testid="contract-remove"
                    onClick={() => {
                      touched();
                      setContracts((rows) => rows.filter((r) => r.key !== row.key));
                    }}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="settings-row">
        <button
          type="button"
          data-testid="settings-contract-add"
          onClick={() => {
            touched();
            setContracts((rows) => [...rows, { key: nextKey++, root: '', multiplier: '', tick: '', initialMargin: '' }]);
          }}
        >
          + Add contract
        </button>
        <span className="spacer" />
        {error && (
          <span className="form-error" data-testid="settings-error" role="alert">
            {error}
          </span>
        )}
        {saved && !error && <span className="ok-text">Saved</span>}
        <button type="button" className="primary" data-testid="settings-save" disabled={busy} onClick={() => void save()}>
          Save settings
        </button>
      </div>
    </fieldset>
  );
}
