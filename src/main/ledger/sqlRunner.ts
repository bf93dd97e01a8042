// Runs kysely-built queries synchronously on better-sqlite3, so an engine operation is one synchronous
// transaction with nothing interleaved. Queries are built and typed by kysely; statements are prepared once
// per SQL text. Row writes compile once per row shape and then bind values positionally.
import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';
import type { LedgerDatabase } from './schema';

type TableName = keyof LedgerDatabase;
type Row<T extends TableName> = { [K in keyof LedgerDatabase[T]]: LedgerDatabase[T][K] };

export class SqlRunner {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly rowWrites = new Map<string, BetterSqlite3.Statement>();
  /** Per table (and conflict target): the columns of the last row written and its statement. */
  private readonly lastShapes = new Map<string, { columns: readonly string[]; statement: BetterSqlite3.Statement }>();
  private readonly inTransaction: BetterSqlite3.Transaction<(work: () => unknown) => unknown>;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly db: Kysely<LedgerDatabase>,
  ) {
    this.inTransaction = sqlite.transaction((work: () => unknown) => work());
  }

  private prepare(sqlText: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sqlText);
    if (!statement) {
      statement = this.sqlite.prepare(sqlText);
      this.statements.set(sqlText, statement);
    }
    return statement;
  }

  all<R>(query: Compilable<R>): R[] {
    const compiled = query.compile();
    return this.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as R[];
  }

  first<R>(query: Compilable<R>): R | undefined {
    const compiled = query.compile();
    return this.prepare(compiled.sql).get(...(compiled.parameters as unknown[])) as R | undefined;
  }

  /** Streams rows, for reading history that need not fit in memory. */
  iterate<R>(query: Compilable<R>): IterableIterator<R> {
    const compiled = query.compile();
    return this.prepare(compiled.sql).iterate(...(compiled.parameters as unknown[])) as IterableIterator<R>;
  }

  run(query: Compilable<unknown>): void {
    const compiled = query.compile();
    this.prepare(compiled.sql).run(...(compiled.parameters as unknown[]));
  }

  /** INSERT of a full row; with `conflict`, an upsert that replaces every other column. */
  writeRow<T extends TableName>(table: T, row: Row<T>, conflict?: readonly (keyof Row<T> & string)[]): void {
    // A table is written in one shape almost always: the last shape of each table and conflict is checked key by key
    // (no key text joined per row, several rows a write); any other shape goes by its full key as before.
    const kind = conflict ? `${table}|${conflict.join(',')}` : table;
    const last = this.lastShapes.get(kind);
    if (last && sameKeys(row, last.columns)) {
      last.statement.run(...Object.values(row));
      return;
    }
    const columns = Object.keys(row);
    const shape = `${table}|${conflict?.join(',') ?? ''}|${columns.join(',')}`;
    let statement = this.rowWrites.get(shape);
    if (!statement) {
      // kysely binds an object's values in the order of its keys; the cached statement relies on that.
      const insert = this.db.insertInto(table).values(row as never);
      const query = conflict
        ? insert.onConflict((oc) =>
            oc.columns(conflict as never).doUpdateSet(
              Object.fromEntries(
                columns.filter((c) => !conflict.includes(c as never)).map((c) => [c, (eb: { ref: (reference: string) => unknown }) => eb.ref(`excluded.${c}`)]),
              ) as never,
            ),
          )
        : insert;
      const compiled = query.compile();
      if (compiled.parameters.length !== columns.length) throw new Error(`unexpected parameters for ${shape}`);
      statement = this.sqlite.prepare(compiled.sql);
      this.rowWrites.set(shape, statement);
    }
    this.lastShapes.set(kind, { columns, statement });
    statement.run(...Object.values(row));
  }

  transaction<T>(work: () => T): T {
    return this.inTransaction.immediate(work) as T;
  }
}

/** `row`'s keys are `columns`, in that order (the order kysely binds, so the statement's parameters line up). */
function sameKeys(row: object, columns: readonly string[]): boolean {
  let i = 0;
  for (const key in row) {
    if (key !== columns[i]) return false;
    i += 1;
  }
  return i === columns.length;
}
