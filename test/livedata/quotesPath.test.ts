// Which paths LiveData agrees to read: every refusal of checkQuotesPath, by the path's text (UNC, device paths,
// reserved names, relative paths, extensions; Windows rules checked on any platform) and on the disk (missing,
// a folder, a FIFO, a device, a link), and the status-message sanitizer the sources pass every error through.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkQuotesPath, notAFile } from '../../src/main/livedata/quotesPath';
import { MAX_STATUS_MESSAGE, statusMessage } from '../../src/main/livedata/source';
import { tempDir } from '../support/scenario';

const dir = tempDir('thor-path-');
afterAll(() => dir.cleanup());

const refused = (path: string, platform: NodeJS.Platform) => {
  const result = checkQuotesPath(path, platform);
  if (result.ok) throw new Error(`${path} was accepted`);
  return result.message;
};

const NETWORK = 'choose a file on this computer: network paths (\\\\host\\share) are not read';
const DEVICE = 'choose a file on this computer: device paths (\\\\.\\, \\\\?\\) are not read';
const RELATIVE = 'give the whole path of the file (such as C:\\Users\\me\\ThorQuotes.csv), not a relative one';

describe('checkQuotesPath: refused by the text alone (Windows rules)', () => {
  it.each([
    ['\\\\host\\share\\ThorQuotes.csv', NETWORK],
    ['//host/share/ThorQuotes.csv', NETWORK],
    ['\\\\192.168.1.5\\c$\\q.xlsx', NETWORK],
    ['\\\\.\\C:\\quotes.csv', DEVICE],
    ['\\\\?\\C:\\quotes.csv', DEVICE],
    ['//./pipe/quotes.csv', DEVICE],
    ['\\\\?\\UNC\\host\\share\\q.csv', DEVICE],
    ['quotes.csv', RELATIVE],
    ['..\\quotes.csv', RELATIVE],
    ['C:quotes.csv', RELATIVE],
    ['\\Users\\me\\quotes.csv', RELATIVE],
    ['', RELATIVE],
    ['C:\\Users\\me\\quotes.csv:hidden', 'the path holds a ":" after the drive letter (an alternate data stream)'],
    ['C:\\Users\\me\\quotes.txt', 'choose a workbook (.xlsx, .xlsm) or a CSV file'],
    ['C:\\Users\\me\\quotes.xls', 'choose a workbook (.xlsx, .xlsm) or a CSV file'],
    ['C:\\Users\\me\\quotes', 'choose a workbook (.xlsx, .xlsm) or a CSV file'],
    ['C:\\Users\\me\\quotes.csv.lnk', 'choose a workbook (.xlsx, .xlsm) or a CSV file'],
  ])('%s', (path, message) => {
    expect(refused(path, 'win32')).toBe(message);
  });

  it.each(['CON', 'con', 'NUL', 'PRN', 'AUX', 'COM1', 'COM9', 'LPT1', 'LPT9', 'CONIN$', 'COM¹'])(
    'the device name %s, with any extension',
    (name) => {
      expect(refused(`C:\\Users\\me\\${name}.csv`, 'win32')).toBe(`${name}.csv is a Windows device name, not a file: choose another name`);
      expect(refused(`C:\\Users\\me\\${name}.backup.xlsx`, 'win32')).toMatch(/is a Windows device name, not a file/);
    },
  );

  it('lets ordinary names that only begin like a device through to the disk', () => {
    // Not refused as a device: refused because the file is not on this (Linux) disk.
    expect(refused('C:\\Users\\me\\CONSOLE.csv', 'win32')).toBe('the file does not exist: check the path, or start the export macro first');
    expect(refused('C:\\Users\\me\\COM10.csv', 'win32')).toMatch(/does not exist/);
  });

  it('refuses NUL characters and line breaks in a path', () => {
    expect(refused('C:\\q\0.csv', 'win32')).toBe('the path holds a NUL character');
    expect(refused('/tmp/q\n.csv', 'linux')).toBe('the path holds a line break');
  });
});

describe('checkQuotesPath: refused by the text alone (POSIX rules)', () => {
  it.each([
    ['quotes.csv', RELATIVE],
    ['./quotes.csv', RELATIVE],
    ['~/quotes.csv', RELATIVE],
    ['//host/share/quotes.csv', NETWORK],
    ['/tmp/quotes.txt', 'choose a workbook (.xlsx, .xlsm) or a CSV file'],
  ])('%s', (path, message) => {
    expect(refused(path, 'linux')).toBe(message);
  });
});

describe.skipIf(process.platform === 'win32')('checkQuotesPath on the disk', () => {
  it('accepts a regular file, normalized', () => {
    const file = join(dir.path, 'ok.csv');
    writeFileSync(file, 'Symbol,Last\nAAPL,1\n');
    expect(checkQuotesPath(`${dir.path}/./sub/../ok.csv`)).toEqual({ ok: true, path: file });
  });

  it('refuses a missing file, unless asked to allow it (the saved source at start-up)', () => {
    const file = join(dir.path, 'later.csv');
    expect(checkQuotesPath(file)).toEqual({ ok: false, message: 'the file does not exist: check the path, or start the export macro first' });
    expect(checkQuotesPath(file, process.platform, { allowMissing: true })).toEqual({ ok: true, path: file });
    expect(checkQuotesPath(join(dir.path, 'no-such-folder', 'q.csv'), process.platform, { allowMissing: true }).ok).toBe(true);
  });

  it('refuses a folder named like a quotes file', () => {
    const folder = join(dir.path, 'x.csv');
    mkdirSync(folder);
    expect(refused(folder, process.platform)).toBe('the path is a folder: choose the quotes file in it');
  });

  it('refuses a link, even to a good file, and a link to /dev/zero', () => {
    const target = join(dir.path, 'target.xlsx');
    writeFileSync(target, 'PK');
    const link = join(dir.path, 'link.xlsx');
    symlinkSync(target, link);
    expect(refused(link, process.platform)).toBe('the path is a link (shortcut): links are not followed, choose the file itself');
    const zero = join(dir.path, 'zero.csv');
    symlinkSync('/dev/zero', zero);
    expect(refused(zero, process.platform)).toMatch(/^the path is a link/);
  });

  it('refuses a FIFO without opening it (opening one would block)', () => {
    const fifo = join(dir.path, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expect(refused(fifo, process.platform)).toBe('the path is a pipe, not a saved file');
  });

  it('refuses a device: the extension rule first, then what lstat says', () => {
    expect(refused('/dev/null', process.platform)).toBe('choose a workbook (.xlsx, .xlsm) or a CSV file');
    // A device file named like a quotes file needs mknod (root only); the rule it meets is this one.
    expect(notAFile(lstatSync('/dev/null'))).toBe('the path is a device, not a saved file');
    expect(notAFile(lstatSync(dir.path))).toBe('the path is a folder: choose the quotes file in it');
  });
});

describe('statusMessage: one clean line for the status', () => {
  it('keeps a plain message as it is', () => {
    expect(statusMessage('the file is locked (EBUSY)')).toBe('the file is locked (EBUSY)');
    expect(statusMessage(new Error('cannot read the workbook: not a complete workbook file'))).toBe(
      'cannot read the workbook: not a complete workbook file',
    );
  });

  it('turns control characters, line breaks and binary junk into single spaces', () => {
    const junk = `bad\u0000\u0001\u0007cell\r\nnext line\u2028\u2029\uFFFD\uFFFD\u200Bend\u001b[31m`;
    expect(statusMessage(junk)).toBe('bad cell next line end [31m');
    expect(statusMessage(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x80, 0x0a]).toString('utf8'))).toBe('A');
  });

  it('keeps letters of every script', () => {
    expect(statusMessage('Kurs für Ölpreis: 東京 — ok')).toBe('Kurs für Ölpreis: 東京 — ok');
  });

  it('cuts a long quoted value (a cell\'s text quoted by a parser) and caps the whole line', () => {
    const quoted = statusMessage(`Invalid Opening Quote: a quote is found on field 0 at line 1, value is "${'x'.repeat(500)}"`);
    expect(quoted).toBe(`Invalid Opening Quote: a quote is found on field 0 at line 1, value is "${'x'.repeat(24)}..."`);
    const long = statusMessage('word '.repeat(200));
    expect([...long].length).toBeLessThanOrEqual(MAX_STATUS_MESSAGE);
    expect(long.endsWith('...')).toBe(true);
    expect(statusMessage('\u0000\u0001')).toBe('unknown error');
    // A cut never splits a pair of surrogates (an emoji at the limit).
    const emoji = statusMessage('😀'.repeat(300));
    expect(emoji).toBe(`${'😀'.repeat(MAX_STATUS_MESSAGE - 3)}...`);
  });
});
