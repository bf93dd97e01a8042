// Lint for the whole repository, and the layering the linter checks (docs/architecture.md): each folder of src/
// imports only the layers below it (LAYERS), nothing imports in a circle, only src/main/app and src/preload import
// electron, the renderer and shared import nothing of Node, and in the shell only app/ipc.ts touches ipcMain.
// test/architecture proves each rule fires. CommonJS because package.json has no "type": "module".
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');
const { defineConfig, globalIgnores } = require('eslint/config');

// What each folder of src/main may import from src/main besides itself (src/shared is open to all of main).
// engine decides, ledger stores, desk runs both; livedata feeds quotes into a one-method sink, never the desk;
// reports reads a ledger (read-only) into statements and exports;
// terminal, scenario, cli and browserHost wire them; app (the Electron shell) may use everything.
const LAYERS = {
  engine: [],
  ledger: ['engine'],
  desk: ['engine', 'ledger'],
  livedata: ['engine'],
  reports: ['engine', 'ledger', 'desk'],
  scenario: ['engine', 'ledger', 'desk'],
  terminal: ['engine', 'ledger', 'desk', 'livedata', 'reports'],
  cli: ['engine', 'ledger', 'desk', 'livedata', 'scenario', 'reports'],
  browserHost: ['engine', 'ledger', 'desk', 'livedata', 'terminal', 'reports'],
};

const layerZones = [
  ...Object.entries(LAYERS).map(([folder, allowed]) => ({
    target: `./src/main/${folder}`,
    from: './src/main',
    except: [`./${folder}`, ...allowed.map((below) => `./${below}`)],
    message: `src/main/${folder} may import only ${['itself', ...allowed].join(', ')} and src/shared from src/main (eslint.config.js LAYERS).`,
  })),
  ...Object.keys(LAYERS).map((folder) => ({
    target: `./src/main/${folder}`,
    from: ['./src/renderer', './src/preload'],
    message: 'The main process never imports the window code.',
  })),
  {
    target: './src/shared',
    from: ['./src/main', './src/renderer', './src/preload'],
    message: 'src/shared is shared by main and the renderer: it imports nothing of either.',
  },
  {
    target: './src/renderer',
    from: ['./src/main', './src/preload'],
    message: 'The renderer imports only src/shared: reach main through the contract and window.thor.',
  },
  {
    target: './src/preload',
    from: ['./src/main', './src/renderer'],
    message: 'The preload imports only src/shared (and electron).',
  },
];

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
  globalIgnores(['out/', 'dist/', 'node_modules/', 'native/', 'test-results/', 'playwright-report/', 'bench-results/', 'test/architecture/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // The fixtures are wrong on purpose (skipped above); test/architecture lints them to see these rules fire.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'test/architecture/fixtures/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Read .ts files as TypeScript (import-x parses imported modules itself, for no-cycle).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.node'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      // Runtime cycles; test/architecture also refuses type-only ones, which this rule skips.
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Code that runs in the window (and what it shares with main) has no Node: no builtins, checked here and by
    // tsconfig.web.json's types.
    files: ['src/renderer/**', 'src/shared/**'],
    rules: { 'import-x/no-nodejs-modules': 'error' },
  },
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
