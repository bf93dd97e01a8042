// One read of a quotes file: which kind it is by its extension, and its bytes turned into a snapshot. Pure reading:
// no watching, no timers, never a write to the trader's file.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { readCsvText } from './csv';
import type { Snapshot } from './snapshot';
import type { SourceKind } from './source';
import { readWorkbookBuffer } from './workbook';

/** The limits of one read (LIVEDATA.md "Reading is bounded"): past one, the read fails with a QuotesFileLimitError. */
export interface ReadBudgets {
  /** The file's size on disk. */
  readonly maxFileBytes: number;
  /** What the parts we read unpack to (a workbook's XML), in total. */
  readonly maxUnpackedBytes: number;
  /** The time of one read, from opening the file to the snapshot. */
  readonly maxReadMs: number;
}

export const DEFAULT_READ_BUDGETS: ReadBudgets = { maxFileBytes: 50 * 1024 * 1024, maxUnpackedBytes: 200 * 1024 * 1024, maxReadMs: 2_000 };

export type ReadLimit = 'fileSize' | 'unpacked' | 'time';

/** A read ended by one of its budgets; the message says which, in a trader's words. */
export class QuotesFileLimitError extends Error {
  constructor(
    readonly limit: ReadLimit,
    message: string,
  ) {
    super(message);
    this.name = 'QuotesFileLimitError';
  }
}

export function fileKind(path: string): SourceKind | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'workbook';
  if (ext === '.csv') return 'csv';
  return null;
}

/** Reads a workbook or CSV once, by extension. Throws with a message a trader can read. */
export async function readQuotesFile(path: string): Promise<Snapshot> {
  const kind = fileKind(path);
  if (!kind) throw new Error(`${basename(path)}: not a workbook (.xlsx, .xlsm) or a CSV`);
  const buffer = await readFile(path);
  return parseQuotesBuffer(kind, buffer);
}

export async function parseQuotesBuffer(kind: SourceKind, buffer: Buffer): Promise<Snapshot> {
  if (buffer.length === 0) throw new Error('the file is empty (is it being written?)');
  if (kind === 'csv') return readCsvText(buffer.toString('utf8'));
  try {
    return await readWorkbookBuffer(buffer);
  } catch (error) {
    throw new Error(`cannot read the workbook: ${describeZipError(error)}`);
  }
}

function describeZipError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/central directory|zip/i.test(message)) return 'not a complete workbook file (truncated or corrupt zip)';
  if (/end of data/i.test(message)) return 'the file ends too early (truncated)';
  return message;
}

