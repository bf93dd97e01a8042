// What the installed app contains, as electron-builder itself packs it: the real `electron-builder --win --dir` over
// this repository with electron-builder.yml, offline. Only what needs Electron's own files is set aside: a stand-in
// for the Electron distribution (electronDist: a folder with an electron.exe, which electron-builder copies and
// renames), so the executable is neither edited nor given the asar's checksum (signAndEditExecutable,
// disableAsarIntegrity), and better-sqlite3 is not rebuilt for Electron (npmRebuild: that needs Electron's headers,
// and would replace the Node build the tests use). The file selection (files, asarUnpack, the production
// dependencies, extraResources) is electron-builder's, unchanged. The stand-in carries a fuse wire laid out as
// Electron's (the sentinel, version 1, the length, one byte per fuse, Electron's defaults), so electron-builder
// flips the fuses of electron-builder.yml in it as it would in electron.exe, and the test reads them back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { extractAll, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_ENTRIES, ensureBuilt, packageJson, ROOT } from './paths';

const NATIVE_MODULE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

// @electron/fuses, the library electron-builder flips fuses with, from electron-builder's own dependencies.
const fusesLibrary = createRequire(require.resolve('app-builder-lib/package.json', { paths: [ROOT] }))(
  '@electron/fuses',
) as typeof import('@electron/fuses');
const { FuseV1Options } = fusesLibrary;
/** A fuse's byte: the character 1 or 0 (@electron/fuses' FuseState, which its index does not export). */
const FuseState = { ENABLE: '1'.charCodeAt(0), DISABLE: '0'.charCodeAt(0) } as const;
/** Electron's fuse wire with its default states: RunAsNode, cookies, NODE_OPTIONS, inspect, asar integrity,
 * only asar, the V8 snapshot, file:// privileges. */
const ELECTRON_DEFAULT_FUSES = [1, 0, 1, 1, 0, 0, 0, 1];
const STAND_IN_FUSE_WIRE = Buffer.concat([
  Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
  Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
  Buffer.from(ELECTRON_DEFAULT_FUSES.map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE))),
]);

let work: string;
let appDir: string;
let asarFile: string;
/** Every file of the app (app.asar with app.asar.unpacked), relative, with forward slashes. */
let appFiles: string[];
/** The app, extracted from app.asar (with the unpacked files) into a plain folder Node can require from. */
let extracted: string;

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'thor-packaging-'));
  const electronDist = join(work, 'electron');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron.exe'), Buffer.concat([Buffer.from('stand-in for Electron\0'), STAND_IN_FUSE_WIRE]));
  const output = join(work, 'dist');
  const cli = join(dirname(require.resolve('electron-builder/package.json', { paths: [ROOT] })), 'cli.js');
  execFileSync(
    process.execPath,
    [
      cli,
      '--win',
      '--dir',
      '--x64',
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      '-c.win.signAndEditExecutable=false',
      '-c.disableAsarIntegrity=true',
      `-c.directories.output=${output}`,
    ],
    { cwd: ROOT, stdio: 'pipe', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } },
  );
  appDir = join(output, 'win-unpacked');
  asarFile = join(appDir, 'resources', 'app.asar');
  appFiles = listPackage(asarFile, { isPack: false })
    .map((file) => file.split(sep).join('/').replace(/^\//, ''))
    .filter((file) => !isDirectory(file));
  extracted = join(work, 'app');
  extractAll(asarFile, extracted);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The archive's entry for a path with forward slashes (@electron/asar splits paths on the platform's separator). */
function entry(file: string): { files?: unknown; unpacked?: boolean } {
  return statFile(asarFile, file.split('/').join(sep)) as { files?: unknown; unpacked?: boolean };
}

function isDirectory(file: string): boolean {
  return 'files' in entry(file);
}

describe('the packaged app', () => {
  it('is the Windows app: the executable named after the product, and app.asar', () => {
    expect(existsSync(join(appDir, 'Thor Paper Desk.exe'))).toBe(true);
    expect(existsSync(asarFile)).toBe(true);
  });

  it("has Electron's fuses flipped as electron-builder.yml says", async () => {
    const wire = await fusesLibrary.getCurrentFuseWire(join(appDir, 'Thor Paper Desk.exe'));
    const state = (fuse: number) => wire[fuse as keyof typeof wire];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
    // The ones we do not set keep Electron's defaults.
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(FuseState.DISABLE);
  });

  it('holds the main, preload and renderer builds and package.json', () => {
    expect(appFiles).toEqual(expect.arrayContaining([...BUILT_ENTRIES, 'package.json']));
    const renderer = appFiles.filter((file) => file.startsWith('out/renderer/assets/'));
    expect(renderer.some((file) => file.endsWith('.js'))).toBe(true);
  });

  it("holds better-sqlite3's addon, unpacked from the asar", () => {
    expect(appFiles).toContain(NATIVE_MODULE);
    expect(entry(NATIVE_MODULE).unpacked).toBe(true);
    expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked', ...NATIVE_MODULE.split('/')))).toBe(true);
    // Its JavaScript is unpacked too, so its loader finds the addon beside it.
    expect(entry('node_modules/better-sqlite3/lib/index.js').unpacked).toBe(true);
  });

  it('holds nothing of the repository but out/ and package.json', () => {
    const outside = appFiles.filter((file) => !file.startsWith('out/') && !file.startsWith('node_modules/'));
    expect(outside).toEqual(['package.json']);
    for (const dir of ['src/', 'test/', 'bench/', 'scripts/', 'docs/', 'resources/', 'native/', 'dist/', '.github/']) {
      expect(appFiles.filter((file) => file.startsWith(dir))).toEqual([]);
    }
    // The app's own files; what its dependencies publish (zod ships its tests) is theirs.
    const own = appFiles.filter((file) => !file.startsWith('node_modules/'));
    expect(own.filter((file) => /browserHost|\.test\.|\.spec\.|\.map$/.test(file))).toEqual([]);
  });

  it("ships no browser host in main's bundle, and none of the devDependencies", () => {
    const main = readFileSync(join(extracted, 'out', 'main', 'index.js'), 'utf8');
    expect(main).not.toMatch(/browserHost|startBrowserHost|require\("ws"\)/);
    const pkg = packageJson();
    const shipped = new Set(appFiles.filter((file) => file.startsWith('node_modules/')).map(packageOf));
    for (const name of Object.keys(pkg.dependencies)) expect(shipped, name).toContain(name);
    for (const name of ['electron', 'electron-builder', 'electron-vite', 'vite', 'vitest', '@playwright/test', 'ws', 'typescript', 'eslint']) {
      expect(shipped, name).not.toContain(name);
    }
  });

  it('leaves out the sources and leftovers of better-sqlite3', () => {
    const sqlite = appFiles.filter((file) => file.startsWith('node_modules/better-sqlite3/'));
    expect(sqlite.filter((file) => /^node_modules\/better-sqlite3\/(deps|src)\//.test(file))).toEqual([]);
    expect(sqlite.filter((file) => file.includes('/build/') && file !== NATIVE_MODULE)).toEqual([]);
  });

  it("has package.json's name, product name, version and main", () => {
    const pkg = packageJson();
    const packaged = JSON.parse(readFileSync(join(extracted, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packaged).toMatchObject({ name: pkg.name, productName: pkg.productName, version: pkg.version, main: pkg.main });
    expect(appFiles).toContain(pkg.main.replace(/^\.\//, ''));
  });

  it("resolves every module main's bundle requires from inside the app", () => {
    const main = join(extracted, 'out', 'main', 'index.js');
    const requires = [...readFileSync(main, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    const external = [...new Set(requires)].filter((spec) => spec !== 'electron' && !spec.startsWith('node:'));
    expect(external).toContain('better-sqlite3');
    const requireFromMain = createRequire(main);
    for (const spec of external) {
      const resolved = requireFromMain.resolve(spec);
      expect(relative(extracted, resolved).startsWith('..'), `${spec} resolves to ${resolved}`).toBe(false);
    }
  });

  it("loads better-sqlite3 the way the installed app does: its own loader, no nativeBinding", () => {
    // Node's build here (electron-builder rebuilds it for Electron only for a real installer), in the packaged layout.
    const requireFromMain = createRequire(join(extracted, 'out', 'main', 'index.js'));
    const Database = requireFromMain('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(':memory:');
    try {
      expect(db.prepare('select 40 + 2 as answer').get()).toEqual({ answer: 42 });
    } finally {
      db.close();
    }
  });

  it('puts the ThinkOrSwim macro and the sample quotes under resources/tos', () => {
    expect(readdirSync(join(appDir, 'resources', 'tos')).sort()).toEqual([
      'ThorLiveData.bas',
      'sample-tos-quotes.csv',
      'sample-tos-quotes.xlsx',
    ]);
  });
});

/** The package a file under node_modules/ belongs to (scoped or not), for the outermost node_modules. */
function packageOf(file: string): string {
  const [, first, second] = file.split('/');
  return first!.startsWith('@') ? `${first}/${second}` : first!;
}
