// Settings, opened from the banner: the data source, the engine's trading settings (commissions, fees, slippage,
// limit fill mode, contracts), order confirmation, and the paper accounts. Reads fresh settings from main on open.
import { useEffect, useState } from 'react';
import { Modal } from '../../components/Modal';
import { refreshSettings } from '../../state/connect';
import { useDesk } from '../../state/desk';
import { AccountsSection } from './AccountsSection';
import { SourceSection } from './SourceSection';
import { TradingSection } from './TradingSection';

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const settings = useDesk((s) => s.settings);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void refreshSettings();
  }, []);
  return (
    <Modal title="Settings" onClose={onClose} testId="settings" wide>
      <div className="settings-body">
        {settings ? (
          <>
            <SourceSection settings={settings} />
            {/* Keyed by the settings object: a save (or a change elsewhere) starts the form over from main's values. */}
            <TradingSection key={JSON.stringify({ ...settings, source: null })} settings={settings} saved={saved} onSaved={setSaved} />
            <AccountsSection />
          </>
        ) : (
          <p className="muted">Loading settings…</p>
        )}
      </div>
    </Modal>
  );
}
