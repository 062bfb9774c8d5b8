import type { RunningProcess } from './run-main';

/**
 * For servers run as their own process (`cli eventstore serve`, the bench's ceiling server):
 * close on SIGTERM/SIGINT, and when the parent that started us with an IPC channel goes away,
 * so a server never outlives the process that owns it.
 */
export function closeOnShutdown(server: RunningProcess): void {
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
}
