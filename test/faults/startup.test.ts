// Start-up errors in the trader's words: a read-only ledger, a file that is not our ledger (refused before any
// migration touches it), settings that cannot be read (defaults, the text kept aside, a notice).
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperDesk } from '../../src/main/desk/desk';
import { LedgerOpenError } from '../../src/main/ledger/faults';
import { tempDir } from '../support/scenario';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir('thor-startup-')));
afterEach(() => dir.cleanup());

describe('opening a ledger', () => {
  it('refuses a file that is not a database, and leaves it as it was', async () => {
    const path = join(dir.path, 'ledger.db');
    writeFileSync(path, 'Symbol,Last\nAAPL,200\n'.repeat(100));
    const before = readFileSync(path);
    const opening = PaperDesk.open({ path });
    await expect(opening).rejects.toBeInstanceOf(LedgerOpenError);
    await expect(opening).rejects.toThrow(`${path} is not a Thor Paper Desk ledger (it is not a database file); it was left untouched`);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses another program's database before any migration or pragma touches it", async () => {
    const path = join(dir.path, 'ledger.db');
    const other = new Database(path);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann')");
    other.close();
    const before = readFileSync(path);
    await expect(PaperDesk.open({ path })).rejects.toThrow(/is not a Thor Paper Desk ledger \(a database with tables contacts\)/);
    expect(readFileSync(path).equals(before)).toBe(true);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('says a read-only ledger is read-only, with its path and what to do', async () => {
    const path = join(dir.path, 'ledger.db');
    (await PaperDesk.open({ path })).close();
    // Root writes whatever the permissions say: the child opens it as "nobody".
    chmodSync(dir.path, 0o555);
    chmodSync(path, 0o444);
    const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(__dirname, '../support/openLedgerChild.ts'), path], {
      cwd: resolve(__dirname, '../..'),
      encoding: 'utf8',
      ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
    });
    chmodSync(dir.path, 0o755);
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe(
      `LedgerOpenError: The ledger ${path} is read-only, so no order could be recorded. Make the file and its folder ` +
        'writable (Properties > uncheck Read-only; not a synced, shared or write-protected folder), or start the app ' +
        'with another data folder (THOR_USER_DATA).',
    );
  });

  it('opens with default settings when the stored ones cannot be read, keeps the text aside and says so', async () => {
    const path = join(dir.path, 'ledger.db');
    const first = await PaperDesk.open({ path });
    expect(first.updateSettings({ slippageTicks: '2' }).ok).toBe(true);
    first.close();
    const raw = new Database(path);
    raw.prepare("UPDATE settings SET value = ? WHERE key = 'engine'").run('{"slippageTicks": "2", "limitFill":');
    raw.close();
    const desk = await PaperDesk.open({ path });
    expect(desk.settings.slippageTicks.toFixed()).toBe('0');
    expect(desk.notices).toHaveLength(1);
    expect(desk.notices[0]).toMatch(/^The settings stored in .*ledger\.db could not be read .*: the default settings are used; the unreadable text is kept in the ledger as "engine\.broken-/);
    const kept = desk.ledger.sqlite.prepare("SELECT value FROM settings WHERE key LIKE 'engine.broken-%'").get() as { value: string };
    expect(kept.value).toBe('{"slippageTicks": "2", "limitFill":');
    desk.close();
  });
});
