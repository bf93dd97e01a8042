// Lint for the whole repository, and the layering that keeps the core runnable under plain Node: engine, ledger,
// livedata, reports, desk, scenario, cli, terminal, browserHost and shared never import electron; the renderer and
// shared never import from src/main; in the shell only app/ipc.ts touches ipcMain.
// CommonJS because package.json has no "type": "module".
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { defineConfig, globalIgnores } = require('eslint/config');

const ELECTRON = {
  paths: [{ name: 'electron', message: 'Only src/main/app and src/preload may import electron.' }],
  patterns: [{ group: ['electron/*'], message: 'Only src/main/app and src/preload may import electron.' }],
};

const MAIN = {
  group: ['**/main', '**/main/**'],
  message: 'src/main runs in the main process: reach it through the contract in src/shared and window.thor.',
};

const CORE = [
  'src/main/engine/**',
  'src/main/ledger/**',
  'src/main/livedata/**',
  'src/main/reports/**',
  'src/main/desk/**',
  'src/main/scenario/**',
  'src/main/cli/**',
  'src/main/terminal/**',
  'src/main/browserHost/**',
];

// Node's globals for the plain JavaScript files (scripts, this config); TypeScript files get theirs from @types/node.
const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'Buffer',
    'URL',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
  ].map((name) => [name, 'readonly']),
);

module.exports = defineConfig(
  globalIgnores(['out/', 'dist/', 'node_modules/', 'native/', 'test-results/', 'playwright-report/', 'bench-results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ['eslint.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Migrations are written against Kysely<any>: they must not change when the schema types do.
    files: ['src/main/ledger/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: CORE,
    rules: { 'no-restricted-imports': ['error', ELECTRON] },
  },
  {
    // Like GitHub Desktop's ipc wrappers: one module answers IPC, the rest of the shell never touches ipcMain.
    files: ['src/main/app/**'],
    ignores: ['src/main/app/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'IPC is answered in src/main/app/ipc.ts only.' }] },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': ['error', { ...ELECTRON, patterns: [...ELECTRON.patterns, MAIN] }] },
  },
  {
    files: ['src/renderer/**'],
    rules: { 'no-restricted-imports': ['error', { ...ELECTRON, patterns: [...ELECTRON.patterns, MAIN] }] },
  },
);
