// The only place that touches ipcMain: one handler per command of the contract, answered by the Terminal for the
// app's own frame only, and the Terminal's pushes sent to the window. It decides nothing about the requests: the
// Terminal parses each one.
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { COMMAND_NAMES, commandChannel, PUSH_CHANNEL, type PushEvent, type Result } from '../../shared/contract';
import type { Terminal } from '../terminal/terminal';

const NOT_THE_APP: Result<never> = { ok: false, error: { code: 'INVALID_INPUT', message: 'not the app window' } };

/** Answers every command; returns a function that removes the handlers. */
export function serveCommands(terminal: Terminal, isAppFrame: (frame: WebFrameMain | null) => boolean): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event, payload: unknown) =>
      isAppFrame(event.senderFrame) ? terminal.handle(name, payload) : NOT_THE_APP,
    );
  }
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
  };
}

/** Sends the Terminal's pushed events to the window while it exists; stops by itself when it closes. */
export function relayPushes(terminal: Terminal, window: BrowserWindow): () => void {
  const unsubscribe = terminal.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(PUSH_CHANNEL, event);
  });
  window.once('closed', unsubscribe);
  return unsubscribe;
}

/** Sends one event to the window (the menu's File > Export statement...), as the Terminal's pushes go. */
export function pushToWindow(window: BrowserWindow, event: PushEvent): void {
  if (!window.isDestroyed()) window.webContents.send(PUSH_CHANNEL, event);
}
