// The quotes reader's worker thread (started by readerThread.ts): checks the path, reads the file and parses it within
// the read's budgets, and answers with the snapshot's wire form or the error. It holds no state between reads and
// must never watch, write, or send a Decimal (it would arrive as a plain object): decimals cross as strings.
import { parentPort } from 'node:worker_threads';
import { readQuotesFileChecked } from './quotesFile';
import { encodeError, encodeSnapshot, type ReaderCommand, type ReaderReply, type ReadRequest } from './readerThread';

const port = parentPort;
if (!port) throw new Error('readWorker.ts runs as a worker thread (see readerThread.ts)');

const resumes = new Map<number, () => void>();

function reply(message: ReaderReply) {
  port!.postMessage(message);
}

async function read(request: ReadRequest) {
  const afterBytes = request.pauseAfterBytes
    ? (attempt: number) =>
        new Promise<void>((resolve) => {
          resumes.set(request.id, resolve);
          reply({ type: 'paused', id: request.id, attempt });
        })
    : undefined;
  try {
    const { snapshot, mtimeMs, size } = await readQuotesFileChecked(request.path, request.budgets, { maxSymbols: request.maxSymbols, afterBytes });
    reply({ type: 'result', id: request.id, snapshot: encodeSnapshot(snapshot), mtimeMs, size });
  } catch (error) {
    reply({ type: 'error', id: request.id, error: encodeError(error) });
  }
}

port.on('message', (command: ReaderCommand) => {
  if (command.type === 'read') void read(command);
  else {
    const resume = resumes.get(command.id);
    resumes.delete(command.id);
    resume?.();
  }
});
reply({ type: 'ready' });
