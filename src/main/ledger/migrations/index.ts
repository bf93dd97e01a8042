// Every migration, by number. Bundled in code so the packaged app and the CLIs carry the same list.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_account_totals_from_positions';
import * as m0003 from './0003_journal';
import * as m0004 from './0004_trades_from_old_fills';
import * as m0005 from './0005_linked_orders';
import * as m0006 from './0006_history_indexes';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
  '0002_account_totals_from_positions': m0002,
  '0003_journal': m0003,
  '0004_trades_from_old_fills': m0004,
  '0005_linked_orders': m0005,
  '0006_history_indexes': m0006,
};
