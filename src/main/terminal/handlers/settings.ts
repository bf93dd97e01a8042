// The settings commands: read the settings screen's values and change them. Engine settings go to the desk (checked
// there, field by field); order confirmation is a preference the desk keeps in its ledger.
import type { TerminalSettings } from '../../../shared/contract';
import type { PaperDesk } from '../../desk/desk';
import { settingsToData } from '../../engine/settings';
import type { HandlerSlice, SourcePreference, TerminalServices } from './handler';

type SettingsCommands = 'getSettings' | 'updateSettings';

const CONFIRM_ORDERS = 'confirmOrders';

/** The settings screen's values: the desk's engine settings and preferences, and the chosen source. */
export function terminalSettings(desk: PaperDesk, source: SourcePreference): TerminalSettings {
  const { settings } = desk;
  return {
    ...settingsToData(settings),
    marketHours: settings.marketHours,
    closedDates: [...settings.closedDates],
    confirmOrders: desk.preference(CONFIRM_ORDERS) !== false,
    source,
  };
}

export function settingsHandlers(services: TerminalServices) {
  const current = () => terminalSettings(services.desk(), services.source());
  return {
    getSettings: () => ({ ok: true, data: current() }),
    updateSettings: ({ confirmOrders, ...engine }) => {
      const desk = services.desk();
      if (Object.keys(engine).length > 0) {
        const result = desk.updateSettings(engine);
        if (!result.ok) return result;
      }
      if (confirmOrders !== undefined) desk.setPreference(CONFIRM_ORDERS, confirmOrders);
      services.changed();
      return { ok: true, data: current() };
    },
  } satisfies HandlerSlice<SettingsCommands>;
}
