// What stands and what happened: the desk's snapshot as the window shows it, and an account's orders and fills
// from the ledger. Reads only.
import { fillView, orderView } from '../../desk/views';
import type { HandlerSlice, TerminalServices } from './handler';

type HistoryCommands = 'getSnapshot' | 'orderHistory' | 'fillHistory';

export function historyHandlers(services: TerminalServices) {
  return {
    getSnapshot: () => ({ ok: true, data: services.snapshot() }),
    orderHistory: ({ account, limit }) => ({
      ok: true,
      data: services.desk().orderHistory({ accountId: account, ...(limit ? { limit } : {}) }).map(orderView),
    }),
    fillHistory: ({ account, limit }) => ({
      ok: true,
      data: services.desk().fillHistory({ accountId: account, ...(limit ? { limit } : {}) }).map(fillView),
    }),
  } satisfies HandlerSlice<HistoryCommands>;
}
