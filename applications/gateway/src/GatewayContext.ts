import type { AggregatorOptions, MessageStore } from '@causeway/runtime';
import type { Suite } from '@causeway/suite';
import type { TokenIssuer } from './auth/TokenIssuer.ts';
import type { CommandSender } from './commands/CommandSender.ts';

/** What the gateway's routes (and plugins: socket.io, GraphQL) share. */
export interface GatewayContext {
  readonly store: MessageStore;
  /** The suite's manifest: command routes, aggregators, categories. */
  readonly suite: Suite;
  readonly db: AggregatorOptions['db'];
  readonly tokens: TokenIssuer;
  readonly sender: CommandSender;
  /** Longest wait for a registration to be decided. */
  readonly registerWaitMs: number;
  /** Longest wait for the command-status view to show a command just accepted. */
  readonly readWaitMs: number;
}
