// The bridge between the sandboxed window and the main process: it exposes window.thor, one named function per
// IPC channel of the contract in src/shared/api.ts. It must never expose ipcRenderer or a generic invoke.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type DeskHello, type ThorApi } from '../shared/api';

const api: ThorApi = {
  hello: () => ipcRenderer.invoke(IPC_CHANNELS.hello) as Promise<DeskHello>,
};

contextBridge.exposeInMainWorld('thor', api);
