// What a ledger that cannot be written, or cannot be opened, means to a trader: why, where, what to do. It reads
// SQLite's error codes and nothing else; it must never decide whether an order trades (the desk refuses orders
// while the ledger is faulted, with this message).

/** A ledger write that failed for a reason outside the app: the disk, the file's permissions, another program. */
export interface LedgerFault {
  /** One phrase: "the disk is full". */
  readonly why: string;
  /** The ledger file. */
  readonly where: string;
  /** What the trader can do about it. */
  readonly what: string;
  /** The whole sentence, as orders are refused with it. */
  readonly message: string;
  /** SQLite's code, for the log. */
  readonly code: string;
}

const FAULTS: readonly { readonly test: RegExp; readonly why: string; readonly what: string }[] = [
  { test: /^SQLITE_FULL/, why: 'the disk is full', what: 'free some space on that disk; the desk resumes by itself' },
  {
    test: /^SQLITE_READONLY/,
    why: 'the ledger file is read-only',
    what: 'make the file and its folder writable (not read-only, not in a synced or locked folder); the desk resumes by itself',
  },
  {
    test: /^SQLITE_(BUSY|LOCKED)/,
    why: 'another program holds the ledger locked',
    what: 'close the other program (a backup, a sync tool, a second copy of the app); the desk resumes by itself',
  },
  {
    test: /^SQLITE_(IOERR|CANTOPEN|PERM|AUTH)/,
    why: 'the disk refused the write (an I/O error)',
    what: 'check the disk or the network drive the ledger is on; the desk resumes by itself',
  },
];

/** The fault an error is, or undefined for an error that is a bug of ours (let it be reported as such). */
export function ledgerFault(error: unknown, where: string): LedgerFault | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const known = FAULTS.find((fault) => fault.test.test(code));
  if (!known) return undefined;
  return {
    why: known.why,
    where,
    what: known.what,
    code,
    message: `cannot write the ledger: ${known.why} (${where}); ${known.what}`,
  };
}

/** Thrown by the ledger's writes when the file cannot take them; the transaction was rolled back. */
export class LedgerWriteError extends Error {
  constructor(readonly fault: LedgerFault) {
    super(fault.message);
    this.name = 'LedgerWriteError';
  }
}

/** A ledger that cannot be opened, in the trader's words (the start-up dialog and the browser host print it). */
export class LedgerOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerOpenError';
  }
}

/** Runs a write; a storage failure comes out as a LedgerWriteError, anything else as it was. */
export function guardWrite<T>(where: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    const fault = ledgerFault(error, where);
    if (fault) throw new LedgerWriteError(fault);
    throw error;
  }
}

/** Why a ledger could not be opened, in trader words, for errors of the disk or the file. */
export function openFault(error: unknown, where: string): LedgerOpenError | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (/^SQLITE_NOTADB/.test(code)) return notOurLedger(where, 'it is not a database file');
  if (/^SQLITE_READONLY/.test(code) || /^SQLITE_CANTOPEN/.test(code) || /^SQLITE_PERM/.test(code)) {
    return new LedgerOpenError(
      `The ledger ${where} is read-only, so no order could be recorded. Make the file and its folder writable ` +
        '(Properties > uncheck Read-only; not a synced, shared or write-protected folder), or start the app with ' +
        'another data folder (THOR_USER_DATA).',
    );
  }
  const fault = ledgerFault(error, where);
  if (fault) return new LedgerOpenError(`The ledger ${where} cannot be opened: ${fault.why}; ${fault.what.replace(/; the desk resumes by itself$/, '')}.`);
  return undefined;
}

export function notOurLedger(where: string, because: string): LedgerOpenError {
  return new LedgerOpenError(
    `${where} is not a Thor Paper Desk ledger (${because}); it was left untouched. Move it away or start the app ` +
      'with another data folder (THOR_USER_DATA).',
  );
}
