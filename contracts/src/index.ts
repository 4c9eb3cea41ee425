export type { CompiledValidator, ContractEntry, ContractKind } from './ContractEntry.ts';
export { allContracts, getContract, getContractById, isKnownType, versionsOf } from './registry.ts';
export { assertValidMessage, validateMessage, type ValidationResult } from './validateMessage.ts';
export { validateMetadata } from './validateMetadata.ts';
export { upcast } from './upcast.ts';
export type { CommandType, EventType, MessageDataMap } from '../generated/registry.ts';
export type * from '../generated/types.ts';
export type { ValidationIssue } from '@causeway/validation';
