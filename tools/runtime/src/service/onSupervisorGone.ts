/**
 * Under `causeway start` (CAUSEWAY_SUPERVISED=1) a process's standard input is
 * a pipe from the supervisor. The pipe closes however the supervisor ends,
 * even by kill -9, so watching it keeps a service or store from outliving the
 * supervisor (holding its port, so that the next `npm start` cannot bind it).
 * Returns false, and does nothing, when the process is not supervised.
 */
export function onSupervisorGone(callback: () => void): boolean {
  if (process.env['CAUSEWAY_SUPERVISED'] !== '1') return false;
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    callback();
  };
  process.stdin.once('end', once);
  process.stdin.once('close', once);
  process.stdin.resume();
  return true;
}

/** Stops watching the supervisor's pipe (reading it keeps the process alive). */
export function releaseSupervisorPipe(): void {
  if (process.env['CAUSEWAY_SUPERVISED'] === '1') process.stdin.destroy();
}
