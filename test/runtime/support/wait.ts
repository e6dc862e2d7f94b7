/** Polls `check` until it returns true; throws `message` (and the last value seen) after `timeoutMs`. Usable in hooks, unlike expect.poll. */
export async function waitUntil<T>(read: () => Promise<T> | T, check: (value: T) => boolean, options: { timeoutMs: number; intervalMs?: number; message: string }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${options.message} (not within ${options.timeoutMs} ms; last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}
