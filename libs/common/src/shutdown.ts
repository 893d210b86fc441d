/**
 * Nest closes the HTTP server and the BullMQ workers on SIGTERM; this makes
 * sure a stuck request or job cannot keep the process alive past the deadline.
 */
export function exitAfterGracePeriod(timeoutMs: number, log: (message: string) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log(`${signal} received: draining (at most ${timeoutMs} ms)`);
      setTimeout(() => {
        log(`still running ${timeoutMs} ms after ${signal}: exiting`);
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
