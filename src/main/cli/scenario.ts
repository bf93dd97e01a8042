// npm run --silent scenario -- FILE.jsonl [--db PATH]
// Prints the final state as one JSON object (exit 0); a malformed file prints why on stderr (exit 2).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, ScenarioFormatError } from '../scenario/events';
import { runScenario } from '../scenario/runner';

const USAGE = 'usage: npm run --silent scenario -- FILE.jsonl [--db PATH]';

function usage(message: string): never {
  process.stderr.write(`scenario: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(argv: string[]) {
  let file: string | undefined;
  let db: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--db') {
      db = argv[++i];
      if (!db) usage('--db needs a path');
    } else if (arg.startsWith('--db=')) db = arg.slice(5);
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (!file) usage('no scenario file given');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    usage(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let events;
  try {
    events = parseScenario(text);
  } catch (error) {
    if (error instanceof ScenarioFormatError) usage(`${file}: ${error.message}`);
    throw error;
  }
  if (db && existsSync(db) && statSync(db).size > 0) {
    usage(`--db ${db} already holds data; the scenario runs against a fresh database, so name a new file`);
  }
  const scratch = db ? undefined : mkdtempSync(join(tmpdir(), 'thor-scenario-'));
  try {
    const output = await runScenario(events, db ?? join(scratch!, 'scenario.db'));
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`scenario: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
