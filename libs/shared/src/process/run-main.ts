import { ConfigValidationError } from '../config/handoff-config';
import { JsonLogger } from '../logging/json-logger';
import { installLeanAsyncResourceBind } from './lean-async-resource-bind';

export interface RunningProcess {
  /** Graceful stop: finish what is in flight, release what was started. */
  close(): Promise<void>;
}

/**
 * The common tail of every `main.ts`: start, then on SIGTERM/SIGINT close gracefully and exit;
 * a start-up failure (a bad variable above all) is logged as one fatal line and exits 1.
 * Signals are handled here rather than by Nest's shutdown hooks because the all-in-one must stop
 * its embedded servers after the app has closed, before the process exits.
 * Before anything starts, Node 20's costly AsyncResource#bind is replaced (see its module).
 */
export function runMain(name: string, start: () => Promise<RunningProcess>): void {
  installLeanAsyncResourceBind();
  const logger = new JsonLogger({ context: name });
  // Handlers go in before starting: a SIGTERM during start-up waits for it, then closes.
  let stopping = false;
  const started = start();
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'shutting down', signal });
    started
      .then((running) => running.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ msg: 'shutdown failed', err: describe(error) });
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  started.catch((error: unknown) => {
    if (error instanceof ConfigValidationError) logger.fatal({ msg: error.message, code: error.code, variables: error.problems.map((p) => p.variable) });
    else logger.fatal({ msg: 'failed to start', err: describe(error) });
    process.exit(1);
  });
}

const describe = (error: unknown) => (error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { message: String(error) });
