// electron-builder.yml against electron-builder's own JSON schema (app-builder-lib/scheme.json, draft-07), and the
// choices the installer depends on. The validator is stricter than electron-builder's (no type coercion), and it
// implements the schema's one non-standard keyword, `typeof` (used for hooks: a function or a path), instead of
// ignoring it, so that a branch using it cannot pass everything.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { builderConfig, packageJson, ROOT } from './paths';

let validate: ValidateFunction;

beforeAll(() => {
  const schemaFile = require.resolve('app-builder-lib/scheme.json', { paths: [ROOT] });
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
  // Ajv's default class is draft-07. strictTypes off: the schema mixes `type` arrays with anyOf branches, which
  // strict mode reports as style warnings, not errors in the schema.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addKeyword({
    keyword: 'typeof',
    schemaType: 'string',
    validate: (expected: string, data: unknown) => typeof data === expected,
  });
  validate = ajv.compile(schema);
});

function errorsOf(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    expect(errorsOf(builderConfig())).toEqual([]);
  });

  it('fails the schema when it is wrong', () => {
    const config = builderConfig();
    const nsis = config['nsis'] as Record<string, unknown>;
    expect(errorsOf({ ...config, nsis: { ...nsis, oneClick: 'yes' } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, nsis: { oneClick: 'yes' } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, nsis: { ...nsis, oneClik: false } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, nsis: { ...nsis, createDesktopShortcut: 'sometimes' } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, asarUnpack: 42 }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, productNmae: 'x' }).length).toBeGreaterThan(0);
    // `typeof` is enforced: an object is neither a function nor a path.
    expect(errorsOf({ ...config, afterPack: {} }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, afterPack: 'scripts/after-pack.js' })).toEqual([]);
  });

  it('makes a per-user NSIS installer for Windows that keeps the user data', () => {
    const config = builderConfig();
    const pkg = packageJson();
    expect(config).toMatchObject({
      appId: 'com.thorpaperdesk.app',
      productName: 'Thor Paper Desk',
      directories: { output: 'dist', buildResources: 'resources' },
      npmRebuild: true,
      win: { target: [{ target: 'nsis', arch: ['x64'] }], icon: 'resources/icon.ico' },
      nsis: {
        oneClick: false,
        perMachine: false,
        allowToChangeInstallationDirectory: true,
        createDesktopShortcut: true,
        createStartMenuShortcut: true,
        license: 'LICENSE',
        deleteAppDataOnUninstall: false,
      },
    });
    // The version is package.json's: the config must not pin one of its own.
    expect(config).not.toHaveProperty('extraMetadata.version');
    expect(config).not.toHaveProperty('buildVersion');
    expect(pkg.productName).toBe(config['productName']);
    expect(config['asarUnpack']).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/*.node']));
    expect(config['files']).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
    // Only exclusions besides those two: nothing else of the repository is shipped.
    const included = (config['files'] as string[]).filter((pattern) => !pattern.startsWith('!'));
    expect(included).toEqual(['out/**/*', 'package.json']);
  });

  it("flips Electron's fuses: no Node mode, NODE_OPTIONS or inspector; the app only from a checked app.asar", () => {
    const config = builderConfig();
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // The integrity check needs the app in an asar, and the schema knows every fuse we set (a misspelt one fails).
    expect(config['asar']).toBe(true);
    expect(errorsOf({ ...config, electronFuses: { runAsNode: false, runAsNodee: false } }).length).toBeGreaterThan(0);
    expect(errorsOf({ ...config, electronFuses: { runAsNode: 'no' } }).length).toBeGreaterThan(0);
  });

  it('names files that exist', () => {
    const config = builderConfig();
    const nsis = config['nsis'] as Record<string, string>;
    for (const file of [nsis['license'], nsis['installerIcon'], nsis['uninstallerIcon'], (config['win'] as Record<string, string>)['icon']]) {
      expect(existsSync(join(ROOT, file!)), file).toBe(true);
    }
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} Thor Paper Desk contributors\n/);
    expect(packageJson().license).toBe('MIT');
  });

  it('installs electron-builder as a devDependency, never as a dependency of the app', () => {
    const pkg = packageJson();
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\^26\./);
    expect(pkg.dependencies['electron-builder']).toBeUndefined();
    expect(pkg.scripts['dist']).toBe('electron-vite build && electron-builder --win nsis');
    expect(pkg.scripts['dist:dir']).toBe('electron-vite build && electron-builder --win --dir');
  });
});
