// The contract's handler map: every command's handler, one domain file each, joined here. The compiler checks that
// the map has exactly the contract's commands, each taking its own parsed request.
import { accountHandlers } from './accounts';
import type { Handlers, TerminalServices } from './handler';
import { historyHandlers } from './history';
import { journalHandlers } from './journal';
import { orderHandlers } from './orders';
import { reportHandlers } from './reports';
import { settingsHandlers } from './settings';
import { sourceHandlers } from './sources';

export function contractHandlers(services: TerminalServices): Handlers {
  return {
    ...historyHandlers(services),
    ...orderHandlers(services),
    ...accountHandlers(services),
    ...settingsHandlers(services),
    ...sourceHandlers(services),
    ...journalHandlers(services),
    ...reportHandlers(services),
  } satisfies Handlers;
}
