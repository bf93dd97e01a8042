// Where an account's orders go. PAPER orders are filled by the engine's own fill model; a live broker adapter
// would route them out. Live routing is not enabled, so the Schwab adapter refuses every order, clearly.
import type { Broker } from './model';

export interface BrokerAdapter {
  readonly broker: Broker;
  /** Null when the adapter takes the order, else the reason it refuses. */
  refusal(): string | null;
}

const paper: BrokerAdapter = { broker: 'PAPER', refusal: () => null };

const schwab: BrokerAdapter = {
  broker: 'SCHWAB',
  refusal: () => 'live routing is not enabled: the Schwab adapter refuses orders (use a PAPER account)',
};

const ADAPTERS: Readonly<Record<Broker, BrokerAdapter>> = { PAPER: paper, SCHWAB: schwab };

export function brokerAdapter(broker: Broker): BrokerAdapter {
  return ADAPTERS[broker];
}
