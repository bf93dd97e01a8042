// The contract between the app window and the main process: the API the preload exposes as window.thor and the
// IPC channels behind it. Types and channel names only; it must never import electron or anything from src/main.

/** What the main process answers to a hello: enough for the window to show it reached the desk. */
export interface DeskHello {
  readonly accounts: number;
}

/** window.thor: named functions only, never ipcRenderer itself. */
export interface ThorApi {
  hello(): Promise<DeskHello>;
}

/** IPC channel names, one per ThorApi function. */
export const IPC_CHANNELS = {
  hello: 'desk:hello',
} as const satisfies Record<keyof ThorApi, string>;
