// LiveData figures for `npm run bench` (part `livedata`):
//    workbook_read_<N>_median_ms        reading an N-symbol RTD workbook (10 RTD fields a symbol): file read + exceljs
//                                       load + our RTD/table pass, median of several reads
//    workbook_floor_<N>_median_ms       the floor for the same file: file read + unzip (jszip) + a plain regex scan of
//                                       the sheet XML for formulas and cached values
//    workbook_read_vs_floor_<N>_x       the ratio of the two
//    file_to_engine_200_p50_ms / _p95_ms  a 200-symbol workbook written to a temp name and renamed over the watched
//                                       file -> every changed symbol applied to the desk (fills, marks), timed from the
//                                       rename to LiveData's "applied" callback (target p95 < 40 ms)
//    source_cpu_200_at_1hz_pct          CPU of this process (user + system) while a FileSource + LiveData + desk read a
//                                       200-symbol workbook rewritten once a second, as % of one core (target < 5 %)
import JSZip from 'jszip';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PaperDesk } from '../src/main/desk/desk';
import { FileSource } from '../src/main/livedata/fileSource';
import { parseQuotesBuffer } from '../src/main/livedata/quotesFile';
import { LiveData } from '../src/main/livedata/liveData';
import { rtdSheet, workbookBuffer } from '../test/support/workbooks';

type Report = (name: string, value: number, unit: string) => void;

const symbolsOf = (n: number) => Array.from({ length: n }, (_, i) => `Q${String(i).padStart(4, '0')}`);

function workbookFor(n: number, version: number): Promise<Buffer> {
  return workbookBuffer({ LiveData: rtdSheet(symbolsOf(n), (i, field) => (field.endsWith('SIZE') ? 10 + i : 100 + i + version / 100)) });
}

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
  for (const n of [50, 200, 1000]) {
    const path = join(dir, `rtd-${n}.xlsx`);
    writeFileSync(path, await workbookFor(n, 0));
    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      let t = performance.now();
      const snapshot = await parseQuotesBuffer('workbook', readFileSync(path));
      ours.push(performance.now() - t);
      if (snapshot.quotes.size !== n) throw new Error(`bench: read ${snapshot.quotes.size} symbols of ${n}`);
      t = performance.now();
      const cells = await floorRead(path);
      floor.push(performance.now() - t);
      if (cells < n * 10) throw new Error('bench: the floor scan missed cells');
    }
    // The first reads warm up the JIT; keep the rest.
    const a = median(ours.slice(2));
    const b = median(floor.slice(2));
    report(`workbook_read_${n}_median_ms`, a, 'ms');
    report(`workbook_floor_${n}_median_ms`, b, 'ms');
    report(`workbook_read_vs_floor_${n}_x`, a / b, 'x');
  }

  progress('file -> engine latency, 200 symbols...');
  const path = join(dir, 'watched.xlsx');
  const versions = await Promise.all(Array.from({ length: 8 }, (_, v) => workbookFor(200, v)));
  writeFileSync(path, versions[0]!);
  const desk = await PaperDesk.open({ path: join(dir, 'livedata-ledger.db') });
  desk.createAccount({ id: 'main' });
  const live = new LiveData(desk);
  const source = new FileSource(path, { pollMs: 1000, staleAfterMs: 60_000 });
  const applied = () =>
    new Promise<number>((resolve) => {
      const off = live.onApplied((changes) => {
        if (changes.size === 0) return;
        off();
        resolve(performance.now());
      });
    });
  let next = applied();
  await live.use(source);
  await next;
  const latencies: number[] = [];
  for (let i = 0; i < 80; i += 1) {
    const temp = join(dir, `~thor-${i}.tmp`);
    writeFileSync(temp, versions[(i % 7) + 1]!);
    next = applied();
    const t = performance.now();
    renameSync(temp, path);
    latencies.push((await next) - t);
  }
  const settled = latencies.slice(5);
  report('file_to_engine_200_p50_ms', median(settled), 'ms');
  report('file_to_engine_200_p95_ms', p95(settled), 'ms');

  progress('CPU at one rewrite a second, 10 s...');
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let i = 0; i < 10; i += 1) {
    const tick = new Promise((resolve) => setTimeout(resolve, 1000));
    const temp = join(dir, `~thor-cpu-${i}.tmp`);
    writeFileSync(temp, versions[i % 2 === 0 ? 2 : 3]!);
    next = applied();
    renameSync(temp, path);
    await next;
    await tick;
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  report('source_cpu_200_at_1hz_pct', ((cpu.user + cpu.system) / 1000 / wall) * 100, '%');
  await live.stop();
  desk.close();
}
