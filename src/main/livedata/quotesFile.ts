// One read of a quotes file: which kind it is by its extension, and its bytes turned into a snapshot. Pure reading:
// no watching, no timers, never a write to the trader's file.
import { constants, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { readCsvText } from './csv';
import { fileKind, notAFile, NotAFileError } from './quotesPath';
import { DEFAULT_READ_BUDGETS, QuotesFileLimitError, type ReadBudgets } from './readLimits';
import type { Snapshot } from './snapshot';
import type { SourceKind } from './source';
import { readWorkbookBuffer } from './xlsx/readXlsx';
import { WorkbookFormatError } from './xlsx/zipParts';

export { DEFAULT_READ_BUDGETS, QuotesFileLimitError, type ReadBudgets, type ReadLimit } from './readLimits';
export { fileKind } from './quotesPath';

/** What else bounds one read, beside its budgets. */
export interface ReadOptions {
  /** The most quotes (symbols) a file may give; DEFAULT_MAX_SYMBOLS unless set. */
  readonly maxSymbols?: number;
  /** Test seam: called once the bytes of attempt `attempt` are in, before the file is looked at again. */
  readonly afterBytes?: (attempt: number) => Promise<void>;
}

/**
 * A quotes sheet holds hundreds of symbols, a few thousand at most (every RTD topic costs TOS and Excel). 100,000 rows
 * cost the main thread 1.5 s and 470 MB on their first read: past this the file is refused, never cut short.
 */
export const DEFAULT_MAX_SYMBOLS = 5_000;

/** A read's snapshot and the file it came from (its mtime and size when it was read). */
export interface QuotesFileRead {
  readonly snapshot: Snapshot;
  readonly mtimeMs: number;
  readonly size: number;
}

/** A file rewritten while it was read is read again, this many times in all, before the read gives up. */
const READ_ATTEMPTS = 3;
// O_NONBLOCK: a FIFO swapped in between the lstat and the open must not block the open (it is refused after).
// O_NOFOLLOW: nor may a link swapped in be followed. Windows has neither flag (and no FIFOs on the disk).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** 52428800 -> "50 MB", 1500 -> "1.5 KB": a budget in a trader's words. */
export function formatBytes(bytes: number): string {
  const round = (n: number) => String(Math.round(n * 10) / 10);
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** 2000 -> "2 s", 250 -> "250 ms". */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}

/** The error of a read that ran past its time budget, in the words of LIVEDATA.md's statuses. */
export function timeLimitError(budgets: ReadBudgets): QuotesFileLimitError {
  return new QuotesFileLimitError('time', `the read took longer than ${formatDuration(budgets.maxReadMs)} (limit)`);
}

function checkSize(size: number, budgets: ReadBudgets) {
  if (size > budgets.maxFileBytes) {
    throw new QuotesFileLimitError('fileSize', `the file is ${formatBytes(size)}, larger than ${formatBytes(budgets.maxFileBytes)} (limit)`);
  }
}

/** Refuses what is not a regular file, by lstat (never opening it: opening a FIFO blocks) and again by fstat. */
function refuseNotAFile(stats: Stats) {
  const why = notAFile(stats);
  if (why) throw new NotAFileError(why);
}

/** At most `size` bytes from the start of an open file; fewer when it was cut short meanwhile. */
async function readBytes(handle: FileHandle, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}

/** One attempt: the bytes, the stats they were read under, and whether the file changed while they were read. */
async function readAttempt(path: string, budgets: ReadBudgets, attempt: number, hooks: ReadOptions) {
  const before = await lstat(path);
  refuseNotAFile(before);
  checkSize(before.size, budgets);
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    // O_NOFOLLOW met a link swapped in after the lstat.
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new NotAFileError(notAFile(await lstat(path)) ?? 'the path is a link');
    throw error;
  }
  try {
    const stats = await handle.stat();
    refuseNotAFile(stats);
    checkSize(stats.size, budgets);
    const buffer = await readBytes(handle, stats.size);
    await hooks.afterBytes?.(attempt);
    // The path now: rewritten in place (size, mtime) or replaced by a rename (another file) since it was opened.
    const after = await lstat(path).catch(() => null);
    const changed =
      after === null || buffer.length !== stats.size || after.size !== stats.size || after.mtimeMs !== stats.mtimeMs || after.ino !== stats.ino;
    return { buffer, stats, changed };
  } finally {
    await handle.close();
  }
}

/**
 * Reads a workbook or CSV once, by extension, within its budgets: a path that is not a regular file (a folder, a
 * pipe, a device, a link) is refused without being opened, a file over the size budget without being read, a file
 * rewritten while it was read is read again. Throws with a message a trader can read (fs errors keep their code).
 */
export async function readQuotesFileChecked(
  path: string,
  budgets: ReadBudgets = DEFAULT_READ_BUDGETS,
  options: ReadOptions = {},
): Promise<QuotesFileRead> {
  const kind = fileKind(path);
  if (!kind) throw new Error(`${basename(path)}: not a workbook (.xlsx, .xlsm) or a CSV`);
  const maxSymbols = options.maxSymbols ?? DEFAULT_MAX_SYMBOLS;
  const tooMany = () => new Error(`the file has more than ${maxSymbols} quotes (limit): a quotes sheet has far fewer`);
  const deadline = performance.now() + budgets.maxReadMs;
  for (let attempt = 1; ; attempt += 1) {
    const { buffer, stats, changed } = await readAttempt(path, budgets, attempt, options);
    if (performance.now() > deadline) throw timeLimitError(budgets);
    if (changed) {
      if (attempt < READ_ATTEMPTS) continue;
      throw new Error('the file kept changing while it was read');
    }
    // A CSV's lines bound its rows: far too many is refused before parsing costs the memory (blank lines, a trailer
    // and quoted line breaks are allowed for by the margin; the parsed count below is the exact check).
    if (kind === 'csv' && countLines(buffer) > maxSymbols * 2 + 100) throw tooMany();
    let snapshot: Snapshot;
    try {
      snapshot = await parseQuotesBuffer(kind, buffer, budgets);
    } catch (error) {
      // The reader's own clock says the same thing in other words: one message for the time budget.
      if (error instanceof QuotesFileLimitError && error.limit === 'time') throw timeLimitError(budgets);
      throw error;
    }
    if (performance.now() > deadline) throw timeLimitError(budgets);
    if (snapshot.quotes.size > maxSymbols) throw tooMany();
    return { snapshot, mtimeMs: stats.mtimeMs, size: stats.size };
  }
}

function countLines(buffer: Buffer): number {
  let lines = 0;
  for (let at = buffer.indexOf(0x0a); at >= 0; at = buffer.indexOf(0x0a, at + 1)) lines += 1;
  return lines;
}

/** Reads a workbook or CSV once, by extension, within its budgets. Throws with a message a trader can read. */
export async function readQuotesFile(path: string, budgets: ReadBudgets = DEFAULT_READ_BUDGETS): Promise<Snapshot> {
  return (await readQuotesFileChecked(path, budgets)).snapshot;
}

export async function parseQuotesBuffer(kind: SourceKind, buffer: Buffer, _budgets: ReadBudgets = DEFAULT_READ_BUDGETS): Promise<Snapshot> {
  if (buffer.length === 0) throw new Error('the file is empty (is it being written?)');
  if (kind === 'csv') return readCsvText(buffer.toString('utf8'));
  try {
    return await readWorkbookBuffer(buffer, _budgets);
  } catch (error) {
    // Budgets and our own format errors already say what is wrong in a trader's words.
    if (error instanceof QuotesFileLimitError) throw error;
    if (error instanceof WorkbookFormatError) throw new Error(`cannot read the workbook: ${error.message}`);
    throw new Error(`cannot read the workbook: ${describeZipError(error)}`);
  }
}

function describeZipError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/central directory|zip/i.test(message)) return 'not a complete workbook file (truncated or corrupt zip)';
  if (/end of data/i.test(message)) return 'the file ends too early (truncated)';
  return message;
}

