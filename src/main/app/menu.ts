// The native menu: File > Export statement... and Quit, View > Reload and DevTools (development only), Help > About
// (version, data folder, log folder). Nothing here reaches the desk: Export asks the window to open its dialog.
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { pushToWindow } from './ipc';

export interface MenuOptions {
  readonly dev: boolean;
  readonly dataDir: string;
  readonly logDir: string;
  readonly window: () => BrowserWindow | undefined;
}

export function installMenu(options: MenuOptions): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '&File',
      submenu: [
        { label: '&Export statement...', accelerator: 'CmdOrCtrl+E', click: () => openExport(options) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    ...(options.dev
      ? [{ label: '&View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] } satisfies MenuItemConstructorOptions]
      : []),
    { label: '&Help', submenu: [{ label: '&About Thor Paper Desk', click: () => showAbout(options) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** The export dialog is the window's (account, range, format); the save dialog comes when it asks to save. */
function openExport(options: MenuOptions): void {
  const window = options.window();
  if (window) pushToWindow(window, { type: 'openExport' });
}

function showAbout(options: MenuOptions): void {
  const about = {
    type: 'info' as const,
    title: 'About Thor Paper Desk',
    message: `Thor Paper Desk ${app.getVersion()}`,
    detail: `Data folder: ${options.dataDir}\nLog folder: ${options.logDir}`,
    buttons: ['OK'],
  };
  const window = options.window();
  void (window ? dialog.showMessageBox(window, about) : dialog.showMessageBox(about));
}
