// npm run --silent ledger -- verify --db PATH [--json]
// Recomputes cash and positions from fills and resets and prints the differences. Exit 0 when there are none,
// 1 when there are, 2 for a usage error or a file that is not a ledger.
import { existsSync } from 'node:fs';
import { Ledger } from '../ledger/ledger';
import { verifyLedger } from '../ledger/verify';

const USAGE = 'usage: npm run --silent ledger -- verify --db PATH [--json]';

function usage(message: string): never {
  process.stderr.write(`ledger: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command !== 'verify') usage(command ? `unknown command ${command}` : 'no command given');
  let db: string | undefined;
  let json = false;
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i]!;
    if (arg === '--db') db = rest[++i];
    else if (arg.startsWith('--db=')) db = arg.slice(5);
    else if (arg === '--json') json = true;
    else usage(`unexpected argument ${arg}`);
  }
  if (!db) usage('--db PATH is required');
  if (!existsSync(db)) usage(`no database at ${db}`);
  const ledger = await Ledger.open({ path: db });
  try {
    const report = verifyLedger(ledger);
    if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const counted = `${report.accounts} accounts, ${report.orders} orders, ${report.fills} fills, ${report.trades} trades`;
      if (report.ok) process.stdout.write(`verify: no differences (${counted})\n`);
      else {
        process.stdout.write(`verify: ${report.differences.length} differences (${counted})\n`);
        for (const difference of report.differences) process.stdout.write(`  ${difference}\n`);
      }
    }
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    ledger.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`ledger: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
