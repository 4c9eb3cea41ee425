import type { Logger } from '../service/logger.ts';
import { isStoreUnavailable } from './isStoreUnavailable.ts';
import { storeUnavailableRetries } from '../service/metrics.ts';

export interface RetryWhileUnavailableOptions {
  readonly logger: Logger;
  /** What is being tried, for the log. */
  readonly what: string;
  /** Checked before each new attempt: once true, the last error is thrown instead. */
  readonly stopping?: () => boolean;
  readonly initialMs?: number;
  readonly maxMs?: number;
}

/**
 * Runs `attempt` until it succeeds, waiting (100 ms doubling to 5 s) while a
 * store is unavailable; any other error is thrown at once. A store restart or
 * fail-over then costs a pause, not the process: before, every consumer exited
 * on the first refused write and the supervisor's restart budget ran out during
 * a longer outage. Only for idempotent work (conditional view writes, appends
 * with derived ids or an expected revision).
 */
export async function retryWhileUnavailable<T>(attempt: () => Promise<T>, options: RetryWhileUnavailableOptions): Promise<T> {
  let delay = options.initialMs ?? 100;
  const maxDelay = options.maxMs ?? 5_000;
  for (let failures = 1; ; failures += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isStoreUnavailable(error) || options.stopping?.()) throw error;
      storeUnavailableRetries.inc({ what: options.what });
      options.logger.warn({ err: error, failures, retryInMs: delay }, `${options.what}: store unavailable; trying again`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
