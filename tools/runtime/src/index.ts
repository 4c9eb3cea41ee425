// The public API: what a component, saga, policy or aggregator author and an
// application use. What only the toolkit's own test kit, CLI and benchmarks
// need is in `@causeway/runtime/internal` (src/internal.ts), free to change.

// Messages, streams and log positions (docs/ARCHITECTURE.md §3, §4).
export type { EmittedEvent, MessageMetadata, MessageType, Outgoing, Recorded, RecordedCommand, RecordedEvent } from './messages/messages.ts';
export { deterministicId } from './messages/deterministicId.ts';
export { streamNames } from './messages/streamNames.ts';
export { comparePositions, formatPosition, parsePosition, START, type LogPosition } from './messages/LogPosition.ts';

// The store.
export { MessageStore, type AppendOutcome, type ExpectedRevision, type NewMessage } from './store/MessageStore.ts';
export { CatchUpSubscription, type CatchUpOptions } from './store/CatchUpSubscription.ts';

// Components (write side, §6).
export { defineComponent, type ComponentDefinition } from './components/ComponentDefinition.ts';
export type { CommandRoute, CommandRoutes, CommandTarget } from './components/CommandRoute.ts';
export { runComponent, type ComponentOptions, type RunningComponent } from './components/runComponent.ts';
export { loadEntity, type SnapshotOptions } from './components/loadEntity.ts';
export { groupMemberFor, type ConsumerGroup } from './consumers/consumerGroup.ts';

// Sagas and policies (§7).
export { defineSaga, type SagaCommand, type SagaContext, type SagaDefinition, type SagaStep, type StepOutcomes } from './sagas/SagaDefinition.ts';
export { runSaga, type RunningSaga, type SagaOptions } from './sagas/runSaga.ts';
export { sagaStatusOf, type SagaLifecycleStatus } from './sagas/sagaStatusOf.ts';
export { definePolicy, type PolicyDefinition } from './policies/PolicyDefinition.ts';
export { runPolicy, type PolicyOptions } from './policies/runPolicy.ts';

// Aggregators (read side, §8).
export {
  defineAggregator,
  type AggregatorDefinition,
  type ViewChange,
  type ViewIndex,
  type ViewPipeline,
  type ViewUpdate,
} from './aggregators/AggregatorDefinition.ts';
export { runAggregator, type AggregatorOptions, type RunningAggregator } from './aggregators/runAggregator.ts';
export { CHECKPOINTS } from './aggregators/ViewWriter.ts';
export { POSITION_FIELD, type ViewDocument } from './aggregators/toBulkOperations.ts';

// Service processes.
export { aggregatorPart, componentPart, policyPart, runService, sagaPart, type ServiceContext, type ServicePart } from './service/runService.ts';
export { logger, type Logger } from './service/logger.ts';
