/**
 * Asks `probe` until it answers or `waitMs` passes (then one last time).
 * For read-your-writes on views, which follow the log a few ms behind.
 */
export async function pollFor<T>(probe: () => Promise<T | undefined | null>, waitMs: number): Promise<T | undefined> {
  const deadline = Date.now() + waitMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 100)) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(deadline - Date.now(), 0))));
  }
}
