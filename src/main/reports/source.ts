// Opens a ledger file for reports, read-only: no pragma that writes, no migration, no WAL switch, so a statement
// can be made from a ledger the app has open, from a copy on a read-only share, or from a backup.
// It must never write to the file; a file that is not our ledger, or not migrated to this version, is refused.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { MIGRATIONS } from '../ledger/migrations';
import type { LedgerDatabase } from '../ledger/schema';
import { SqlRunner } from '../ledger/sqlRunner';

/** What the reader needs of a ledger: the typed query builder and the synchronous runner over one connection. */
export interface LedgerSource {
  readonly db: Kysely<LedgerDatabase>;
  readonly sql: SqlRunner;
}

export interface ReadOnlyLedger extends LedgerSource {
  close(): void;
}

export class ReportSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportSourceError';
  }
}

export function openReadOnlyLedger(path: string, nativeBinding?: string): ReadOnlyLedger {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    throw new ReportSourceError(`cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    let applied: string[];
    try {
      applied = (sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name);
    } catch {
      throw new ReportSourceError(`${path} is not a Thor Paper Desk ledger`);
    }
    const known = Object.keys(MIGRATIONS);
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new ReportSourceError(`${path} was written by a newer version of Thor Paper Desk`);
    if (known.some((name) => !applied.includes(name))) {
      throw new ReportSourceError(`${path} is from an older version of Thor Paper Desk: open it in the app once`);
    }
    const db = new Kysely<LedgerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    const sql = new SqlRunner(sqlite, db);
    return {
      db,
      sql,
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
