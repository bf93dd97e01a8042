// The limits of one read of a quotes file and the error that says which one ended it. Types and one error class:
// nothing here reads or watches.

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
