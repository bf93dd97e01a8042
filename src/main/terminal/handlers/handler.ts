// The shape of the contract's handler map (as Actual's `Handlers`): one function per command, taking the request
// as its zod schema parsed it and answering that command's Result. The domain files each satisfy their slice;
// the Terminal joins them and dispatches by name without a cast. Also what a handler may use of the Terminal.
import type {
  CommandError,
  CommandName,
  CommandResponses,
  DeskSnapshot,
  ParsedRequest,
  PushEvent,
  Result,
  SourceStatusView,
  TerminalSettings,
} from '../../../shared/contract';
import type { PaperDesk, Result as DeskResult } from '../../desk/desk';

export type Handler<K extends CommandName> = (
  request: ParsedRequest<K>,
) => Result<CommandResponses[K]> | Promise<Result<CommandResponses[K]>>;

export type Handlers = { readonly [K in CommandName]: Handler<K> };

/** The handlers of some of the commands: what one domain file provides. */
export type HandlerSlice<K extends CommandName> = Pick<Handlers, K>;

export type SourcePreference = TerminalSettings['source'];

/** What the Terminal lends its handlers: the desk the window shows, and the few things only the Terminal does. */
export interface TerminalServices {
  /** The desk the window shows now. */
  desk(): PaperDesk;
  /** What the window shows now, built as a pushed snapshot is. */
  snapshot(): DeskSnapshot;
  /** The quote source the window chose. */
  source(): SourcePreference;
  /** Switches the quote source; the status it starts in, or why it cannot. */
  useSource(preference: SourcePreference): Promise<Result<SourceStatusView>>;
  /** The native file picker, where there is one (Electron). */
  readonly pickFile: (() => Promise<string | null>) | undefined;
  /** Something the window shows changed outside a desk change (a preference): push a snapshot. */
  changed(): void;
  // Optional, so services built elsewhere (tests, other hosts) need not name them.
  /** The system's save dialog, where there is one (Electron): the path chosen, or null when closed. */
  readonly pickSaveFile?: ((suggestedName: string) => Promise<string | null>) | undefined;
  /** better-sqlite3's addon for a second, read-only connection (Electron's ABI build). */
  readonly nativeBinding?: string | undefined;
  /** Sends an event to the window (an export's progress). */
  readonly push?: (event: PushEvent) => void;
}

export const fail = (code: CommandError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/** A desk's answer as the contract's: its value through a view, or its error as it stands. */
export function answer<T, U>(result: DeskResult<T>, view: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, data: view(result.value) } : { ok: false, error: result.error };
}
