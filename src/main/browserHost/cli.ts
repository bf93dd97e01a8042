// npm run dev:browser [-- --data DIR] [--port N] [--seed N] [--practice]
// Builds nothing itself (the npm script builds first): serves out/renderer and the real Terminal on the ledgers in
// DIR (default ./.thor-dev/) and prints the page's address with its token. --practice starts on the practice desk
// whatever source was chosen last (npm start without Electron does). Ctrl+C closes the ledgers and stops.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost } from './browserHost';

function fail(message: string, code = 1): never {
  process.stderr.write(`dev:browser: ${message}\n`);
  process.exit(code);
}

async function main() {
  let values: { data?: string; port?: string; seed?: string; practice?: boolean };
  try {
    ({ values } = parseArgs({
      options: { data: { type: 'string' }, port: { type: 'string' }, seed: { type: 'string' }, practice: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\nusage: npm run dev:browser -- [--data DIR] [--port N] [--seed N] [--practice]`, 2);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port ${values.port}: not a port number`, 2);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed ${values.seed}: not an integer`, 2);

  const dataDir = resolve(values.data ?? '.thor-dev');
  const host = await startBrowserHost({
    dataDir,
    port,
    rendererDir: resolve(__dirname, '../../../out/renderer'),
    ...(seed !== undefined ? { practice: { seed } } : {}),
    ...(values.practice ? { startOnPractice: true } : {}),
    log: (message) => process.stderr.write(`${new Date().toISOString()} ${message}\n`),
  }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

  process.stdout.write(`Thor Paper Desk (browser host), ledgers in ${dataDir}; open this address in a browser:\n${host.url}\n`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
