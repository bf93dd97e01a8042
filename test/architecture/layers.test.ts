// The layering is checked, not only written down: each folder's import rule fires on a deliberately wrong import
// (linted as if the line were in that folder), the linter refuses an import cycle, the whole of src/ has no cycle
// even counting type-only imports (which the linter skips), and web code compiles without Node's types.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, ROOT } from './importGraph';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

/** A file in each folder, an import it must not make, and one it may. */
const FOLDERS = [
  { file: 'src/main/engine/x.ts', wrong: '../ledger/ledger', right: './decimal' },
  { file: 'src/main/engine/x.ts', wrong: '../desk/desk', right: '../../shared/format' },
  { file: 'src/main/ledger/x.ts', wrong: '../desk/desk', right: '../engine/model' },
  { file: 'src/main/desk/x.ts', wrong: '../terminal/terminal', right: '../ledger/ledger' },
  { file: 'src/main/desk/x.ts', wrong: '../livedata/liveData', right: '../engine/engine' },
  { file: 'src/main/livedata/x.ts', wrong: '../desk/desk', right: '../engine/quotes' },
  { file: 'src/main/livedata/x.ts', wrong: '../ledger/ledger', right: './snapshot' },
  { file: 'src/main/scenario/x.ts', wrong: '../terminal/terminal', right: '../desk/desk' },
  { file: 'src/main/reports/x.ts', wrong: '../terminal/terminal', right: '../desk/journalQuery' },
  { file: 'src/main/reports/x.ts', wrong: '../livedata/liveData', right: '../ledger/rows' },
  { file: 'src/main/terminal/x.ts', wrong: '../browserHost/browserHost', right: '../livedata/liveData' },
  { file: 'src/main/terminal/x.ts', wrong: '../scenario/runner', right: '../desk/desk' },
  { file: 'src/main/cli/x.ts', wrong: '../terminal/terminal', right: '../scenario/runner' },
  { file: 'src/main/browserHost/x.ts', wrong: '../app/log', right: '../terminal/terminal' },
  { file: 'src/main/engine/x.ts', wrong: '../../renderer/src/state/desk', right: './model' },
  { file: 'src/renderer/src/x.ts', wrong: '../../main/engine/decimal', right: '../../shared/format' },
  { file: 'src/renderer/src/x.ts', wrong: '../../preload/index', right: '../../shared/contract' },
  { file: 'src/shared/x.ts', wrong: '../main/engine/decimal', right: './views' },
  { file: 'src/shared/x.ts', wrong: '../renderer/src/state/desk', right: './channels' },
  { file: 'src/preload/x.ts', wrong: '../main/terminal/terminal', right: '../shared/channels' },
] as const;

describe('the layers the linter checks', () => {
  it.each(FOLDERS)('$file may not import $wrong', async ({ file, wrong }) => {
    expect(await ruleIds(file, `import type * as Wrong from '${wrong}';\nexport type W = typeof Wrong;\n`)).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it.each(FOLDERS)('$file may import $right', async ({ file, right }) => {
    expect(await ruleIds(file, `import type * as Right from '${right}';\nexport type R = typeof Right;\n`)).toEqual([]);
  });

  it('only the shell and the preload import electron', async () => {
    expect(await ruleIds('src/main/desk/x.ts', "export { app } from 'electron';\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/main/app/x.ts', "export { app } from 'electron';\n")).toEqual([]);
  });

  it('the renderer and shared import nothing of Node', async () => {
    expect(await ruleIds('src/renderer/src/x.ts', "export { readFileSync } from 'node:fs';\n")).toContain('import-x/no-nodejs-modules');
    expect(await ruleIds('src/shared/x.ts', "export { join } from 'path';\n")).toContain('import-x/no-nodejs-modules');
  });

  it('refuses an import cycle', async () => {
    const linted = await new ESLint({ cwd: ROOT, ignore: false }).lintFiles(['test/architecture/fixtures/cycle/ping.ts']);
    expect(linted[0]?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });
});

describe('import cycles, type-only ones included', () => {
  it('finds a type-only cycle where there is one', () => {
    expect(cycles(importGraph(join(ROOT, 'test/architecture/fixtures/typeCycle')))).toEqual([
      ['test/architecture/fixtures/typeCycle/book.ts', 'test/architecture/fixtures/typeCycle/order.ts'],
    ]);
  });

  it('src/ has none', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});

describe('web code has no Node types', () => {
  it('tsconfig.web.json refuses process in web code; the node project accepts it', () => {
    const fixture = join(ROOT, 'test/architecture/fixtures/web/usesNode.ts');
    const compile = (project: string) => {
      const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, project), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      if (!parsed) throw new Error(`cannot read ${project}`);
      const program = ts.createProgram([fixture], parsed.options);
      return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    };
    expect(compile('tsconfig.web.json').join('\n')).toMatch(/Cannot find name 'process'/);
    expect(compile('tsconfig.json')).toEqual([]);
  });
});
