export {
  COMMAND_STATUS,
  commandStatusAggregator,
  commandStatusAggregatorFor,
  type CommandStatus,
  type CommandStatusDocument,
  type CommandStatusEvent,
} from './commandStatusAggregator.ts';
