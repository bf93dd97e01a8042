// The parts of a workbook's zip that quotes need, unpacked within the read's budgets: yauzl reads the central
// directory (and checks it), Node's own zlib inflates each wanted part in one native call whose output is capped, so
// a zip bomb costs no more than its cap. Everything else in the zip (drawings, images, calcChain) is never unpacked.
import { inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { QuotesFileLimitError } from '../readLimits';

export interface PartLimits {
  /** What all unpacked parts may add up to, in bytes. */
  readonly maxUnpackedBytes: number;
  /** performance.now() after which the read gives up. */
  readonly deadline: number;
}

export class WorkbookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookFormatError';
  }
}

export function checkDeadline(limits: PartLimits): void {
  if (performance.now() > limits.deadline) throw new QuotesFileLimitError('time', 'the read took longer than its time limit');
}

function openZip(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true }, (error, zip) =>
      error || !zip ? reject(new WorkbookFormatError(describeZipError(error))) : resolve(zip),
    );
  });
}

function describeZipError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory|central directory|signature/i.test(message)) return 'not a complete workbook file (truncated or corrupt zip)';
  return 'not a readable workbook file (corrupt zip)';
}

function listEntries(zip: ZipFile, limits: PartLimits): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      try {
        checkDeadline(limits);
      } catch (error) {
        reject(error);
        return;
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: unknown) => reject(new WorkbookFormatError(describeZipError(error))));
    zip.readEntry();
  });
}

function rawBytes(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Deflated parts come out raw and are inflated below with a cap; stored parts come as they are.
    const options = entry.compressionMethod === 8 ? { decompress: false as const } : {};
    zip.openReadStream(entry, options, (error, stream) => {
      if (error || !stream) return reject(new WorkbookFormatError(describeZipError(error)));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
      stream.on('error', (e: unknown) => reject(new WorkbookFormatError(describeZipError(e))));
    });
  });
}

/** An open workbook zip: which parts it has, and each wanted part's bytes, unpacked once. */
export class WorkbookZip {
  private unpacked = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly limits: PartLimits,
  ) {}

  static async open(buffer: Buffer, limits: PartLimits): Promise<WorkbookZip> {
    const zip = await openZip(buffer);
    try {
      return new WorkbookZip(zip, await listEntries(zip, limits), limits);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** The part's bytes, or null when the zip has no such part. */
  async read(name: string): Promise<Buffer | null> {
    const entry = this.entries.get(name);
    if (!entry) return null;
    return this.unpack(name, entry, await this.packed(name, entry));
  }

  /**
   * What `parse` makes of the part, or null when the zip has no such part; `kind` names the parse. Kept in `kept`
   * with the part's packed bytes: the same bytes again are not unpacked or parsed again.
   */
  async readParsed<T>(name: string, kind: string, kept: ParsedParts, parse: (bytes: Buffer) => T): Promise<T | null> {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const raw = await this.packed(name, entry);
    const key = `${kind}:${entry.compressionMethod}:${name}`;
    const before = kept.get(key, raw);
    if (before !== undefined) {
      this.unpacked += entry.uncompressedSize;
      return before as T;
    }
    const bytes = this.unpack(name, entry, raw);
    const value = parse(bytes);
    kept.set(key, raw, bytes.length, value);
    return value;
  }

  /** The part's bytes as the zip holds them, once its declared size fits the budgets. */
  private async packed(name: string, entry: Entry): Promise<Buffer> {
    checkDeadline(this.limits);
    const room = this.limits.maxUnpackedBytes - this.unpacked;
    if (entry.uncompressedSize > room) throw this.tooBig();
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new WorkbookFormatError(`${name} uses a compression this reader does not know (${entry.compressionMethod})`);
    }
    return rawBytes(this.zip, entry);
  }

  private unpack(name: string, entry: Entry, raw: Buffer): Buffer {
    let bytes: Buffer;
    if (entry.compressionMethod === 0) bytes = raw;
    else {
      try {
        // The cap is the size the zip declares (yauzl checks it too): a part that unpacks to more is lying.
        bytes = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new WorkbookFormatError(`${name} unpacks to more than the zip says (corrupt or hostile file)`);
        }
        throw new WorkbookFormatError('not a readable workbook file (corrupt zip)');
      }
    }
    this.unpacked += bytes.length;
    if (this.unpacked > this.limits.maxUnpackedBytes) throw this.tooBig();
    return bytes;
  }

  close(): void {
    this.zip.close();
  }

  private tooBig(): QuotesFileLimitError {
    const mb = Math.round(this.limits.maxUnpackedBytes / (1024 * 1024));
    return new QuotesFileLimitError('unpacked', `the workbook unpacks to more than ${mb} MB (the limit for a quotes file)`);
  }
}

/** Parts kept: more than the small parts of a workbook a reader meets (its sheet list, relationships, shared strings). */
const MAX_KEPT_PARTS = 16;
/** Parts larger than this, unpacked, are parsed every read rather than kept: what is kept stays small beside the
 * reader's memory budget, whatever a hostile file holds. */
const MAX_KEPT_BYTES = 4 << 20;

/**
 * What small parts parsed to, by part and parse, with the packed bytes they were parsed from: a workbook saved again
 * every second has the same sheet list, relationships and (mostly) shared strings, while its cells change. The same
 * packed bytes unpack to the same part, so the kept answer is exact. Answers are shared: callers must not change them.
 */
export class ParsedParts {
  private readonly kept = new Map<string, { readonly raw: Buffer; readonly value: unknown }>();

  get(key: string, raw: Buffer): unknown {
    const kept = this.kept.get(key);
    return kept !== undefined && kept.raw.equals(raw) ? kept.value : undefined;
  }

  set(key: string, raw: Buffer, unpackedBytes: number, value: unknown): void {
    if (unpackedBytes > MAX_KEPT_BYTES || value === undefined) return;
    if (!this.kept.has(key) && this.kept.size >= MAX_KEPT_PARTS) this.kept.clear();
    // A copy: the read's buffer is the whole file's, and must not be kept alive.
    this.kept.set(key, { raw: Buffer.from(raw), value });
  }
}
