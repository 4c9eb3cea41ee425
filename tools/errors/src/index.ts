export { CausewayError, isCausewayError, type ErrorDetails } from './CausewayError.ts';
export { errorCodes, type ErrorCode } from './errorCodes.ts';
