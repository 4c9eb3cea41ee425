/** The lifecycle statuses of docs/ARCHITECTURE.md §9 that saga events stand for. */
export type SagaLifecycleStatus =
  'SAGA_INITIATED' | 'SAGA_SUCCEEDED' | 'SAGA_FAILED' | 'SAGA_ROLLBACK_INITIATED' | 'SAGA_ROLLBACK_SUCCEEDED' | 'SAGA_ROLLBACK_FAILED';

const STATUSES: Readonly<Record<string, SagaLifecycleStatus>> = {
  SagaInitiated: 'SAGA_INITIATED',
  SagaSucceeded: 'SAGA_SUCCEEDED',
  SagaFailed: 'SAGA_FAILED',
  SagaRollbackInitiated: 'SAGA_ROLLBACK_INITIATED',
  SagaRollbackSucceeded: 'SAGA_ROLLBACK_SUCCEEDED',
  SagaRollbackFailed: 'SAGA_ROLLBACK_FAILED',
};

/** The status a saga event reports, or undefined for step bookkeeping events. */
export function sagaStatusOf(eventType: string): SagaLifecycleStatus | undefined {
  return STATUSES[eventType];
}
