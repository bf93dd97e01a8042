// A session that touches every row kind of a statement: stocks, futures, options, a stop order, a rejected order,
// a reset, a flip, orders still working (a stop limit among them), a position open at the end. Built by the
// scenario runner on a real file.
import { join } from 'node:path';
import { parseScenario } from '../../src/main/scenario/events';
import { runScenario, type ScenarioOutput } from '../../src/main/scenario/runner';
import { jsonl, tempDir, type Event } from '../support/scenario';

export const SESSION: Event[] = [
  { type: 'settings', fees: { EQ: '0.01', OPT: '0.02', FUT: '1.25' }, commission: { EQ: '0.005', OPT: '0.65', FUT: '2.25' } },
  // Monday 2026-0105
  { type: 'quote', time: '2026-01-05T14:35:00Z', symbol: 'AAPL', bid: '199.98', ask: '200.00', last: '199.99' },
  { type: 'place', ref: 'b1', symbol: 'AAPL', side: 'BUY', qty: 100, orderType: 'MKT' },
  { type: 'place', ref: 'stop', symbol: 'AAPL', side: 'SELL', qty: 100, orderType: 'STP', stop: '198.00', tif: 'GTC' },
  { type: 'quote', time: '2026-01-05T15:10:00Z', symbol: 'AAPL', bid: '197.90', ask: '197.95', last: '197.92' },
  { type: 'place', ref: 'big', time: '2026-01-05T15:20:00Z', symbol: 'AAPL', side: 'BUY', qty: 100000, orderType: 'LMT', limit: '190.00' },
  { type: 'quote', time: '2026-01-05T15:30:00Z', symbol: '/ESH26', bid: '6000.00', ask: '6000.25', last: '6000.00' },
  { type: 'place', ref: 'es1', symbol: '/ESH26', side: 'BUY', qty: 1, orderType: 'MKT' },
  { type: 'quote', time: '2026-01-05T16:00:00Z', symbol: '/ESH26', bid: '6010.00', ask: '6010.25', last: '6010.00' },
  // the flip: long 1, sell 3 -> short 2
  { type: 'place', ref: 'es2', symbol: '/ESH26', side: 'SELL', qty: 3, orderType: 'MKT' },
  { type: 'quote', time: '2026-01-05T17:00:00Z', symbol: '/ESH26', bid: '5990.00', ask: '5990.25', last: '5990.00' },
  { type: 'place', ref: 'es3', symbol: '/ESH26', side: 'BUY', qty: 2, orderType: 'MKT' },
  { type: 'quote', time: '2026-01-05T18:00:00Z', symbol: '.SPY260116C600', bid: '3.40', ask: '3.50', last: '3.45' },
  { type: 'place', ref: 'o1', symbol: '.SPY260116C600', side: 'BUY', qty: 2, orderType: 'LMT', limit: '3.50' },
  { type: 'quote', time: '2026-01-05T19:00:00Z', symbol: '.SPY260116C600', bid: '4.20', ask: '4.30', last: '4.25' },
  { type: 'place', ref: 'o2', symbol: '.SPY260116C600', side: 'SELL', qty: 2, orderType: 'LMT', limit: '4.20' },
  // Tuesday 2026-01-06: a reset, then a position left open
  { type: 'clock', time: '2026-01-06T15:00:00Z' },
  { type: 'reset', cash: '50000' },
  { type: 'quote', time: '2026-01-06T15:05:00Z', symbol: 'MSFT', bid: '400.00', ask: '400.10', last: '400.05' },
  { type: 'place', ref: 'm1', symbol: 'MSFT', side: 'BUY', qty: 10, orderType: 'MKT' },
  { type: 'place', ref: 'm2', symbol: 'MSFT', side: 'SELL', qty: 10, orderType: 'LMT', limit: '450.00', tif: 'GTC' },
  { type: 'place', ref: 'm3', symbol: 'MSFT', side: 'BUY', qty: 5, orderType: 'STP_LMT', stop: '420.00', limit: '421.00', tif: 'GTC' },
  { type: 'quote', time: '2026-01-06T16:00:00Z', symbol: 'MSFT', bid: '401.00', ask: '401.10', last: '401.05' },
];

export async function buildLedger(events: readonly Event[] = SESSION): Promise<{ path: string; output: ScenarioOutput; cleanup: () => void }> {
  const dir = tempDir('thor-reports-');
  const path = join(dir.path, 'ledger.db');
  const output = await runScenario(parseScenario(jsonl(events)), path);
  return { path, output, cleanup: dir.cleanup };
}

export const SAMPLES = join(__dirname, '..', '..', '..', 'shared', 'research', 'samples');
export const JABONTZ = join(SAMPLES, 'jabontz09_thinkorswim-statement-converter_2022-06-21-AccountStatement.csv');
export const CLAYTON = join(SAMPLES, 'ClaytonDuffin_thinkorswim-Trading-Statement-Parser-_exampleStatement.csv');
