// Which paths LiveData agrees to read, decided before anything opens them: a local, absolute path to a regular
// workbook or CSV. It owns the trader's words for every refusal; it must never open a file (opening a FIFO blocks)
// nor follow a link, and it never touches the disk for a path refused by its text alone (a UNC path can hang).
import { lstatSync, type Stats } from 'node:fs';
import { posix, win32 } from 'node:path';
import type { SourceKind } from './source';

export type QuotesPathCheck = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };

export interface QuotesPathOptions {
  /** A path that does not exist (yet) passes: the saved source at start-up, before the export macro has run. */
  readonly allowMissing?: boolean;
}

/** The file-system object at a path is not a plain file (a folder, a pipe, a device, a link): one error, one message. */
export class NotAFileError extends Error {
  readonly code = 'ENOTFILE';
  constructor(message: string) {
    super(message);
    this.name = 'NotAFileError';
  }
}

const NETWORK = 'choose a file on this computer: network paths (\\\\host\\share) are not read';
const DEVICE = 'choose a file on this computer: device paths (\\\\.\\, \\\\?\\) are not read';
const RELATIVE = 'give the whole path of the file (such as C:\\Users\\me\\ThorQuotes.csv), not a relative one';
const NOT_QUOTES = 'choose a workbook (.xlsx, .xlsm) or a CSV file';
// CON, PRN, AUX, NUL, COM1-9, LPT1-9 (and the superscript digits Windows also reserves): devices in every folder,
// with any extension, so `NUL.csv` is not a file on Windows.
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[1-9¹²³]|lpt[1-9¹²³])$/i;

/** A quotes file's kind by its extension (.xlsx, .xlsm: workbook; .csv), or null for anything else. */
export function fileKind(path: string, platform: NodeJS.Platform = process.platform): SourceKind | null {
  const ext = (platform === 'win32' ? win32.extname(path) : posix.extname(path)).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'workbook';
  if (ext === '.csv') return 'csv';
  return null;
}

/** Why an lstat result is not a file we read, or null when it is a regular file. Never opens anything. */
export function notAFile(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isSymbolicLink()) return 'the path is a link (shortcut): links are not followed, choose the file itself';
  if (stats.isDirectory()) return 'the path is a folder: choose the quotes file in it';
  if (stats.isFIFO()) return 'the path is a pipe, not a saved file';
  if (stats.isSocket()) return 'the path is a socket, not a saved file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'the path is a device, not a saved file';
  return 'the path is not a plain file';
}

/** The refusal for a path's text alone, or null. Pure: decided without the disk. */
function textRefusal(path: string, platform: NodeJS.Platform): string | null {
  if (path.length === 0) return RELATIVE;
  if (path.includes('\0')) return 'the path holds a NUL character';
  if (/[\r\n]/.test(path)) return 'the path holds a line break';
  const windows = platform === 'win32';
  // \\.\ and \\?\ (and their forward-slash forms) reach devices and raw volumes; other \\ and // are network shares.
  if (/^[\\/]{2}[.?][\\/]/.test(path)) return DEVICE;
  if (/^[\\/]{2}/.test(path)) return NETWORK;
  if (windows) {
    if (!/^[A-Za-z]:[\\/]/.test(path)) return RELATIVE; // C:foo is relative to C:'s current folder, \foo to the drive's
    if (path.indexOf(':', 2) >= 0) return 'the path holds a ":" after the drive letter (an alternate data stream)';
    const name = win32.basename(path).replace(/[. ]+$/, '');
    const stem = name.split('.')[0] ?? '';
    if (RESERVED.test(stem.trim())) return `${name} is a Windows device name, not a file: choose another name`;
  } else if (!posix.isAbsolute(path)) {
    return RELATIVE;
  }
  if (!fileKind(path, platform)) return NOT_QUOTES;
  return null;
}

/**
 * Whether LiveData may read `path`: local, absolute, a workbook or CSV by extension, and (on the disk) a regular
 * file that is not a link. The message says what to do instead, in a trader's words.
 */
export function checkQuotesPath(path: string, platform: NodeJS.Platform = process.platform, options: QuotesPathOptions = {}): QuotesPathCheck {
  const refusal = textRefusal(path, platform);
  if (refusal) return { ok: false, message: refusal };
  const normalized = platform === 'win32' ? win32.normalize(path) : posix.normalize(path);
  let stats: Stats;
  try {
    stats = lstatSync(normalized);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return options.allowMissing ? { ok: true, path: normalized } : { ok: false, message: 'the file does not exist: check the path, or start the export macro first' };
    }
    return { ok: false, message: `the file cannot be looked at (${code ?? 'unknown error'})` };
  }
  const why = notAFile(stats);
  return why ? { ok: false, message: why } : { ok: true, path: normalized };
}
