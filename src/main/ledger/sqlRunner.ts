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
    statement.run(...Object.values(row));
  }

  transaction<T>(work: () => T): T {
    return this.inTransaction.immediate(work) as T;
  }
}
