// exportStatement through the contract, on a real Terminal: the browser host's answer (the file's bytes), the
// save dialog's path (Electron's), a closed dialog, progress pushed to the window, and refusals in words.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportedStatement, PushEvent } from '../../src/shared/contract';
import { Terminal } from '../../src/main/terminal/terminal';
import { Dec } from '../../src/main/engine/decimal';
import { TestClock } from '../support/desk';
import { tempDir } from '../support/scenario';

let dir: ReturnType<typeof tempDir> | undefined;
let terminal: Terminal | undefined;

afterEach(async () => {
  await terminal?.close();
  dir?.cleanup();
  terminal = undefined;
  dir = undefined;
});

async function open(pickSaveFile?: (name: string) => Promise<string | null>): Promise<{ t: Terminal; pushes: PushEvent[] }> {
  dir = tempDir('thor-export-');
  terminal = await Terminal.open({
    ledgerPath: join(dir.path, 'ledger.db'),
    clock: new TestClock(),
    practice: { seed: 7, intervalMs: 60_000 },
    log: () => {},
    ...(pickSaveFile ? { pickSaveFile } : {}),
  });
  const t = terminal;
  const pushes: PushEvent[] = [];
  t.subscribe((event) => pushes.push(event));
  t.desk.applyQuote({ symbol: 'AAPL', bid: new Dec('199.98'), ask: new Dec('200.00'), last: new Dec('199.99') });
  for (const side of ['BUY', 'SELL'] as const) {
    const placed = await t.handle('placeOrder', { account: 'main', symbol: 'AAPL', side, qty: '100', orderType: 'MKT', tif: 'DAY' });
    expect(placed.ok).toBe(true);
  }
  return { t, pushes };
}

const request = { account: 'main', from: '2026-01-05', to: '2026-01-05', format: 'tos-csv' };

describe('exportStatement', () => {
  it('without a save dialog (the browser host) answers the file to download, and pushes progress', async () => {
    const { t, pushes } = await open();
    const result = await t.handle('exportStatement', request);
    expect(result.ok).toBe(true);
    const data = (result as { data: ExportedStatement }).data;
    if (data.kind !== 'download') throw new Error(`expected a download, got ${data.kind}`);
    expect(data.fileName).toBe('main-2026-01-05-AccountStatement.csv');
    expect(data.mimeType).toBe('text/csv');
    expect([data.count, data.of]).toEqual([2, 'fills']);
    const text = Buffer.from(data.base64, 'base64').toString('utf8');
    expect(text.split('\n')[2]).toBe('Account Statement for main (paper) since 1/5/26 through 1/5/26');
    expect(text).toContain('BOT +100 AAPL @200.00');
    const progress = pushes.filter((p) => p.type === 'exportProgress');
    expect(progress.at(-1)).toEqual({ type: 'exportProgress', stage: 'done', done: 2, total: 2 });
  });

  it('with a save dialog (Electron) writes to the chosen path; a closed dialog writes nothing', async () => {
    const target = { path: null as string | null, asked: '' };
    const { t } = await open(async (name) => {
      target.asked = name;
      return target.path;
    });
    const canceled = await t.handle('exportStatement', { ...request, format: 'xlsx' });
    expect(canceled).toEqual({ ok: true, data: { kind: 'canceled' } });
    expect(target.asked).toBe('main-2026-01-05-statement.xlsx');
    target.path = join(dir!.path, 'chosen.xlsx');
    const saved = await t.handle('exportStatement', { ...request, format: 'xlsx' });
    expect(saved).toEqual({ ok: true, data: { kind: 'saved', path: target.path, count: 2, of: 'fills' } });
    expect(readFileSync(target.path).subarray(0, 2).toString()).toBe('PK');
  });

  it('the desk answers while a big export runs: the export yields, and pushes its progress', async () => {
    const { t, pushes } = await open();
    // 6,000 more fills, written without the per-commit fsync (a fixture, not the behaviour under test).
    t.desk.ledger.sqlite.pragma('synchronous = OFF');
    for (let i = 0; i < 3_000; i += 1) {
      for (const side of ['BUY', 'SELL'] as const) {
        const placed = t.desk.placeOrder({ account: 'main', symbol: 'AAPL', side, qty: 1, orderType: 'MKT' });
        if (!placed.ok) throw new Error(placed.error.message);
      }
    }
    // At the first progress push, mid-read, the window asks for a snapshot: it is answered before the reading ends.
    let last: PushEvent | undefined;
    let seenWhenAnswered: PushEvent | undefined;
    let asked = false;
    t.subscribe((event) => {
      if (event.type !== 'exportProgress') return;
      last = event;
      if (!asked && event.stage === 'reading' && event.done < event.total) {
        asked = true;
        void t.handle('getSnapshot', {}).then((answer) => {
          expect(answer.ok).toBe(true);
          seenWhenAnswered = last;
        });
      }
    });
    const result = await t.handle('exportStatement', request);
    expect(result.ok).toBe(true);
    expect(asked).toBe(true);
    expect(seenWhenAnswered).toMatchObject({ type: 'exportProgress', stage: 'reading', total: 6_002 });
    expect((seenWhenAnswered as { done: number }).done).toBeLessThan(6_002);
    const reading = pushes.filter((p) => p.type === 'exportProgress' && p.stage === 'reading');
    expect(reading.at(-1)).toMatchObject({ done: 6_002, total: 6_002 });
    expect(pushes.some((p) => p.type === 'exportProgress' && p.stage === 'writing')).toBe(true);
  });

  it('refuses an unknown account, a bad range and an unknown format in words', async () => {
    const { t } = await open();
    expect(await t.handle('exportStatement', { ...request, account: 'nobody' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no account nobody' },
    });
    const backwards = await t.handle('exportStatement', { ...request, from: '2026-01-06' });
    expect(backwards).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'from 2026-01-06 is after to 2026-01-05' } });
    const format = await t.handle('exportStatement', { ...request, format: 'pdf' });
    expect(format.ok).toBe(false);
    expect(existsSync(join(dir!.path, 'ledger.db'))).toBe(true);
  });
});
