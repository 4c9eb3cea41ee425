export {
  COMMAND_STATUS,
  commandStatusAggregator,
  commandStatusAggregatorFor,
  suiteCategories,
  type CommandStatus,
  type CommandStatusDocument,
  type CommandStatusEvent,
} from './commandStatusAggregator.ts';
