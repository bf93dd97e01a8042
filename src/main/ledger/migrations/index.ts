// Every migration, by number. Bundled in code so the packaged app and the CLIs carry the same list.
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
};
