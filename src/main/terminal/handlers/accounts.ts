// The account commands: open an account and reset one. The desk decides; this answers with the account's view.
import { answer, type HandlerSlice, type TerminalServices } from './handler';

type AccountCommands = 'createAccount' | 'resetAccount';

export function accountHandlers(services: TerminalServices) {
  return {
    createAccount: ({ id, startingBalance, margin }) => {
      const desk = services.desk();
      return answer(desk.createAccount({ id, cash: startingBalance, margin }), (account) => desk.describeAccount(account));
    },
    resetAccount: ({ account, startingBalance }) => {
      const desk = services.desk();
      return answer(desk.resetAccount(account, startingBalance), (reset) => desk.describeAccount(reset));
    },
  } satisfies HandlerSlice<AccountCommands>;
}
