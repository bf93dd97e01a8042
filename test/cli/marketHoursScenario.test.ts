// ENGINE.md 14 through the scenario runner: its `settings` event sets exchange hours and closed dates; orders
// placed before the open rest (MKT too) and fill on the first quote from 09:30; EXT works in the premarket;
// a DAY order placed after the close expires at the next session's close; input errors are listed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/main/scenario/events';
import { runScenario } from '../../src/main/scenario/runner';
import { ROOT } from '../support/cli';
import { order, run, tempDir } from '../support/scenario';

describe('market hours in the scenario runner (ENGINE.md 14, SCENARIOS.md)', () => {
  it('runs test/scenarios/market-hours.jsonl', async () => {
    const dir = tempDir();
    try {
      const text = readFileSync(join(ROOT, 'test/scenarios/market-hours.jsonl'), 'utf8');
      const out = await runScenario(parseScenario(text), join(dir.path, 'ledger.db'));
      expect(out.fills.map((f) => [f.ref, f.price, f.time])).toEqual([
        // 08:00: the EXT limit is marketable in the premarket (ask 200.00 <= 200.00)
        ['ext', '200', '2026-01-05T13:00:00.000Z'],
        // the premarket MKT waits for 09:30; 09:29:59 is still closed
        ['premarket-mkt', '200.12', '2026-01-05T14:30:00.000Z'],
      ]);
      expect(order(out, 'after-close')).toMatchObject({ status: 'EXPIRED', statusReason: 'DAY order expired' });
      expect(out.errors).toEqual([
        { line: 5, ref: 'bad-ext', message: 'EXT is for stock LMT orders only (got MKT on AAPL)' },
        { line: 9, ref: 'expired-option', message: 'option .SPY251219C600 expired on 2025-12-19' },
      ]);
    } finally {
      dir.cleanup();
    }
  });

  it('is always open unless a settings event says otherwise: a stock fills at 00:35 New York', async () => {
    const out = await run([
      { type: 'quote', time: '2026-01-05T05:35:00Z', symbol: 'AAPL', bid: '199.98', ask: '200.00' },
      { type: 'place', ref: 'night', symbol: 'AAPL', side: 'BUY', qty: 1, orderType: 'MKT' },
    ]);
    expect(order(out, 'night')).toMatchObject({ status: 'FILLED', avgFillPrice: '200' });
  });
});
