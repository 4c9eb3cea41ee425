import type { CommandType, EventType } from '@causeway/contracts';
import type { EmittedEvent, RecordedCommand, RecordedEvent } from '../messages/messages.ts';
import type { CommandRoutes } from './CommandRoute.ts';

/**
 * What a component author writes (docs/ARCHITECTURE.md §6). `decide` and
 * `evolve` are pure: time comes from the command (`command.created`), never
 * from the clock, so a replay decides exactly as the first run did.
 */
export interface ComponentDefinition<S, C extends CommandType = CommandType, E extends EventType = EventType> {
  /** Names the component's own streams, e.g. `wallets` → `wallets:checkpoint`. */
  readonly name: string;
  /** Entity category: commands arrive on `<category>:command-<id>`, events go to `<category>-<id>`. */
  readonly category: string;
  /** Command types this component handles; any other type on its command streams is refused. */
  readonly commands: readonly C[];
  /** Where each of those commands is written and who may send it. */
  readonly routes: CommandRoutes<C>;
  /** Event types it may append (its stream's fold sees only these). */
  readonly events: readonly E[];
  readonly initialState: () => S;
  readonly evolve: (state: S, event: RecordedEvent<E>) => S;
  readonly decide: (command: RecordedCommand<C>, state: S) => readonly EmittedEvent<E>[];
  /** Event types that are rejections (for `thenRejected` and the edge's REJECTED status). */
  readonly rejections?: readonly E[];
}

/** Identity function that fixes the type parameters, so authors get checked `decide`/`evolve`. */
export function defineComponent<S, C extends CommandType, E extends EventType>(definition: ComponentDefinition<S, C, E>): ComponentDefinition<S, C, E> {
  return definition;
}
