// The scenario command with SCENARIOS.md's additions (linked and trailing orders, flatten, cancel all), through
// `npm run scenario` as the acceptance runs use it: the field names, HELD, refs, and a ledger verify finds clean.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmRun, ROOT } from '../support/cli';
import { tempDir } from '../support/scenario';

const dir = tempDir('thor-cli-linked-');
afterAll(() => dir.cleanup());

interface Row {
  ref: string;
  id: number;
  status: string;
  [field: string]: unknown;
}

describe('npm run scenario: linked and trailing orders', () => {
  it('runs a bracket with a trailing stop, an OCO group, flatten and cancel all; verify is clean', () => {
    const db = join(dir.path, 'bracket.db');
    const result = npmRun('scenario', [join(ROOT, 'test/scenarios/bracket.jsonl'), '--db', db]);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { orders: Row[]; errors: unknown[] };
    expect(out.errors).toEqual([]);
    for (const row of out.orders) {
      for (const field of ['statusReason', 'parentRef', 'ocoGroup', 'trailStop', 'trailWatermark']) expect(row).toHaveProperty(field);
    }
    const by = Object.fromEntries(out.orders.map((o) => [o.ref, o]));
    expect(by.p).toMatchObject({ status: 'FILLED', parentRef: null, avgFillPrice: '199' });
    // The trail anchored at 198.99 on activation, rose to 199.99 (stop 198.99), and the last 198.98 took it out.
    expect(by.sl).toMatchObject({ status: 'FILLED', parentRef: 'p', trailWatermark: '199.99', trailStop: '198.99', orderType: 'TRAIL_STP' });
    expect(by.tp).toMatchObject({ status: 'CANCELED', statusReason: `OCO: order ${by.sl!.id} filled`, limit: '201', parentRef: 'p', trailStop: null });
    expect(by.tp!.ocoGroup).toBe(by.sl!.ocoGroup);
    // Flat after the stop: flatten cancels nothing and places nothing, so there is no flatten-1.
    expect(by['flatten-1']).toBeUndefined();
    expect(by.o1).toMatchObject({ status: 'CANCELED', statusReason: 'canceled by cancel all' });
    expect(by.o1!.ocoGroup).toBe(by.o2!.ocoGroup);
    const verify = npmRun('ledger', ['verify', '--db', db]);
    expect(verify.status).toBe(0);
  });

  it('exits 2 when oco has no orders or flatten no symbol', () => {
    for (const [name, text] of [
      ['oco', '{"type":"oco"}'],
      ['flatten', '{"type":"flatten"}'],
    ] as const) {
      const path = join(dir.path, `${name}.jsonl`);
      writeFileSync(path, text);
      const result = npmRun('scenario', [path]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('line 1');
    }
  });
});
