// The toolkit's internals that its own test kit, CLI and benchmarks build on:
// not for component, saga or aggregator authors, and free to change between
// releases. The public API is src/index.ts.
export { decideCommand, metadataFrom, type Decision, type PreparedEvent } from './components/decideCommand.ts';
export { emptyEntity, foldEntity, type EntityState, type Fold } from './components/EntityState.ts';
export { snapshotStream } from './components/loadEntity.ts';
export { checkGroup } from './consumers/consumerGroup.ts';
export { CheckpointStream } from './consumers/CheckpointStream.ts';
export { runKeyedConsumer, type KeyedConsumerOptions, type RunningConsumer } from './consumers/runKeyedConsumer.ts';
export { evolveSaga, initialSagaState, reactSaga, stepCommandId, type SagaReaction, type SagaState, type SagaStatus } from './sagas/sagaMachine.ts';
export { loadSaga } from './sagas/runSaga.ts';
export { ViewWriter } from './aggregators/ViewWriter.ts';
export { DEAD_LETTERS, DeadLetters, type DeadLetter } from './aggregators/DeadLetters.ts';
export { rebuildAggregator, rebuildCollectionName, type RebuildOptions, type RebuildProgress, type RebuildResult } from './aggregators/rebuildAggregator.ts';
export { onSupervisorGone, releaseSupervisorPipe } from './service/onSupervisorGone.ts';
export { EXIT_CONFIGURATION, type SupervisorMessage } from './service/runService.ts';
export { isStoreUnavailable } from './store/isStoreUnavailable.ts';
export { retryWhileUnavailable, type RetryWhileUnavailableOptions } from './store/retryWhileUnavailable.ts';
