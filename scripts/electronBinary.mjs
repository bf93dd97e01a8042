// Where node_modules/electron keeps its executable, and whether it is there: shared by `npm start` (scripts/start.mjs)
// and the native-addon build (scripts/electron-native.mjs). Reads files only; downloads nothing.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const electronDir = dirname(require.resolve('electron/package.json'));

/** Where node_modules/electron's index.js looks for the executable (path.txt, or ELECTRON_OVERRIDE_DIST_PATH). */
export function hasElectronBinary() {
  let executable;
  try {
    executable = readFileSync(join(electronDir, 'path.txt'), 'utf8');
  } catch {
    executable = undefined;
  }
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) return existsSync(join(override, executable ?? 'electron'));
  return executable !== undefined && existsSync(join(electronDir, 'dist', executable));
}
