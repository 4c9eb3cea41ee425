import { validateMessage, type CommandType } from '@causeway/contracts';
import { CausewayError } from '@causeway/errors';

/** The contract check of a command's data: VALIDATION_FAILED (400) with every violation; nothing is written. */
export function validateCommand(type: CommandType, data: unknown): void {
  const result = validateMessage(type, data);
  if (!result.ok) {
    throw new CausewayError('VALIDATION_FAILED', `${type}: ${result.issues.length} violation(s) of the contract`, { type, issues: result.issues });
  }
}
