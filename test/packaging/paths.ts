// What the packaging tests share: the repository's root, electron-builder's configuration as electron-builder reads
// it (electron-builder.yml, YAML), package.json, and a build of the app in out/ (made once when it is missing).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

export const ROOT = resolve(__dirname, '../..');
export const BUILDER_CONFIG = join(ROOT, 'electron-builder.yml');
export const WORKFLOW = join(ROOT, '.github', 'workflows', 'windows.yml');

/** The builds the installed app runs: main, preload and the renderer's page. */
export const BUILT_ENTRIES = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'] as const;

export interface PackageJson {
  readonly name: string;
  readonly productName: string;
  readonly version: string;
  readonly main: string;
  readonly license: string;
  readonly scripts: Record<string, string>;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
}

export function packageJson(): PackageJson {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
}

export function builderConfig(): Record<string, unknown> {
  return parse(readFileSync(BUILDER_CONFIG, 'utf8')) as Record<string, unknown>;
}

/** out/ as `npm run build` makes it; built here only when an entry is missing (`npm test` builds before Playwright). */
export function ensureBuilt(): void {
  if (BUILT_ENTRIES.every((entry) => existsSync(join(ROOT, entry)))) return;
  const cli = join(dirname(require.resolve('electron-vite/package.json', { paths: [ROOT] })), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'pipe' });
}
