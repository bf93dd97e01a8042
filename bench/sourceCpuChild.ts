// Child process of bench/livedata.ts: the CPU a file source costs, in a process shaped like the app's. It runs with
// tsx's require hook (`node -r tsx/cjs`), not `--import tsx`: the latter keeps a module-hooks thread of its own,
// whose memory-reducer collections landed in the measured seconds (2-8 ms a second here) and that the app, a
// bundle, does not have. Prints one JSON line:
//   idlePct        the writer's loop (write a 200-symbol workbook to a temp name, rename it into a folder nobody
//                  watches, wait for the next second) as % of one core: the mean of 10 s before and 10 s after
//   sourcePct      the same loop onto the watched file, with a FileSource + LiveData + desk reading it; the file sits
//                  in a folder with 500 other files, as a workbook in Documents does
//   echoPct        the writer's loop again, each second also asking a worker thread that does nothing but answer: what
//                  waking a second thread once a second costs here, the floor of any reader that reads off the main
//                  thread (LIVEDATA.md and issue 8 ask for a worker)
//   perReadMs      CPU (all threads) of one read when 200 reads follow each other with no pause, less the writer's
//                  own share measured the same way: the work itself, without what waking after a second costs
//   node -r tsx/cjs bench/sourceCpuChild.ts DIR
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { rtdSheet, workbookBuffer } from '../test/support/workbooks';
import { openWatchedDesk } from './watchedDesk';

const symbols = Array.from({ length: 200 }, (_, i) => `Q${String(i).padStart(4, '0')}`);
const priceOf = (version: number) => (i: number, field: string) => (field.endsWith('SIZE') ? 10 + i : 100 + i + version / 100);

/** CPU of every thread of this process, in ms. */
function cpuMs(): number {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1000;
}

const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000));

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: sourceCpuChild.ts DIR');
  const versions = await Promise.all(Array.from({ length: 8 }, (_, v) => workbookBuffer({ LiveData: rtdSheet(symbols, priceOf(v)) })));
  const unwatched = join(dir, 'unwatched');
  mkdirSync(unwatched, { recursive: true });
  const write = (folder: string, i: number, name: string) => {
    const temp = join(folder, `~thor-${i}.tmp`);
    writeFileSync(temp, versions[(i % 7) + 1]!);
    renameSync(temp, join(folder, name));
  };

  /** The writer's loop onto a file nobody watches, `seconds` times: % of a core. */
  const idleLoop = async (seconds: number) => {
    const cpu = cpuMs();
    const wall = performance.now();
    for (let i = 0; i < seconds; i += 1) {
      const tick = nextSecond();
      write(unwatched, i, 'idle.xlsx');
      await tick;
    }
    return ((cpuMs() - cpu) / (performance.now() - wall)) * 100;
  };

  const idleBefore = await idleLoop(10);
  const echo = new Worker("require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));", { eval: true });
  const ask = (i: number) => new Promise((resolve) => echo.once('message', resolve).postMessage(i));
  for (let i = 0; i < 20; i += 1) await ask(i);
  const echoCpu = cpuMs();
  const echoWall = performance.now();
  for (let i = 0; i < 10; i += 1) {
    const tick = nextSecond();
    write(unwatched, i, 'idle.xlsx');
    await ask(i);
    await tick;
  }
  const echoPct = ((cpuMs() - echoCpu) / (performance.now() - echoWall)) * 100;
  await echo.terminate();
  const path = join(dir, 'watched.xlsx');
  writeFileSync(path, versions[0]!);
  // The workbook sits where traders keep theirs, in a folder of other files (chokidar once stat'ed them all per save).
  for (let i = 0; i < 500; i += 1) writeFileSync(join(dir, `document-${i}.txt`), 'x');
  const watched = await openWatchedDesk(path, join(dir, 'cpu-ledger.db'));
  const readBackToBack = async (reads: number) => {
    for (let i = 0; i < reads; i += 1) {
      const next = watched.applied();
      write(dir, i, 'watched.xlsx');
      await next;
    }
  };
  await readBackToBack(80); // warm, as the app is after its first minute

  const writerCpu = cpuMs();
  for (let i = 0; i < 200; i += 1) write(unwatched, i, 'idle.xlsx');
  const writerMs = (cpuMs() - writerCpu) / 200;
  const backToBack = cpuMs();
  await readBackToBack(200);
  const perReadMs = (cpuMs() - backToBack) / 200 - writerMs;

  const cpu = cpuMs();
  const wall = performance.now();
  for (let i = 0; i < 10; i += 1) {
    const tick = nextSecond();
    const next = watched.applied();
    write(dir, i, 'watched.xlsx');
    await next;
    await tick;
  }
  const sourcePct = ((cpuMs() - cpu) / (performance.now() - wall)) * 100;
  await watched.stop();
  const idleAfter = await idleLoop(10);
  process.stdout.write(`${JSON.stringify({ idlePct: (idleBefore + idleAfter) / 2, echoPct, sourcePct, perReadMs })}\n`);
}

void main();
