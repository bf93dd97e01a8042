// The paper accounts: create one (id, starting balance, margin mode), or reset one after a confirmation (its
// working orders are canceled, its positions removed and its cash set back to the starting balance).
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatMoney } from '../../../../shared/format';
import { ConfirmDialog } from '../../components/Modal';
import { selectAccount, selectedAccountId, useDesk } from '../../state/desk';
import { MARGIN_MODES, oneOfWords, type MarginMode } from '../../../../shared/vocabulary';
import { run } from '../../state/thor';
import { showToast } from '../../state/toasts';

type Margin = MarginMode;
const MARGINS: { value: Margin; label: string }[] = [
  { value: 'DAYTRADE', label: 'Day trading margin' },
  { value: 'REGT', label: 'Reg T margin' },
  { value: 'CASH', label: 'Cash' },
];

export function AccountsSection() {
  return (
    <fieldset className="settings-section">
      <legend>Accounts</legend>
      <CreateAccount />
      <ResetAccount />
    </fieldset>
  );
}

function CreateAccount() {
  const [id, setId] = useState('');
  const [balance, setBalance] = useState('100000');
  const [margin, setMargin] = useState<Margin>('DAYTRADE');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setError(null);
    const result = await run((t) => t.createAccount({ id: id.trim(), startingBalance: balance.trim().replace(/,/g, ''), margin }));
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    showToast('info', `Account ${result.data.id} created with ${formatMoney(result.data.startingBalance)}`);
    selectAccount(result.data.id);
    setId('');
  };

  return (
    <div className="settings-row">
      <span className="row-label">New account</span>
      <input aria-label="Account id" data-testid="account-create-id" placeholder="id" value={id} onChange={(event) => setId(event.target.value)} />
      <input aria-label="Starting balance" className="num-input" data-testid="account-create-balance" value={balance} onChange={(event) => setBalance(event.target.value)} />
      <select aria-label="Margin mode" data-testid="account-create-margin" value={margin} onChange={(event) => setMargin(oneOfWords(MARGIN_MODES, event.target.value) ?? margin)}>
        {MARGINS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
      <button type="button" className="primary" data-testid="account-create" disabled={busy || id.trim() === ''} onClick={() => void create()}>
        Create
      </button>
      {error && (
        <span className="form-error" data-testid="account-create-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function ResetAccount() {
  const ids = useDesk(useShallow((s) => s.accounts.map((a) => a.id)));
  const current = useDesk(selectedAccountId);
  const [picked, setPicked] = useState<string | null>(null);
  const account = picked !== null && ids.includes(picked) ? picked : current;
  const startingBalance = useDesk((s) => s.accounts.find((a) => a.id === account)?.startingBalance ?? null);
  const [balance, setBalance] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const amount = balance.trim().replace(/,/g, '');
  const reset = async () => {
    if (!account) return;
    setBusy(true);
    setError(null);
    const result = await run((t) => t.resetAccount({ account, ...(amount !== '' ? { startingBalance: amount } : {}) }));
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    showToast('info', `Account ${result.data.id} reset to ${formatMoney(result.data.cash)}`);
    setBalance('');
  };

  return (
    <div className="settings-row">
      <span className="row-label">Reset account</span>
      <select aria-label="Account to reset" data-testid="account-reset-id" value={account ?? ''} onChange={(event) => setPicked(event.target.value)}>
        {ids.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      <input
        aria-label="New starting balance"
        className="num-input balance-input"
        data-testid="account-reset-balance"
        placeholder={startingBalance ? `${formatMoney(startingBalance)} (same)` : 'starting balance'}
        value={balance}
        onChange={(event) => setBalance(event.target.value)}
      />
      <button type="button" className="danger" data-testid="account-reset" disabled={!account || busy} onClick={() => setConfirming(true)}>
        Reset…
      </button>
      {error && (
        <span className="form-error" data-testid="account-reset-error" role="alert">
          {error}
        </span>
      )}
      {confirming && account && (
        <ConfirmDialog
          title="Reset account"
          text={`Reset ${account}? Its working orders are canceled, its positions removed and its cash set to ${formatMoney(amount !== '' ? amount : (startingBalance ?? '0'))}.`}
          confirmLabel="Reset"
          danger
          busy={busy}
          onConfirm={() => void reset()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
