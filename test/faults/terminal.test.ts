// The terminal over a ledger that turns read-only during a run: the housekeeping timer's work throws nothing, the
// pushed snapshot says why, where and what to do, commands are refused with that message, and it clears by itself.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dec } from '../../src/main/engine/decimal';
import { Terminal } from '../../src/main/terminal/terminal';
import { TestClock } from '../support/desk';
import { tempDir } from '../support/scenario';

let dir: ReturnType<typeof tempDir>;
let terminal: Terminal;
const logged: string[] = [];

beforeEach(async () => {
  dir = tempDir('thor-terminal-fault-');
  logged.length = 0;
  terminal = await Terminal.open({
    ledgerPath: join(dir.path, 'ledger.db'),
    clock: new TestClock(),
    practice: { seed: 7, intervalMs: 60_000 },
    log: (message) => logged.push(message),
  });
  terminal.desk.applyQuote({ symbol: 'AAPL', bid: new Dec('199.98'), ask: new Dec('200.00'), last: new Dec('199.99') });
});
afterEach(async () => {
  terminal.desk.ledger.sqlite.pragma('query_only = 0');
  await terminal.close();
  dir.cleanup();
});

const ticket = { account: 'main', symbol: 'AAPL', side: 'BUY', qty: '1', orderType: 'MKT', tif: 'DAY' } as const;

describe('the terminal on a ledger that cannot be written', () => {
  it('lives through its timer, shows the fault, refuses orders and recovers', async () => {
    terminal.desk.ledger.sqlite.pragma('query_only = 1');
    terminal.desk.applyQuote({ symbol: 'MSFT', last: new Dec('400') });
    for (let i = 0; i < 5; i += 1) expect(() => terminal.tick()).not.toThrow();
    const fault = terminal.snapshot().ledgerFault;
    expect(fault).toMatchObject({ why: 'the ledger file is read-only', where: terminal.desk.ledger.path });
    expect(fault?.message).toMatch(/^cannot write the ledger: the ledger file is read-only/);
    const refused = await terminal.handle('placeOrder', ticket);
    expect(refused).toEqual({ ok: false, error: { code: 'LEDGER_UNWRITABLE', message: fault?.message } });
    const settings = await terminal.handle('updateSettings', { confirmOrders: false });
    expect(settings).toMatchObject({ ok: false, error: { code: 'LEDGER_UNWRITABLE' } });
    // Logged once, not once per tick or command.
    expect(logged.filter((line) => line.startsWith('cannot write the ledger'))).toHaveLength(1);

    terminal.desk.ledger.sqlite.pragma('query_only = 0');
    terminal.tick();
    expect(terminal.snapshot().ledgerFault).toBeNull();
    expect(await terminal.handle('placeOrder', ticket)).toMatchObject({ ok: true, data: { status: 'FILLED' } });
  });
});
