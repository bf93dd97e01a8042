// The bridge between the sandboxed window and the main process: it exposes window.thor, one named function per
// IPC channel of the contract in src/shared/api.ts. It must never expose ipcRenderer or a generic invoke.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type ThorApi } from '../shared/api';

const api = {
  hello: () => ipcRenderer.invoke(IPC_CHANNELS.hello),
} satisfies ThorApi;

contextBridge.exposeInMainWorld('thor', api);
