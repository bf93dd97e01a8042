// LiveData figures for `npm run bench` (part `livedata`):
//    workbook_read_<N>_median_ms        reading an N-symbol RTD workbook (10 RTD fields a symbol, as exceljs writes it:
//                                       no volatileDependencies, so every RTD formula is read): file read + the zip
//                                       reader + our RTD/table pass, median of 12 reads after 100 untimed ones; the
//                                       reads alternate between two saves with different prices, as a live sheet's do
//    workbook_read_vd_<N>_median_ms     the same workbook with the volatileDependencies part Excel writes
//    workbook_floor_<N>_median_ms       the floor for the same file: file read + unzip (jszip) + a plain regex scan of
//                                       the sheet XML for formulas and cached values (the floor the old figures used)
//    workbook_read_vs_floor_<N>_x       the ratio of read to floor (target <= 2); _vd_ likewise
//    workbook_real_steveja42_median_ms  a real 96 KB TOS workbook with 23 whole-column defined names (shared/research)
//    workbook_real_steveja42_peak_mb    peak RSS of a child process reading it 20 times, above the RSS after imports
//    file_to_engine_200_p50_ms / _p95_ms  a 200-symbol workbook written to a temp name and renamed over the watched
//                                       file -> every changed symbol applied to the desk (fills, marks), timed from the
//                                       rename to LiveData's "applied" callback (target p95 < 15 ms)
//    source_cpu_200_at_1hz_pct          CPU of a process (user + system, every thread) while a FileSource + LiveData +
//                                       desk read a 200-symbol workbook rewritten once a second, as % of one core
//                                       (target < 1 %); measured in a child shaped like the app (sourceCpuChild.ts),
//                                       the workbook in a folder with 500 other files, as in a trader's Documents
//    source_idle_cpu_at_1hz_pct         the same loop (write, rename, wait a second) onto a file nobody watches, 10 s
//                                       before and 10 s after: what this machine charges a process for waking once a
//                                       second at all (on this VM 0.7-2.5 %: a bare 1 s timer costs Node 6-15 ms)
//    source_cpu_200_at_1hz_above_idle_pct  the first less the second: what the source itself costs
//    worker_echo_cpu_at_1hz_above_idle_pct  the idle loop plus a worker thread that only answers a message once a
//                                       second, less the idle loop: the floor of any reader off the main thread here
//    source_cpu_200_per_read_back_to_back_ms  CPU of one read when reads follow each other, the writer's share taken
//                                       out: the work without the cost of waking (x 0.1 = % of a core at one a second)
import JSZip from 'jszip';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseQuotesBuffer } from '../src/main/livedata/quotesFile';
import { withVolatileDependencies, type TopicSpec } from '../test/support/excelParts';
import { rtdSheet, workbookBuffer } from '../test/support/workbooks';
import { openWatchedDesk } from './watchedDesk';

type Report = (name: string, value: number, unit: string) => void;

const symbolsOf = (n: number) => Array.from({ length: n }, (_, i) => `Q${String(i).padStart(4, '0')}`);

const priceOf = (version: number) => (i: number, field: string) => (field.endsWith('SIZE') ? 10 + i : 100 + i + version / 100);

function workbookFor(n: number, version: number): Promise<Buffer> {
  return workbookBuffer({ LiveData: rtdSheet(symbolsOf(n), priceOf(version)) });
}

/** The same workbook as Excel saves it: with every RTD topic in volatileDependencies. */
async function workbookWithTopicsFor(n: number, version: number): Promise<Buffer> {
  const sheet = rtdSheet(symbolsOf(n), priceOf(version));
  const fields = sheet[0]!.slice(1) as string[];
  const topics: TopicSpec[] = symbolsOf(n).flatMap((symbol, i) =>
    fields.map((field, j) => ({ field, symbol, value: priceOf(version)(i, field), cells: [{ sheetId: 1, ref: `${String.fromCharCode(66 + j)}${i + 2}` }] })),
  );
  return withVolatileDependencies(await workbookFor(n, version), topics);
}

const WARM_UP = 100;

const STEVEJA42 = resolve(__dirname, '../../shared/research/samples/steveja42_StockAnalyzerWB_StockAnalyzerWB.xlsx');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

async function floorRead(path: string): Promise<number> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  let cells = 0;
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const cell = /<c [^>]*>(?:<f[^>]*>([^<]*)<\/f>)?(?:<v>([^<]*)<\/v>)?/g;
    while (cell.exec(xml)) cells += 1;
  }
  return cells;
}

export async function benchLiveData(dir: string, report: Report, progress: (message: string) => void): Promise<void> {
  // The app reads its file every second, so its reader is warm: each figure is the median of 12 reads after 100
  // untimed ones (the JIT warms up over ~80 reads of a small workbook; with 4, the 50-symbol read measured 3-5x its steady time).
  const timeReads = async (buffers: readonly Buffer[], expected: number): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + 12; i += 1) {
      const buffer = buffers[i % buffers.length]!;
      const t = performance.now();
      const snapshot = await parseQuotesBuffer('workbook', buffer);
      times.push(performance.now() - t);
      if (snapshot.quotes.size !== expected) throw new Error(`bench: read ${snapshot.quotes.size} symbols of ${expected}`);
    }
    return median(times.slice(WARM_UP));
  };
  for (const n of [50, 200, 1000]) {
    // Two saves of each workbook, with different prices: no reader may gain by meeting the very same bytes again.
    const paths = [0, 1].map((v) => join(dir, `rtd-${n}-${v}.xlsx`));
    const pathsVd = [0, 1].map((v) => join(dir, `rtd-vd-${n}-${v}.xlsx`));
    for (const v of [0, 1]) {
      writeFileSync(paths[v]!, await workbookFor(n, v));
      writeFileSync(pathsVd[v]!, await workbookWithTopicsFor(n, v));
    }
    const floor: number[] = [];
    for (let i = 0; i < WARM_UP + 12; i += 1) {
      const t = performance.now();
      const cells = await floorRead(paths[i % 2]!);
      floor.push(performance.now() - t);
      if (cells < n * 10) throw new Error('bench: the floor scan missed cells');
    }
    const a = await timeReads(paths.map((p) => readFileSync(p)), n);
    const vd = await timeReads(pathsVd.map((p) => readFileSync(p)), n);
    const b = median(floor.slice(WARM_UP));
    report(`workbook_read_${n}_median_ms`, a, 'ms');
    report(`workbook_read_vd_${n}_median_ms`, vd, 'ms');
    report(`workbook_floor_${n}_median_ms`, b, 'ms');
    report(`workbook_read_vs_floor_${n}_x`, a / b, 'x');
    report(`workbook_read_vd_vs_floor_${n}_x`, vd / b, 'x');
  }
  if (existsSync(STEVEJA42)) {
    report('workbook_real_steveja42_median_ms', await timeReads([readFileSync(STEVEJA42)], 7), 'ms');
    const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(__dirname, 'readChild.ts'), STEVEJA42], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`bench: readChild failed: ${child.stderr}`);
    report('workbook_real_steveja42_peak_mb', (JSON.parse(child.stdout) as { peakAboveImportsMB: number }).peakAboveImportsMB, 'MB');
  }

  progress('file -> engine latency, 200 symbols...');
  const path = join(dir, 'watched.xlsx');
  const versions = await Promise.all(Array.from({ length: 8 }, (_, v) => workbookFor(200, v)));
  writeFileSync(path, versions[0]!);

  const watched = await openWatchedDesk(path, join(dir, 'livedata-ledger.db'));
  const latencies: number[] = [];
  for (let i = 0; i < 80; i += 1) {
    const temp = join(dir, `~thor-${i}.tmp`);
    writeFileSync(temp, versions[(i % 7) + 1]!);
    const next = watched.applied();
    const t = performance.now();
    renameSync(temp, path);
    latencies.push((await next) - t);
  }
  const settled = latencies.slice(5);
  report('file_to_engine_200_p50_ms', median(settled), 'ms');
  report('file_to_engine_200_p95_ms', p95(settled), 'ms');

  await watched.stop();

  progress('CPU at one rewrite a second, in a child: 10 s idle, 10 s echo worker, 10 s reading, 10 s idle...');
  const cpuDir = join(dir, 'cpu');
  mkdirSync(cpuDir, { recursive: true });
  const tsxRequire = createRequire(__filename).resolve('tsx/cjs');
  const child = spawnSync(process.execPath, ['-r', tsxRequire, resolve(__dirname, 'sourceCpuChild.ts'), cpuDir], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench: sourceCpuChild failed: ${child.stderr}`);
  const cpu = JSON.parse(child.stdout) as { idlePct: number; echoPct: number; sourcePct: number; perReadMs: number };
  report('source_cpu_200_at_1hz_pct', cpu.sourcePct, '%');
  report('source_idle_cpu_at_1hz_pct', cpu.idlePct, '%');
  report('source_cpu_200_at_1hz_above_idle_pct', cpu.sourcePct - cpu.idlePct, '%');
  report('worker_echo_cpu_at_1hz_above_idle_pct', cpu.echoPct - cpu.idlePct, '%');
  report('source_cpu_200_per_read_back_to_back_ms', cpu.perReadMs, 'ms');
}
