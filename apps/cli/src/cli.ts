/**
 * The command tree, parsed by commander. Commands are loaded when they run, never up front: each
 * is its own server process (the all-in-one starts `eventstore serve` and `readstore serve` as
 * children), and one must not pay for loading another's code (the event store never needs mingo,
 * the read store never needs gRPC). So this file imports nothing but commander (and types), every
 * option is validated here, and each action imports its command module when it runs.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { AuditVerifyOptions } from './audit.command';
import type { EventStoreServeOptions } from './eventstore-serve.command';
import type { RebuildOptions } from './projections.command';
import type { ReadStoreServeOptions } from './readstore-serve.command';

/** A mistake in how the command was called (an unknown projection, say) rather than a failure: exit 2, like a parse error. */
export class UsageError extends Error {}

/** Returns an exit code for one-shot commands, or undefined for servers that keep running. */
export async function runCli(argv: string[]): Promise<number | undefined> {
  let code: number | undefined;
  const program = buildProgram((result) => {
    code = result;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // commander has already written its message (and the hint) to stderr.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return code;
}

/** The whole tree; `done` receives a one-shot command's exit code. Cheap: nothing here loads a command's code. */
export function buildProgram(done: (code: number | undefined) => void): Command {
  const program = new Command('cli')
    .description("Handoff's command line (`npm run cli -- <command>`): the embedded servers, the demo, projection and audit admin.")
    // Set before any subcommand is added, so every subcommand inherits them.
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  serveCommand(program, {
    group: ['eventstore', 'The embedded EventStoreDB-compatible server.'],
    description: 'Run the embedded event store alone (gRPC over TLS, on 127.0.0.1), until SIGINT/SIGTERM.',
    env: 'EMBEDDED_EVENTSTORE',
    port: 2113,
    holds: 'the log, the TLS identity and the credentials',
    serve: async (options: EventStoreServeOptions) => (await import('./eventstore-serve.command')).serveEventStore(options),
  }).addOption(new Option('--max-append-size <bytes>', 'largest append the server accepts').default(1_048_576).argParser(positiveInteger));

  serveCommand(program, {
    group: ['readstore', 'The embedded MongoDB-compatible server.'],
    description: 'Run the embedded read store alone (MongoDB wire protocol, SCRAM-SHA-256, on 127.0.0.1), until SIGINT/SIGTERM.',
    env: 'EMBEDDED_MONGODB',
    port: 27017,
    holds: 'the documents and the credentials',
    serve: async (options: ReadStoreServeOptions) => (await import('./readstore-serve.command')).serveReadStore(options),
  });

  program
    .command('demo')
    .description('Fill a running Handoff with a realistic day through its HTTP API, then print what to look at.')
    .addHelpText(
      'after',
      `
Environment:
  HANDOFF_ADMIN_KEY      required: the admin API key \`npm start\` logs once on its first start
  HANDOFF_URL            default http://127.0.0.1:3000
  DEMO_SCALE             full (470 rural deliveries, the default) or small (40)
  DEMO_CONCURRENCY       requests in flight, default 16
  DEMO_TIMEOUT_SECONDS   the whole run, default 300`,
    )
    .action(async () => {
      const { runDemoCommand } = await import('./demo.command');
      done(await runDemoCommand());
    });

  const projections = program.command('projections').description('Projection admin, through MongoDB where the projectors look (MONGODB_URI, else the embedded read store).');
  projections
    .command('status')
    .description('Each projection: its serving and rebuilding generations, checkpoints, rates and the error it stopped on; then each reaction: its checkpoint, counts and error.')
    .action(async () => {
      const { projectionsStatus } = await import('./projections.command');
      done(await projectionsStatus());
    });
  projections
    .command('rebuild')
    .description('Build a new generation of a projection from the start of $all while the current one serves, then switch.')
    .argument('<name>', 'the projection (see `projections status`)')
    .addOption(new Option('--wait <seconds>', 'wait up to this long for the switch (progress bar on a terminal); exit 1 if it has not happened').default(0, 'do not wait').argParser(seconds))
    .action(async (name: string, options: RebuildOptions) => {
      const { projectionsRebuild } = await import('./projections.command');
      done(await projectionsRebuild(name, options));
    });
  projections
    .command('skip')
    .description('Let a projection or a reaction stopped on a poison event skip it (recorded); refused unless it is stopped on that event.')
    .argument('<name>', 'the projection or reaction (see `projections status`)')
    .argument('<event-id>', 'the event it is stopped on')
    .option('--by <who>', 'who decided, for the record', `cli:${process.env.USER ?? 'unknown'}`)
    .action(async (name: string, eventId: string, options: { by: string }) => {
      const { projectionsSkip } = await import('./projections.command');
      done(await projectionsSkip(name, eventId, options.by));
    });

  const audit = program.command('audit').description("The event store's hash chains (ADR 0004, ADR 0012).");
  audit
    .command('verify')
    .description("Recompute every stream's hash chain through the official client (EVENTSTORE_CONNECTION_STRING, else the embedded server); exit 1 naming each tampered stream.")
    .addOption(new Option('--from <position>', 'start after this $all commit position').argParser(commitPosition))
    .action(async (options: AuditVerifyOptions) => {
      const { runAuditVerify } = await import('./audit.command');
      done(await runAuditVerify(options));
    });

  return program;
}

/** `<group> serve`: a server that keeps running, so no exit code. */
function serveCommand<Options>(
  program: Command,
  server: { group: [string, string]; description: string; env: string; port: number; holds: string; serve: (options: Options) => Promise<void> },
): Command {
  const [group, groupDescription] = server.group;
  return program
    .command(group)
    .description(groupDescription)
    .command('serve')
    .description(server.description)
    .addOption(new Option('--port <port>', 'port to listen on; 0 picks a free one').env(`${server.env}_PORT`).default(server.port).argParser(port))
    .addOption(new Option('--data-dir <dir>', `where ${server.holds} live (default: $HANDOFF_DATA_DIR/${group}, else ./data/${group})`))
    .addHelpText('after', `\nEnvironment: ${server.env}_DURABILITY=process|fsync (default process).`)
    .action(server.serve);
}

// ---- option values: a bad one is a usage error naming the option (commander adds the name) -----

function integer(value: string): number | undefined {
  return /^\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
}

export function port(value: string): number {
  const parsed = integer(value);
  if (parsed === undefined || parsed > 65_535) throw new InvalidArgumentError('It must be an integer from 0 to 65535.');
  return parsed;
}

export function positiveInteger(value: string): number {
  const parsed = integer(value);
  if (parsed === undefined || parsed < 1) throw new InvalidArgumentError('It must be a positive integer.');
  return parsed;
}

export function seconds(value: string): number {
  const parsed = integer(value);
  if (parsed === undefined) throw new InvalidArgumentError('It must be a whole number of seconds (0 or more).');
  return parsed;
}

/** A `$all` commit position, kept as its digits: it may not fit a JavaScript number. */
export function commitPosition(value: string): string {
  if (!/^\d{1,20}$/.test(value) || BigInt(value) >= 2n ** 64n) throw new InvalidArgumentError('It must be a $all commit position (digits).');
  return value;
}
