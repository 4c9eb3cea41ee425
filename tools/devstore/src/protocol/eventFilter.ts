import type { RecordedEvent } from '../storage/types.ts';

export interface WireFilterOptions {
  readonly stream_identifier?: WireExpression;
  readonly event_type?: WireExpression;
  readonly max?: number;
  readonly count?: object;
  readonly checkpointIntervalMultiplier?: number;
}

interface WireExpression {
  readonly regex?: string;
  readonly prefix?: readonly string[];
}

/** A server-side `$all` filter and how often (in events scanned) it emits a checkpoint. */
export interface EventFilter {
  readonly matches: (event: RecordedEvent) => boolean;
  readonly checkpointEvery: number;
}

// The clients' default search window; the real server checkpoints after
// window × multiplier events have been scanned, matching or not.
const defaultWindow = 32;

export function compileFilter(wire: WireFilterOptions | undefined): EventFilter | undefined {
  if (!wire) return undefined;
  const onStream = wire.stream_identifier !== undefined;
  const expression = wire.stream_identifier ?? wire.event_type;
  if (!expression) return undefined;
  const prefixes = expression.prefix ?? [];
  const regex = prefixes.length === 0 && expression.regex ? new RegExp(expression.regex) : undefined;
  const field = (event: RecordedEvent): string => (onStream ? event.stream : event.type);
  const matches =
    prefixes.length > 0
      ? (event: RecordedEvent) => {
          const value = field(event);
          return prefixes.some((prefix) => value.startsWith(prefix));
        }
      : regex
        ? (event: RecordedEvent) => regex.test(field(event))
        : () => true;
  const window = wire.max !== undefined && wire.max > 0 ? wire.max : defaultWindow;
  const multiplier = wire.checkpointIntervalMultiplier !== undefined && wire.checkpointIntervalMultiplier > 0 ? wire.checkpointIntervalMultiplier : 1;
  return { matches, checkpointEvery: window * multiplier };
}
