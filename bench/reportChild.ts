// Child process of bench/reports.ts: writes one statement in a fresh Node process, so its peak RSS is the export's.
//   node --import tsx bench/reportChild.ts DB_PATH FORMAT OUT
// Prints one JSON line: the export's wall time (read + write), the CPU time it took (user + system, all threads: zlib
// compresses the workbook on libuv's pool) and the process's peak RSS, also above the RSS after imports.
import { exportStatement, type StatementFormat } from '../src/main/reports/exportStatement';
import { openReadOnlyLedger } from '../src/main/reports/source';

async function main(): Promise<void> {
  const [path, format, out] = process.argv.slice(2);
  if (!path || !format || !out) throw new Error('usage: reportChild.ts DB_PATH FORMAT OUT');
  // The workbook writer (exceljs) loads on first use; load it first, so the figure is the export's, not the import's.
  if (format === 'xlsx') await import('../src/main/reports/workbook');
  const afterImports = process.memoryUsage().rss;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const source = openReadOnlyLedger(path);
  const { count, of } = await exportStatement(source, { accountId: 'main', from: '2026-02-02', to: '2026-02-27' }, format as StatementFormat, out);
  source.close();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    `${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, count, of, maxRssMB: peak / 2 ** 20, peakAboveImportsMB: Math.max(0, peak - afterImports) / 2 ** 20 })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
