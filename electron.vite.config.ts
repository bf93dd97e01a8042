// Builds the three parts of the app into out/: main (src/main/app, CommonJS for Node inside Electron), preload
// (src/preload, one CommonJS file: a sandboxed preload cannot load ESM or anything from node_modules) and the
// renderer (src/renderer, React). better-sqlite3 stays external in main: it is a native addon loaded at run time.
// Main has a second entry, the quotes reader's worker thread (out/main/readWorker.js, found beside the bundle).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The workbook reader's ESM-only dependencies (htmlparser2 v12 and its own) cannot be require()d from the CJS
      // bundle on every Node: they are bundled in instead.
      externalizeDeps: { exclude: ['htmlparser2', 'entities', 'domhandler', 'domutils', 'domelementtype'] },
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src/main/app/index.ts'),
          readWorker: resolve(__dirname, 'src/main/livedata/readWorker.ts'),
        },
        external: ['better-sqlite3'],
        output: { format: 'cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Bundle everything but electron itself: a sandboxed preload can require only electron and a few builtins.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
});
