#!/usr/bin/env node
// npm start: the app in Electron, on the user's data folder. Where Electron's binary cannot be had (a Linux box
// without it, a locked-down office PC where the download is blocked), it says in one line why, then runs the same
// app in the browser host on the practice desk, over the same data folder, and prints the address to open. So the
// README's run command always runs the app.
//
//   node scripts/start.mjs [--port N] [--no-build]
// THOR_USER_DATA=DIR points it at another data folder, as it does the app; --no-build uses out/ as it is (the
// end-to-end test, which must not rebuild out/ under the other specs).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronDir, hasElectronBinary } from './electronBinary.mjs';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { port, 'no-build': noBuild } = parseArgs({ options: { port: { type: 'string' }, 'no-build': { type: 'boolean' } } }).values;

const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const bin = (pkg, name) => {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const field = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin;
  return join(dir, typeof field === 'string' ? field : field[name ?? pkg]);
};
const electronVite = bin('electron-vite');

const missing = whyNoElectron();
if (missing === null) {
  // Electron is here: better-sqlite3 for its ABI, the build, the app (the script npm start always ran).
  runOrExit(process.execPath, [join(root, 'scripts', 'electron-native.mjs')]);
  runOrExit(process.execPath, [electronVite, 'build']);
  runOrExit(process.execPath, [electronVite, 'preview'], { inheritExit: true });
} else {
  console.log(`npm start: ${missing}; starting the app in the browser host instead, on the practice desk.`);
  const build = noBuild ? { status: 0 } : spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
    console.error('npm start: the app could not be built (above).');
    process.exit(1);
  }
  const host = spawn(
    process.execPath,
    [bin('tsx'), join(root, 'src', 'main', 'browserHost', 'cli.ts'), '--data', userDataDir(), '--practice', ...(port ? ['--port', port] : [])],
    { cwd: root, stdio: 'inherit' },
  );
  // Ctrl+C reaches the host too (same terminal): it closes the ledgers; this waits for it and keeps its exit code.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
  host.on('exit', (code) => process.exit(code ?? 0));
}

/** Null when Electron's binary is here (fetched now if it can be); else why not, in words. */
function whyNoElectron() {
  if (hasElectronBinary()) return null;
  if (process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) {
    return `Electron ${electronVersion} is not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set)`;
  }
  // Electron fetches its binary on first use; quietly here, so a blocked download is one line, not a stack trace.
  const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  if (fetched.status === 0 && hasElectronBinary()) return null;
  const said = `${fetched.stderr ?? ''}\n${fetched.stdout ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /error|ENOTFOUND|ECONN|EAI_AGAIN|timed? ?out|403|404/i.test(line));
  const reason = fetched.error ? fetched.error.message : (said ?? `exit ${fetched.status}`);
  return `Electron ${electronVersion} could not be downloaded (${reason.replace(/^Error:\s*/, '').slice(0, 160)})`;
}


/** The folder Electron's app.getPath('userData') gives the app (its productName under the OS's app-data folder). */
function userDataDir() {
  const override = process.env['THOR_USER_DATA'];
  if (override) return resolve(override);
  const name = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).productName;
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), name);
}

function runOrExit(command, commandArgs, { inheritExit = false } = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0 || inheritExit) process.exit(result.status ?? 1);
}
