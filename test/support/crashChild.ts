// Child process of the crash test: applies random operations (brackets, OCO groups, trailing stops, flatten and
// reverse among them) to a ledger file as fast as it can, printing a line
// after each, until the parent kills it with SIGKILL. Its clock resumes after the latest time the ledger holds.
import fc from 'fast-check';
import { PaperDesk } from '../../src/main/desk/desk';
import { linkedOpArbitrary, Session } from './randomOps';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

async function main() {
  const [path, seedText] = process.argv.slice(2);
  if (!path || !seedText) throw new Error('usage: crashChild DB SEED');
  let time = Date.parse('2026-01-05T14:30:00Z');
  if (existsSync(path)) {
    const sqlite = new Database(path, { readonly: true });
    const latest = sqlite
      .prepare(
        `SELECT MAX(t) AS t FROM (SELECT MAX(updated_at) AS t FROM orders UNION ALL SELECT MAX(time) FROM fills
         UNION ALL SELECT value FROM ledger_meta WHERE key = 'last_roll_at' UNION ALL SELECT MAX(time) FROM resets)`,
      )
      .get() as { t: string | null };
    sqlite.close();
    if (latest.t) time = Date.parse(latest.t) + 60_000;
  }
  const clock = { now: () => time };
  const desk = await PaperDesk.open({ path, clock });
  if (!desk.state.account('main')) desk.createAccount({ id: 'main' });
  const session = new Session(desk, (minutes) => (time += minutes * 60_000));
  const seed = Number(seedText);
  let count = 0;
  for (let batch = 0; ; batch += 1) {
    for (const op of fc.sample(linkedOpArbitrary, { seed: seed * 1000 + batch, numRuns: 200 })) {
      session.apply(op);
      count += 1;
      process.stdout.write(`${count}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
