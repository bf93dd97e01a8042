// The quote-source commands: choose the practice feed or a TOS workbook/CSV, and the native file picker where there
// is one. Switching itself is the Terminal's (it owns the feed); this only asks for it.
import { fail, type HandlerSlice, type TerminalServices } from './handler';

type SourceCommands = 'setSource' | 'pickQuoteFile';

export function sourceHandlers(services: TerminalServices) {
  return {
    setSource: (preference) => services.useSource(preference),
    pickQuoteFile: async () => {
      if (!services.pickFile) return fail('NOT_SUPPORTED', 'there is no file picker here: type the file path instead');
      return { ok: true, data: { path: await services.pickFile() } };
    },
  } satisfies HandlerSlice<SourceCommands>;
}
