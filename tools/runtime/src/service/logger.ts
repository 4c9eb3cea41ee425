import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * Structured JSON logs on stderr; level from LOG_LEVEL (default info, and
 * silent under tests unless asked). Children carry the component, the
 * subscription and, per message, the correlation id.
 */
export const logger: Logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
    base: { pid: process.pid },
  },
  pino.destination(2),
);
