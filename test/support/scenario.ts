// Runs scenario events in-process through the same runner as `npm run scenario`, on a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../../src/main/scenario/events';
import { runScenario, type ScenarioOutput } from '../../src/main/scenario/runner';

export type Event = Record<string, unknown>;

export function jsonl(events: readonly Event[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n');
}

export function tempDir(prefix = 'thor-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export async function run(events: readonly Event[]): Promise<ScenarioOutput> {
  const dir = tempDir();
  try {
    return await runScenario(parseScenario(jsonl(events)), join(dir.path, 'ledger.db'));
  } finally {
    dir.cleanup();
  }
}

export function order(out: ScenarioOutput, ref: string) {
  const found = out.orders.find((o) => o.ref === ref);
  if (!found) throw new Error(`no order ${ref} in ${JSON.stringify(out.orders)}`);
  return found;
}

export function position(out: ScenarioOutput, symbol: string, account = 'main') {
  const found = out.positions.find((p) => p.symbol === symbol && p.account === account);
  if (!found) throw new Error(`no position ${symbol} in ${JSON.stringify(out.positions)}`);
  return found;
}

export function account(out: ScenarioOutput, id = 'main') {
  const found = out.accounts.find((a) => a.id === id);
  if (!found) throw new Error(`no account ${id}`);
  return found;
}

export const AAPL = { type: 'quote', symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' } as const;
