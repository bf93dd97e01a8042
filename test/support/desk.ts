// A real desk on a real SQLite file, on a clock the test moves.
import { join } from 'node:path';
import { PaperDesk } from '../../src/main/desk/desk';
import { Dec } from '../../src/main/engine/decimal';
import { Terminal, type TerminalOptions } from '../../src/main/terminal/terminal';
import { tempDir } from './scenario';

export class TestClock {
  constructor(public time = Date.parse('2026-01-05T14:30:00Z')) {}
  now() {
    return this.time;
  }
  set(iso: string) {
    this.time = Date.parse(iso);
  }
}

export interface TestDesk {
  desk: PaperDesk;
  clock: TestClock;
  path: string;
  reopen(): Promise<PaperDesk>;
  close(): void;
}

export async function openTestDesk(options: { account?: boolean } = {}): Promise<TestDesk> {
  const dir = tempDir();
  const path = join(dir.path, 'ledger.db');
  const clock = new TestClock();
  const handle: TestDesk = {
    desk: await PaperDesk.open({ path, clock }),
    clock,
    path,
    async reopen() {
      handle.desk.close();
      handle.desk = await PaperDesk.open({ path, clock });
      return handle.desk;
    },
    close() {
      handle.desk.close();
      dir.cleanup();
    },
  };
  if (options.account !== false) handle.desk.createAccount({ id: 'main' });
  return handle;
}

export function quote(fields: Record<string, string | null> & { symbol: string }) {
  const update: Record<string, unknown> = { symbol: fields.symbol };
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'symbol') update[key] = value === null ? null : new Dec(value);
  }
  return update as { symbol: string };
}

/** Row counts of every ledger table, to assert that a refused input wrote nothing. */
export function rowCounts(desk: PaperDesk): Record<string, number> {
  const tables = ['accounts', 'orders', 'order_events', 'fills', 'positions', 'resets', 'day_snapshots', 'settings'];
  return Object.fromEntries(
    tables.map((t) => [t, (desk.ledger.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

export interface TestTerminal {
  readonly terminal: Terminal;
  close(): Promise<void>;
}

/**
 * A Terminal on fresh ledgers in a temp folder: its practice feed still during a test (one board at start, then a
 * step a minute), silent unless given a log, and AAPL quoted 199.98 x 200.00 on the live desk.
 */
export async function openTestTerminal(prefix: string, options: Partial<TerminalOptions> = {}): Promise<TestTerminal> {
  const dir = tempDir(prefix);
  const terminal = await Terminal.open({
    ledgerPath: join(dir.path, 'ledger.db'),
    clock: new TestClock(),
    practice: { seed: 7, intervalMs: 60_000 },
    log: () => {},
    ...options,
  });
  terminal.desk.applyQuote({ symbol: 'AAPL', bid: new Dec('199.98'), ask: new Dec('200.00'), last: new Dec('199.99') });
  return {
    terminal,
    close: async () => {
      await terminal.close();
      dir.cleanup();
    },
  };
}
