// The bridge between the sandboxed window and the main process: it exposes window.thor, one function per command of
// the contract (src/shared/contract.ts) and one subscription to pushed events. It must never expose ipcRenderer or a
// generic invoke. It imports only the zod-free name list: the preload is one bundled file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandChannel, PUSH_CHANNEL } from '../shared/channels';
import { bindCommands } from '../shared/commandBinding';
import type { PushEvent, ThorApi } from '../shared/contract';

const api = {
  ...bindCommands((name, request) => ipcRenderer.invoke(commandChannel(name), request)),
  subscribe(listener: (event: PushEvent) => void): () => void {
    const onPush = (_event: IpcRendererEvent, pushed: PushEvent) => listener(pushed);
    ipcRenderer.on(PUSH_CHANNEL, onPush);
    return () => {
      ipcRenderer.removeListener(PUSH_CHANNEL, onPush);
    };
  },
} satisfies ThorApi;

contextBridge.exposeInMainWorld('thor', api);
