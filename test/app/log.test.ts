// The app's log under plain Node: it rotates by size and keeps a fixed number of old files, and a repeated failure
// is written once a minute with a count.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOG_KEEP, LOG_MAX_BYTES, openAppLog, rotatedLogFile } from '../../src/main/app/log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'thor-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('the app log', () => {
  it('rotates by 5 MB and keeps 3 old files by default', () => {
    expect(LOG_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(LOG_KEEP).toBe(3);
  });

  it('rotates before a line would pass the size, and keeps only the newest files', () => {
    let clock = Date.UTC(2026, 0, 5, 14, 30);
    const log = openAppLog(dir, { maxBytes: 200, keep: 3, now: () => clock });
    // Each line is 24 (timestamp) + 1 + 5 + 1 = 31 bytes: 6 lines fit in 200 bytes, the 7th goes to a new file.
    for (let n = 0; n < 60; n += 1) {
      clock += 1000;
      log.write(`m${String(n).padStart(3, '0')}`);
    }
    expect(readdirSync(dir).sort()).toEqual(['thor.1.log', 'thor.2.log', 'thor.3.log', 'thor.log']);
    for (const file of [log.file, rotatedLogFile(dir, 1), rotatedLogFile(dir, 2), rotatedLogFile(dir, 3)]) {
      expect(statSync(file).size).toBeLessThanOrEqual(200);
    }
    // Newest last in thor.log, the ones before in thor.1.log, and nothing lost between them.
    expect(lines(log.file).at(-1)).toMatch(/ m059$/);
    const order = [rotatedLogFile(dir, 3), rotatedLogFile(dir, 2), rotatedLogFile(dir, 1), log.file].flatMap(lines);
    const numbers = order.map((line) => Number(line.slice(-3)));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
    expect(numbers[0]).toBe(60 - numbers.length);
  });

  it('counts what is already in thor.log when it opens', () => {
    writeFileSync(join(dir, 'thor.log'), 'x'.repeat(190) + '\n');
    const log = openAppLog(dir, { maxBytes: 200, keep: 2 });
    log.write('after a restart');
    expect(readFileSync(rotatedLogFile(dir, 1), 'utf8')).toBe('x'.repeat(190) + '\n');
    expect(lines(log.file)).toHaveLength(1);
    expect(lines(log.file)[0]).toMatch(/ after a restart$/);
  });

  it('writes a repeated failure once a minute, then with the count of the ones it left out', () => {
    let clock = Date.UTC(2026, 0, 5, 14, 30);
    const log = openAppLog(dir, { now: () => clock });
    for (let n = 0; n < 13; n += 1) {
      log.repeat('window-state', 'could not save the window place: EBUSY');
      clock += 5_000; // every 5 seconds: 12 in the first minute
    }
    log.repeat('other', 'another failure');
    expect(lines(log.file).map((line) => line.slice(25))).toEqual([
      'could not save the window place: EBUSY',
      'could not save the window place: EBUSY (11 more times since the last line)',
      'another failure',
    ]);
  });

  it('never throws when it cannot write', () => {
    writeFileSync(join(dir, 'blocker'), 'a file where the log folder should be\n');
    const log = openAppLog(join(dir, 'blocker', 'logs'), { maxBytes: 10 });
    expect(() => log.write('lost')).not.toThrow();
    expect(() => log.write('lost again, past the size')).not.toThrow();
    expect(() => log.repeat('k', 'lost')).not.toThrow();
    expect(readdirSync(dir)).toEqual(['blocker']);
  });
});
