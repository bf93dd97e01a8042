// Child process of the start-up fault test: opens a desk on the ledger given and prints what happened, so the test
// can run it as another user (a read-only file means nothing to root).
import { PaperDesk } from '../../src/main/desk/desk';

async function main() {
  const [path] = process.argv.slice(2);
  if (!path) throw new Error('usage: openLedgerChild DB');
  try {
    const desk = await PaperDesk.open({ path });
    desk.close();
    process.stdout.write('opened\n');
  } catch (error) {
    process.stdout.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  }
}

void main();
