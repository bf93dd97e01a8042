// npm run --silent report -- statement --db PATH --account ID --from YYYY-MM-DD --to YYYY-MM-DD
//   --format tos-csv|xlsx|trades-csv|fills-csv --out FILE
// Writes an account's statement for a range of trading days (../shared/REPORTS.md). It opens the ledger read-only
// and never writes to it. Exit 0; 2 with one line on standard error for a bad argument, ledger, account or date.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportStatement, isStatementFormat, STATEMENT_FORMATS } from '../reports/exportStatement';
import { checkRange, StatementRequestError } from '../reports/ledgerReader';
import { openReadOnlyLedger, ReportSourceError } from '../reports/source';

function fail(message: string): never {
  process.stderr.write(`report: ${message}\n`);
  process.exit(2);
}

const OPTIONS = ['db', 'account', 'from', 'to', 'format', 'out'] as const;
type Option = (typeof OPTIONS)[number];

function parseArgs(argv: string[]): Record<Option, string> {
  const [command, ...rest] = argv;
  if (command !== 'statement') fail(command ? `unknown command ${command} (the command is statement)` : 'no command given (the command is statement)');
  const values: Partial<Record<Option, string>> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i]!;
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(2, eq) : arg.slice(2)) as Option;
    if (!arg.startsWith('--') || !OPTIONS.includes(name)) fail(`unexpected argument ${arg}`);
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || value === '') fail(`--${name} needs a value`);
    if (values[name] !== undefined) fail(`--${name} given twice`);
    values[name] = value;
  }
  for (const name of OPTIONS) if (values[name] === undefined) fail(`--${name} is required`);
  return values as Record<Option, string>;
}

async function main(argv: string[]) {
  const args = parseArgs(argv);
  if (!isStatementFormat(args.format)) fail(`--format must be one of ${STATEMENT_FORMATS.join(', ')} (got ${args.format})`);
  const rangeError = checkRange(args.from, args.to);
  if (rangeError) fail(rangeError);
  if (!existsSync(args.db)) fail(`no ledger at ${args.db}`);
  if (resolve(args.out) === resolve(args.db)) fail('--out names the ledger itself; name another file');
  let source;
  try {
    source = openReadOnlyLedger(args.db);
  } catch (error) {
    if (error instanceof ReportSourceError) fail(error.message);
    throw error;
  }
  try {
    await exportStatement(source, { accountId: args.account, from: args.from, to: args.to }, args.format, args.out);
  } catch (error) {
    if (error instanceof StatementRequestError) fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code) fail(`cannot write ${args.out}: ${code}`);
    throw error;
  } finally {
    source.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`report: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
