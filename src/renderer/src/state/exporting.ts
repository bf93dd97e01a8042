// The statement export as the window runs it: the dialog's choices (account, range of trading days, format), the
// progress main pushes, and what came of it. Main writes the file; in the browser host it answers the bytes and the
// window downloads them. Nothing here reads or computes a figure of the statement.
import { create } from 'zustand';
import type { ExportedStatement, PushEvent } from '../../../shared/contract';
import type { StatementFormat } from '../../../shared/vocabulary';
import { selectedAccountId, useDesk } from './desk';
import { run } from './thor';
import { showToast } from './toasts';

type Progress = Extract<PushEvent, { type: 'exportProgress' }>;

export interface ExportState {
  open: boolean;
  account: string;
  from: string;
  to: string;
  format: StatementFormat;
  busy: boolean;
  progress: Progress | null;
  error: string | null;
}

export const useExport = create<ExportState>(() => ({
  open: false,
  account: '',
  from: '',
  to: '',
  format: 'tos-csv',
  busy: false,
  progress: null,
  error: null,
}));

/** Opens the dialog on the account shown and today's trading date (the range a trader exports most). */
export function openExport(): void {
  const desk = useDesk.getState();
  const today = desk.market?.tradingDate ?? new Date().toISOString().slice(0, 10);
  const s = useExport.getState();
  if (s.open) return;
  useExport.setState({ open: true, account: selectedAccountId(desk) ?? '', from: today, to: today, progress: null, error: null });
}

export function closeExport(): void {
  if (!useExport.getState().busy) useExport.setState({ open: false, error: null });
}

export function setExport(patch: Partial<Pick<ExportState, 'account' | 'from' | 'to' | 'format'>>): void {
  useExport.setState({ ...patch, error: null });
}

export function exportProgress(event: Progress): void {
  if (useExport.getState().busy) useExport.setState({ progress: event });
}

export async function runExport(): Promise<void> {
  const { account, from, to, format, busy } = useExport.getState();
  if (busy) return;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) {
    useExport.setState({ error: 'choose a From and a To date' });
    return;
  }
  if (from > to) {
    useExport.setState({ error: 'From is after To' });
    return;
  }
  useExport.setState({ busy: true, progress: null, error: null });
  const result = await run((t) => t.exportStatement({ account, from, to, format }));
  useExport.setState({ busy: false });
  if (!result.ok) {
    useExport.setState({ error: result.error.message });
    return;
  }
  finish(result.data);
}

function finish(done: ExportedStatement): void {
  if (done.kind === 'canceled') return;
  if (done.kind === 'download') download(done.fileName, done.mimeType, done.base64);
  useExport.setState({ open: false, progress: null });
  const where = done.kind === 'saved' ? `saved to ${done.path}` : `downloaded as ${done.fileName}`;
  showToast('info', `Statement ${where} (${done.count.toLocaleString('en-US')} ${done.of})`);
}

/** The browser host's way to save: the bytes as a Blob, clicked as a download link. */
function download(fileName: string, mimeType: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the URL to the download; free it on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
