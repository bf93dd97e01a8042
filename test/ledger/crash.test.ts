// Kills a process that is writing to the ledger with SIGKILL at random moments, many times, and checks that
// every kill leaves a database that is intact and whose stored state agrees with its own history.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/main/ledger/ledger';
import { verifyLedger } from '../../src/main/ledger/verify';
import { tempDir } from '../support/scenario';

const KILLS = Number(process.env.CRASH_KILLS ?? 25);
const CHILD = resolve(__dirname, '../support/crashChild.ts');
const dir = tempDir('thor-crash-');
afterAll(() => dir.cleanup());

/** Starts the child and kills it once it has reported `after` operations; resolves with how many it reported. */
function runAndKill(db: string, seed: number, after: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, String(seed)], {
      cwd: resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let reported = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      reported += chunk.toString().split('\n').length - 1;
      if (reported >= after && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done(reported);
      else fail(new Error(`child exited with ${code} before the kill: ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it(`keeps the ledger whole through ${KILLS} SIGKILLs at random moments`, async () => {
    const db = join(dir.path, 'ledger.db');
    let total = 0;
    for (let i = 0; i < KILLS; i += 1) {
      const after = 1 + Math.floor(Math.random() * 150);
      total += await runAndKill(db, i + 1, after);

      const sqlite = new Database(db);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      sqlite.close();
      const ledger = await Ledger.open({ path: db });
      try {
        const report = verifyLedger(ledger);
        expect(report.differences, `after kill ${i + 1}`).toEqual([]);
      } finally {
        ledger.close();
      }
    }
    const sqlite = new Database(db, { readonly: true });
    const fills = (sqlite.prepare('SELECT COUNT(*) AS n FROM fills').get() as { n: number }).n;
    sqlite.close();
    expect(total).toBeGreaterThan(KILLS);
    expect(fills).toBeGreaterThan(0);
  });
});
