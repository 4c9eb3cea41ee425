import { onSupervisorGone, releaseSupervisorPipe } from '@causeway/runtime/internal';

/**
 * Resolves on the first stop request. Handlers stay installed, so a second
 * Ctrl-C cannot cut a shutdown short. Under `causeway start` the store stops
 * on SIGTERM or when the supervisor is gone (onSupervisorGone), not on SIGINT:
 * the terminal's Ctrl-C reaches the whole process group, and the supervisor
 * stops the services before the stores they write to.
 */
export function stopRequested(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      releaseSupervisorPipe();
      resolve();
    };
    const supervised = onSupervisorGone(stop);
    process.on('SIGTERM', stop);
    process.on('SIGINT', () => {
      if (!supervised) stop();
    });
  });
}
