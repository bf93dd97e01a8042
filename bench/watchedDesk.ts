// The tick path as the app runs it, for the LiveData benches: a desk on its own ledger, LiveData, and a FileSource on
// the app's own options (only stale is put off, as nothing here waits on it), started on `path`.
import { PaperDesk } from '../src/main/desk/desk';
import { FileSource } from '../src/main/livedata/fileSource';
import { LiveData } from '../src/main/livedata/liveData';

export interface WatchedDesk {
  /** Resolves (with performance.now()) when the desk has applied the next read that changed a symbol. */
  applied(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the source and waits for its first read to reach the desk. */
export async function openWatchedDesk(path: string, ledgerPath: string): Promise<WatchedDesk> {
  const desk = await PaperDesk.open({ path: ledgerPath });
  desk.createAccount({ id: 'main' });
  const live = new LiveData(desk);
  const applied = () =>
    new Promise<number>((resolve) => {
      const off = live.onApplied((changes) => {
        if (changes.size === 0) return;
        off();
        resolve(performance.now());
      });
    });
  const first = applied();
  await live.use(new FileSource(path, { staleAfterMs: 60_000 }));
  await first;
  return {
    applied,
    stop: async () => {
      await live.stop();
      desk.close();
    },
  };
}
