// Row writes keep one prepared statement per row shape: the last shape of a table is checked key by key, so a row of
// another shape (other keys, or the same keys in another order) must still bind each value to its own column.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/main/ledger/ledger';
import { tempDir } from '../support/scenario';

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => dir?.cleanup());

describe('SqlRunner.writeRow', () => {
  it('binds every value to its column whichever shape of row came before', async () => {
    dir = tempDir('thor-sqlrunner-');
    const ledger = await Ledger.open({ path: join(dir.path, 'ledger.db') });
    try {
      const read = () => ledger.sqlite.prepare("select key, value from ledger_meta where key like 'k%' order by key").all();
      ledger.sql.writeRow('ledger_meta', { key: 'k1', value: 'a' }, ['key']);
      ledger.sql.writeRow('ledger_meta', { key: 'k2', value: 'b' }, ['key']);
      // The same columns in the other order: a statement of their own, not the last one's.
      ledger.sql.writeRow('ledger_meta', { value: 'c', key: 'k3' } as never, ['key']);
      ledger.sql.writeRow('ledger_meta', { key: 'k1', value: 'd' }, ['key']);
      // Without a conflict target: another statement (an insert), which a repeated key refuses.
      expect(() => ledger.sql.writeRow('ledger_meta', { key: 'k2', value: 'e' })).toThrow(/UNIQUE/);
      expect(read()).toEqual([
        { key: 'k1', value: 'd' },
        { key: 'k2', value: 'b' },
        { key: 'k3', value: 'c' },
      ]);
    } finally {
      ledger.close();
    }
  });
});
