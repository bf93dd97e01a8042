// The account commands: open an account and reset one. The desk decides; this answers with the account's view.
import { accountView } from '../../desk/views';
import { answer, type HandlerSlice, type TerminalServices } from './handler';

type AccountCommands = 'createAccount' | 'resetAccount';

export function accountHandlers(services: TerminalServices) {
  return {
    createAccount: ({ id, startingBalance, margin }) => {
      const desk = services.desk();
      return answer(desk.createAccount({ id, cash: startingBalance, margin }), (account) => accountView(desk.state, account));
    },
    resetAccount: ({ account, startingBalance }) => {
      const desk = services.desk();
      return answer(desk.resetAccount(account, startingBalance), (reset) => accountView(desk.state, reset));
    },
  } satisfies HandlerSlice<AccountCommands>;
}
