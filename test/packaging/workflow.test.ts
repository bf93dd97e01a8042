// The Windows workflow (.github/workflows/windows.yml): valid YAML with the steps the pipeline needs, each a plain
// command that also works typed by hand on Windows, and every `npm run X` it uses is a script in package.json, whose
// scripts themselves use nothing cmd.exe (npm's shell on Windows) would not understand.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { packageJson, WORKFLOW } from './paths';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly if?: string;
}

interface Workflow {
  readonly name: string;
  readonly on: unknown;
  readonly jobs: Record<string, { readonly 'runs-on': string; readonly steps: readonly Step[] }>;
}

function workflow(): Workflow {
  return parse(readFileSync(WORKFLOW, 'utf8')) as Workflow;
}

function steps(): readonly Step[] {
  return Object.values(workflow().jobs).flatMap((job) => job.steps);
}

function commands(): string[] {
  return steps().flatMap((step) => (step.run ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean));
}

describe('.github/workflows/windows.yml', () => {
  it('is YAML for one job on windows-latest with Node 22', () => {
    const parsed = workflow();
    expect(parsed.name).toBe('Windows');
    expect(Object.values(parsed.jobs).map((job) => job['runs-on'])).toEqual(['windows-latest']);
    const setupNode = steps().find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(22);
    expect(steps()[0]?.uses).toMatch(/^actions\/checkout@/);
  });

  it('runs the pipeline in order: install, tests, Electron specs, installer', () => {
    const all = commands();
    const at = (command: string) => {
      const index = all.indexOf(command);
      expect(index, command).toBeGreaterThanOrEqual(0);
      return index;
    };
    const order = [
      'npm ci',
      'npx playwright install chromium',
      'npm test',
      'npx install-electron',
      'node scripts/electron-native.mjs',
      'npx playwright test --project=electron',
      'npm run dist',
    ].map(at);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('uses only npm scripts that package.json has', () => {
    const scripts = packageJson().scripts;
    const used = commands().flatMap((command) => [...command.matchAll(/\bnpm run(?:-script)? ([\w:.-]+)/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(scripts, `npm run ${name}`).toHaveProperty([name]);
    if (commands().includes('npm test')) expect(scripts).toHaveProperty(['test']);
  });

  it('keeps the installer and the Playwright reports', () => {
    const uploads = steps().filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
    const paths = uploads.map((step) => String(step.with?.['path'] ?? ''));
    expect(paths.some((path) => path.split('\n').includes('dist/*.exe'))).toBe(true);
    expect(paths.filter((path) => path.split('\n').includes('playwright-report/')).length).toBe(2);
    // Reports are kept when the tests fail; the installer only exists when everything passed.
    for (const step of uploads.filter((s) => String(s.with?.['path']).includes('playwright-report/'))) {
      expect(step.if).toMatch(/!cancelled\(\)|always\(\)/);
    }
  });

  it('runs plain commands: no bash syntax, no environment assignments', () => {
    for (const command of commands()) {
      expect(command, command).not.toMatch(/^\w+=|\$\(|`|&&|\|\||\bexport\b|\bsudo\b|\\$/);
    }
  });
});

describe("package.json's scripts", () => {
  it('work in cmd.exe as in sh: no env assignments, quotes, globs or Unix-only commands', () => {
    for (const [name, script] of Object.entries(packageJson().scripts)) {
      expect(script, name).not.toMatch(/(^|&&\s*)\w+=/);
      expect(script, name).not.toMatch(/['`$*]|\|\||;|\\/);
      expect(script, name).not.toMatch(/(^|&&\s*)(rm|cp|mv|mkdir|export|cat|ls|test|\[)\s/);
    }
  });
});
