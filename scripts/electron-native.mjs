#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node, beside (never instead of) the
// Node build in node_modules/better-sqlite3/build: tests and CLIs keep running under plain Node, the app loads this
// file through better-sqlite3's nativeBinding option. It works on a copy of the package in a temporary folder.
//
//   node scripts/electron-native.mjs [--optional] [--force] [--arch=x64] [--verbose]
//
// --optional: a missing Electron binary or a failed build prints one line and exits 0 (for machines that never
// run the app). Without it they exit 1. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronDir, hasElectronBinary } from './electronBinary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const optional = args.includes('--optional');
const force = args.includes('--force');
const verbose = args.includes('--verbose');
const arch = args.find((a) => a.startsWith('--arch='))?.slice('--arch='.length) ?? process.arch;

const outDir = join(root, 'native', 'electron');
const outFile = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');
const logFile = join(outDir, 'build.log');

const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const electronVersion = readJson(join(electronDir, 'package.json')).version;
const stamp = {
  electron: electronVersion,
  betterSqlite3: readJson(join(sqliteDir, 'package.json')).version,
  platform: process.platform,
  arch,
};
const label = `better-sqlite3 ${stamp.betterSqlite3} for Electron ${electronVersion} (${process.platform}-${arch})`;

if (!force && existsSync(outFile) && sameStamp()) {
  if (verbose) console.log(`${label}: up to date in ${relative(root, outFile)}`);
  process.exit(0);
}
if (!hasElectronBinary() && !fetchElectronBinary()) {
  stop(`Electron ${electronVersion} is not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD? \`npx install-electron\` fetches it): not building ${label}`);
}

const log = [];
const work = mkdtempSync(join(tmpdir(), 'thor-better-sqlite3-'));
let built = false;
try {
  // The package without its Node build: whatever ends up in build/Release comes from this run.
  cpSync(sqliteDir, work, { recursive: true, filter: (source) => !/^(build|node_modules)($|[\\/])/.test(relative(sqliteDir, source)) });
  const addon = join(work, 'build', 'Release', 'better_sqlite3.node');
  built = (prebuilt() && existsSync(addon)) || (compiled() && existsSync(addon));
  if (built) {
    mkdirSync(outDir, { recursive: true });
    // Copy then rename, so a half-written file never stands under the final name.
    cpSync(addon, `${outFile}.tmp`);
    renameSync(`${outFile}.tmp`, outFile);
    writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
    rmSync(logFile, { force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (!built) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(logFile, log.join('\n'));
  stop(`could not get ${label}: no prebuilt download and node-gyp failed (see ${relative(root, logFile)})`);
}
console.log(`${label}: built into ${relative(root, outFile)}`);

function prebuilt() {
  const bin = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  return run('prebuild-install', process.execPath, [
    bin,
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    arch,
    '--platform',
    process.platform,
    ...(verbose ? ['--verbose'] : []),
  ]);
}

function compiled() {
  const gypArgs = [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
  ];
  const gyp = findNodeGyp();
  if (gyp) return run('node-gyp', process.execPath, [gyp, ...gypArgs]);
  // npm.cmd needs a shell on Windows; every argument here is ours, none comes from outside.
  return run('npm exec node-gyp', 'npm', ['exec', '--yes', '--', 'node-gyp', ...gypArgs], process.platform === 'win32');
}

/** node-gyp ships inside npm: next to node (Windows), under lib/node_modules (Unix), or wherever npm runs from. */
function findNodeGyp() {
  const nodeDir = dirname(process.execPath);
  const npmDirs = [
    process.env['npm_execpath'] ? resolve(dirname(process.env['npm_execpath']), '..') : undefined,
    join(nodeDir, 'node_modules', 'npm'),
    join(nodeDir, '..', 'lib', 'node_modules', 'npm'),
  ].filter(Boolean);
  for (const paths of [[root], ...npmDirs.map((dir) => [dir])]) {
    try {
      return require.resolve('node-gyp/bin/node-gyp.js', { paths });
    } catch {
      // not there; try the next place
    }
  }
  return undefined;
}

function run(name, command, commandArgs, shell = false) {
  const result = spawnSync(command, commandArgs, {
    cwd: work,
    env: buildEnv(),
    shell,
    encoding: 'utf8',
    stdio: verbose ? 'inherit' : 'pipe',
  });
  log.push(`$ ${name} ${commandArgs.join(' ')}`, result.stdout ?? '', result.stderr ?? '');
  if (result.error) log.push(String(result.error));
  return result.status === 0;
}

/** The environment without npm's build settings: a nodedir or target meant for Node must not leak into this build. */
function buildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i.test(key)) delete env[key];
  }
  return env;
}


/** Electron downloads its binary on first use; `npm start` would do it a moment later, so do it now. */
function fetchElectronBinary() {
  if (optional || process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) return false;
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, stdio: 'inherit' });
  return result.status === 0 && hasElectronBinary();
}

function sameStamp() {
  try {
    const old = readJson(stampFile);
    return Object.entries(stamp).every(([key, value]) => old[key] === value);
  } catch {
    return false;
  }
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function stop(message) {
  console.error(`electron-native: ${message}${optional ? ' (optional: skipped)' : ''}`);
  process.exit(optional ? 0 : 1);
}
