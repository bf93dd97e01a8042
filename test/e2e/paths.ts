// Where the end-to-end tests find the built app, and whether this machine has Electron's binary, found the way
// node_modules/electron/index.js finds it but without its side effect: require('electron') downloads a missing
// binary, which must never happen during a test run.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out', 'renderer');
export const MAIN_BUNDLE = join(ROOT, 'out', 'main', 'index.js');
export const SCREENS_DIR = join(ROOT, 'test-results', 'screens');

export const NO_ELECTRON = 'Electron binary not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD); runs on the Windows CI';

/** The Electron executable, or undefined when it was never downloaded. */
export function electronExecutable(): string | undefined {
  let electronDir: string;
  try {
    electronDir = dirname(require.resolve('electron/package.json', { paths: [ROOT] }));
  } catch {
    return undefined;
  }
  let executable: string | undefined;
  try {
    executable = readFileSync(join(electronDir, 'path.txt'), 'utf8');
  } catch {
    executable = undefined;
  }
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const path = override
    ? join(override, executable ?? 'electron')
    : executable === undefined
      ? undefined
      : join(electronDir, 'dist', executable);
  return path !== undefined && existsSync(path) ? path : undefined;
}
