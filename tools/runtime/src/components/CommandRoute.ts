import type { CommandType, MessageDataMap } from '@causeway/contracts';

/** The entity a command is written for: its stream is `<category>:command-<id>`. */
export interface CommandTarget {
  readonly category: string;
  readonly id: string;
}

/**
 * How a command type finds its entity, and who may send it. Routes are part of
 * the definition of the component (or saga) that handles the command, so that
 * applications and the CLI learn them from the suite's manifest instead of a
 * list of their own (docs/ARCHITECTURE.md §2).
 */
export type CommandRoute<C extends CommandType = CommandType> = {
  /** The id of the entity the command is for, taken from its data; the category is the handler's. */
  readonly id: (data: MessageDataMap[C]) => string;
} & (
  | {
      /** Only sagas, policies and schedules send it: a user who tries gets FORBIDDEN. */
      readonly sentBy: 'system';
    }
  | {
      readonly sentBy: 'user';
      /** The user ids the sender must be (a user acts only for themselves); empty when any signed-in user may send it. */
      readonly actsFor: (data: MessageDataMap[C]) => readonly string[];
    }
);

/** One route for every command type a definition handles. */
export type CommandRoutes<C extends CommandType> = { readonly [K in C]: CommandRoute<K> };
