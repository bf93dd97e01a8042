// Before the end-to-end run: the folder specs write screenshots into, a build of the app when out/ is missing or
// older than its sources (`npm test` builds first, so this is for `npx playwright test` alone), and, where Electron
// is installed, better-sqlite3 for Electron (scripts/electron-native.mjs, which does nothing when it is up to date).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { electronExecutable, MAIN_BUNDLE, RENDERER_DIR, ROOT, SCREENS_DIR } from './paths';

export default function globalSetup(): void {
  mkdirSync(SCREENS_DIR, { recursive: true });
  if (electronExecutable()) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'electron-native.mjs'), '--optional'], { cwd: ROOT, stdio: 'inherit' });
  }
  buildIfStale();
}

/**
 * Builds the app (electron-vite build) when out/ is missing or older than its sources. The UI bench uses it too,
 * with the build's output on stderr (its stdout is the figures).
 */
export function buildIfStale(output: 'stdout' | 'stderr' = 'stdout'): void {
  const built = [MAIN_BUNDLE, join(ROOT, 'out', 'preload', 'index.js'), join(RENDERER_DIR, 'index.html')].map(mtime);
  const oldestBuild = Math.min(...built);
  const newestSource = Math.max(
    newestIn(join(ROOT, 'src')),
    ...['electron.vite.config.ts', 'package.json', 'tsconfig.json'].map((file) => mtime(join(ROOT, file))),
  );
  if (oldestBuild >= newestSource) return;
  const cli = join(dirname(require.resolve('electron-vite/package.json', { paths: [ROOT] })), 'bin', 'electron-vite.js');
  (output === 'stdout' ? process.stdout : process.stderr).write('out/ is missing or older than src/: electron-vite build\n');
  execFileSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: ['ignore', output === 'stdout' ? 'inherit' : 2, 'inherit'] });
}

/** Modification time in ms, or 0 (older than anything) when the file is missing. */
function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, mtime(join(entry.parentPath, entry.name)));
  }
  return newest;
}
