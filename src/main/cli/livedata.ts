// npm run --silent livedata -- inspect FILE   prints what the app would read from FILE, as one JSON object
// npm run livedata -- watch FILE              prints each change as the file is rewritten, until Ctrl+C
// inspect reads in this process (no worker), with the app's budgets and its refusal of what is not a regular file:
// a FIFO fails at once instead of blocking. Exit 1 with one line on stderr when the file cannot be read, 2 for usage.
import { resolve } from 'node:path';
import { FileSource } from '../livedata/fileSource';
import { DEFAULT_READ_BUDGETS, fileKind, readQuotesFile } from '../livedata/quotesFile';
import { checkQuotesPath } from '../livedata/quotesPath';
import { snapshotToJson, type Snapshot } from '../livedata/snapshot';
import { statusMessage } from '../livedata/source';

const USAGE = 'usage: npm run --silent livedata -- inspect FILE | npm run livedata -- watch FILE';

function fail(message: string, code = 1): never {
  process.stderr.write(`livedata: ${message}\n`);
  process.exit(code);
}

function why(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'file not found';
  if (e?.code === 'EACCES' || e?.code === 'EBUSY' || e?.code === 'EPERM') return `the file is locked (${e.code})`;
  return statusMessage(error);
}

async function inspect(path: string) {
  const file = path.replace(/\p{C}/gu, '?'); // as shown: one line, whatever the name holds
  if (!fileKind(path)) fail(`cannot read ${file}: not a workbook (.xlsx, .xlsm) or a CSV`);
  let snapshot: Snapshot;
  try {
    // A relative path is the user's own, typed in their shell: it is read from their folder.
    snapshot = await readQuotesFile(resolve(path), DEFAULT_READ_BUDGETS);
  } catch (error) {
    fail(`cannot read ${file}: ${why(error)}`);
  }
  process.stdout.write(`${JSON.stringify(snapshotToJson(snapshot))}\n`);
}

function watchFile(file: string) {
  // The app's own check, but for a file that is not there yet: watch may start before the export macro.
  const checked = checkQuotesPath(resolve(file), process.platform, { allowMissing: true });
  if (!checked.ok) fail(`cannot watch ${file}: ${checked.message}`);
  let source: FileSource;
  try {
    source = new FileSource(checked.path);
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
