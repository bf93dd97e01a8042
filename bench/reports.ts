// Statement benchmarks (`npm run bench -- --only=reports`): a month (February 2026, 20 trading days) of 20,000 fills
// on one account (AAPL round trips of 100 shares, one /ESH26 round trip in ten), built by the desk; each format
// written by a fresh child process (bench/reportChild.ts), median of 3 runs (the trades CSV reads only the month's
// 10,000 trades, the others its fills too; the workbook's module is loaded before the clock starts):
//   report_<format>_20k_fills_ms        read the ledger + write the file, wall time (target < 2,000 ms)
//   report_<format>_cpu_ms              the CPU time of the same (user + system): steadier than the wall time on a
//                                       machine whose cores other processes share
//   report_<format>_peak_rss_mb         the child's peak RSS (node + tsx + modules + the export)
//   report_<format>_peak_above_imports_mb  how far the export raised it above the RSS once modules were loaded
//   report_<format>_file_mb             the size of the file written
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PaperDesk } from '../src/main/desk/desk';
import { Dec } from '../src/main/engine/decimal';
import { STATEMENT_FORMATS } from '../src/main/reports/exportStatement';

type Report = (name: string, value: number, unit: string) => void;
type Progress = (message: string) => void;

const ROOT = resolve(__dirname, '..');
const CHILD = join(ROOT, 'bench', 'reportChild.ts');
const FILLS = 20_000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Weekdays of February 2026. */
function tradingDays(): string[] {
  const days: string[] = [];
  for (let d = 1; d <= 28; d += 1) {
    const day = `2026-02-${String(d).padStart(2, '0')}`;
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

export async function buildMonth(path: string): Promise<void> {
  const clock = { time: Date.parse('2026-02-02T14:30:00Z'), now() { return this.time; } };
  const desk = await PaperDesk.open({ path, clock });
  // Building the fixture only: without the per-commit fsync the month is written in seconds.
  desk.ledger.sqlite.pragma('synchronous = OFF');
  desk.createAccount({ id: 'main', cash: '10000000' });
  const days = tradingDays();
  const perDay = Math.ceil(FILLS / days.length);
  let fills = 0;
  for (const day of days) {
    const open = Date.parse(`${day}T14:30:00Z`);
    for (let i = 0; i < perDay && fills < FILLS; i += 2) {
      clock.time = open + i * 20_000;
      const future = i % 20 === 0;
      const symbol = future ? '/ESH26' : 'AAPL';
      const base = future ? new Dec(6000).plus((i % 40) / 4) : new Dec(200).plus(new Dec(i % 50).div(100));
      const tick = future ? '0.25' : '0.01';
      desk.applyQuote({ symbol, time: clock.time, bid: base, ask: base.plus(tick), last: base });
      for (const side of ['BUY', 'SELL'] as const) {
        const result = desk.placeOrder({ account: 'main', symbol, side, qty: future ? 1 : 100, orderType: 'MKT' });
        if (!result.ok || result.value.status !== 'FILLED') throw new Error(`bench: fixture order failed: ${JSON.stringify(result)}`);
        fills += 1;
      }
    }
    clock.time = Date.parse(`${day}T23:00:00Z`);
    desk.catchUp();
  }
  desk.close();
}

export async function benchReports(dir: string, report: Report, progress: Progress): Promise<void> {
  progress('reports: building a month of 20,000 fills...');
  const path = join(dir, 'reports-month.db');
  await buildMonth(path);
  for (const format of STATEMENT_FORMATS) {
    progress(`reports: ${format}...`);
    const runs: { ms: number; cpuMs: number; count: number; of: string; maxRssMB: number; peakAboveImportsMB: number }[] = [];
    const out = join(dir, `statement.${format}`);
    for (let i = 0; i < 3; i += 1) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, path, format, out], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      if (child.status !== 0) throw new Error(`bench: report child failed (${child.status}): ${child.stderr}`);
      runs.push(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}'));
    }
    if (runs[0]!.of === 'fills' && runs[0]!.count !== FILLS) throw new Error(`bench: the statement holds ${runs[0]!.count} fills, not ${FILLS}`);
    const name = format.replace('-', '_');
    report(`report_${name}_20k_fills_ms`, median(runs.map((r) => r.ms)), 'ms');
    report(`report_${name}_cpu_ms`, median(runs.map((r) => r.cpuMs)), 'ms');
    report(`report_${name}_peak_rss_mb`, median(runs.map((r) => r.maxRssMB)), 'MB');
    report(`report_${name}_peak_above_imports_mb`, median(runs.map((r) => r.peakAboveImportsMB)), 'MB');
    report(`report_${name}_file_mb`, statSync(out).size / 2 ** 20, 'MB');
  }
}
