// npm run --silent livedata -- inspect FILE   prints what the app would read from FILE, as one JSON object
// npm run livedata -- watch FILE              prints each change as the file is rewritten, until Ctrl+C
import { existsSync } from 'node:fs';
import { FileSource } from '../livedata/fileSource';
import { fileKind, readQuotesFile } from '../livedata/quotesFile';
import { snapshotToJson, type Snapshot } from '../livedata/snapshot';

const USAGE = 'usage: npm run --silent livedata -- inspect FILE | npm run livedata -- watch FILE';

function fail(message: string, code = 1): never {
  process.stderr.write(`livedata: ${message}\n`);
  process.exit(code);
}

async function inspect(file: string) {
  if (!fileKind(file)) fail(`cannot read ${file}: not a workbook (.xlsx, .xlsm) or a CSV`);
  if (!existsSync(file)) fail(`cannot read ${file}: file not found`);
  let snapshot: Snapshot;
  try {
    snapshot = await readQuotesFile(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    fail(`cannot read ${file}: ${e.code === 'EACCES' || e.code === 'EBUSY' || e.code === 'EPERM' ? `the file is locked (${e.code})` : e.message}`);
  }
  process.stdout.write(`${JSON.stringify(snapshotToJson(snapshot))}\n`);
}

function watchFile(file: string) {
  let source: FileSource;
  try {
    source = new FileSource(file);
  } catch (error) {
    fail((error as Error).message);
  }
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 23);
  source.start({
    snapshot(snapshot, changes, readAt) {
      const json = snapshotToJson({ ...snapshot, quotes: changes });
      if (json.quotes.length === 0) {
        process.stdout.write(`${time(readAt)} read, nothing changed\n`);
        return;
      }
      for (const quote of json.quotes) {
        const { symbol, ...fields } = quote;
        const parts = Object.entries(fields).map(([k, v]) => `${k}=${v}`);
        process.stdout.write(`${time(readAt)} ${symbol} ${parts.join(' ')}\n`);
      }
      for (const warning of snapshot.warnings) process.stdout.write(`  warning: ${warning}\n`);
    },
    status(status) {
      process.stdout.write(`${time(Date.now())} [${status.state}]${status.message ? ` ${status.message}` : ''}\n`);
    },
  });
  const stop = () => void source.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const [command, file, ...rest] = process.argv.slice(2);
if (!command || !file || rest.length > 0) fail(USAGE, 2);
if (command === 'inspect') void inspect(file);
else if (command === 'watch') watchFile(file);
else fail(`unknown command ${command}\n${USAGE}`, 2);
