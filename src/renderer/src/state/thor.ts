// The renderer's one way to the desk: window.thor, set by the preload (Electron) or the browser transport before the
// app renders. Results are { ok, data } | { ok: false, error }; nothing here throws on a refused command.
import type { CommandError, Result, ThorApi } from '../../../shared/contract';
import { setConnection, useDesk } from './desk';

export function thor(): ThorApi {
  const api = window.thor;
  if (!api) throw new Error('no desk connected (window.thor is missing)');
  return api;
}

/** The message to show for a refused command, or for a transport that failed outright. */
function errorMessage(error: CommandError | unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return String(error);
}

/**
 * Runs a command and turns a broken transport (a rejected promise) into an ordinary refused result, so callers
 * handle one shape and no promise floats unhandled.
 */
export async function run<T>(call: (api: ThorApi) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call(thor());
  } catch (error) {
    // A transport that throws (Electron's IPC failing) has lost the desk: say so until the next snapshot arrives.
    const message = errorMessage(error);
    if (useDesk.getState().connection.state === 'live') setConnection({ state: 'offline', reason: `the desk is not answering: ${message}`, since: Date.now() });
    return { ok: false, error: { code: 'INTERNAL', message } };
  }
}
