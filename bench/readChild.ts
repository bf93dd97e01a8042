// Child process of bench/livedata.ts: reads one workbook 20 times in a fresh Node process and prints, as one JSON
// line, how far the peak RSS rose above the RSS once the reader's modules were loaded.
//   node --import tsx bench/readChild.ts FILE
import { readFileSync } from 'node:fs';
import { parseQuotesBuffer } from '../src/main/livedata/quotesFile';

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: readChild.ts FILE');
  const buffer = readFileSync(path);
  const afterImports = process.memoryUsage().rss;
  let symbols = 0;
  for (let i = 0; i < 20; i += 1) symbols = (await parseQuotesBuffer('workbook', buffer)).quotes.size;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ symbols, peakAboveImportsMB: Math.max(0, peak - afterImports) / (1024 * 1024) })}\n`);
}

void main();
