// The statement export (REPORTS.md 4): an account's range of trading days written in the chosen format, to the path
// the system's save dialog gives (Electron), or to a temporary file whose bytes go back to the window to download
// (the browser host). It reads the desk's ledger through a read-only connection of its own, in chunks, with
// progress pushed to the window; it never writes to the ledger.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportedStatement } from '../../../shared/contract';
import { exportStatement, statementFileName, STATEMENT_MIME_TYPES, type ExportCount } from '../../reports/exportStatement';
import { checkRange, StatementRequestError } from '../../reports/ledgerReader';
import { openReadOnlyLedger, ReportSourceError } from '../../reports/source';
import { fail, type HandlerSlice, type TerminalServices } from './handler';

type ReportCommands = 'exportStatement';

/** At most one progress push per this many ms. */
const PROGRESS_MS = 100;

export function reportHandlers(services: TerminalServices) {
  let running = false;
  return {
    exportStatement: async ({ account, from, to, format }) => {
      const desk = services.desk();
      if (!desk.state.account(account)) return fail('NOT_FOUND', `no account ${account}`);
      const rangeError = checkRange(from, to);
      if (rangeError) return fail('INVALID_INPUT', rangeError.replace(/--(from|to)/g, '$1'));
      if (running) return fail('INVALID_INPUT', 'an export is already running: wait for it to finish');
      const request = { accountId: account, from, to };
      const fileName = statementFileName(request, format);
      running = true;
      let scratch: string | null = null;
      try {
        let path: string;
        if (services.pickSaveFile) {
          const picked = await services.pickSaveFile(fileName);
          if (picked === null) return { ok: true, data: { kind: 'canceled' } satisfies ExportedStatement };
          path = picked;
        } else {
          scratch = await mkdtemp(join(tmpdir(), 'thor-export-'));
          path = join(scratch, fileName);
        }
        let last = 0;
        const progress = (stage: 'reading' | 'writing', done: number, total: number) => {
          const now = Date.now();
          if (done > 0 && done < total && now - last < PROGRESS_MS) return;
          last = now;
          services.push?.({ type: 'exportProgress', stage, done, total });
        };
        const source = openReadOnlyLedger(desk.ledger.path, services.nativeBinding);
        let written: ExportCount;
        try {
          written = await exportStatement(source, request, format, path, progress);
        } finally {
          source.close();
        }
        services.push?.({ type: 'exportProgress', stage: 'done', done: written.count, total: written.count });
        if (!scratch) return { ok: true, data: { kind: 'saved', path, ...written } satisfies ExportedStatement };
        const bytes = await readFile(path);
        const data: ExportedStatement = { kind: 'download', fileName, mimeType: STATEMENT_MIME_TYPES[format], base64: bytes.toString('base64'), ...written };
        return { ok: true, data };
      } catch (error) {
        if (error instanceof StatementRequestError || error instanceof ReportSourceError) return fail('INVALID_INPUT', error.message);
        const code = (error as NodeJS.ErrnoException).code;
        if (code) return fail('INVALID_INPUT', `the statement could not be written: ${code}`);
        throw error;
      } finally {
        running = false;
        if (scratch) await rm(scratch, { recursive: true, force: true });
      }
    },
  } satisfies HandlerSlice<ReportCommands>;
}
