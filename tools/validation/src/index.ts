export { ajvOptions } from './ajvOptions.ts';
export { describeIssue, show } from './describeIssue.ts';
export { describeIssues } from './describeIssues.ts';
export { formats } from './formats.ts';
export { jsonShapeIssues, MAX_JSON_DEPTH } from './jsonShapeIssues.ts';
export type { RawValidationError, ValidationIssue } from './ValidationIssue.ts';
export { validatorRuntime } from './validatorRuntime.ts';
