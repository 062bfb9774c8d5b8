/**
 * Commands are loaded when they run, never up front: each is its own server process (the all-in-one
 * starts `eventstore serve` and `readstore serve` as children), and one must not pay for loading
 * another's code (the event store never needs mingo, the read store never needs gRPC).
 */
const USAGE = `usage:
  cli eventstore serve [--port <p>] [--data-dir <dir>] [--max-append-size <bytes>]
  cli readstore serve [--port <p>] [--data-dir <dir>]
  cli demo                      (HANDOFF_ADMIN_KEY=... [HANDOFF_URL=...] [DEMO_SCALE=small])
  cli projections status | rebuild <name> [--wait <seconds>] | skip <name> <event-id> [--by <who>]
  cli audit verify [--from <$all commit position>]   (exits 1 naming each tampered stream)`;

/** Returns an exit code for one-shot commands, or undefined for servers that keep running. */
export async function runCli(argv: string[]): Promise<number | undefined> {
  const [group, command, ...rest] = argv;
  if (group === 'eventstore' && command === 'serve') {
    const { serveEventStore } = await import('./eventstore-serve.command');
    await serveEventStore(rest);
    return undefined;
  }
  if (group === 'readstore' && command === 'serve') {
    const { serveReadStore } = await import('./readstore-serve.command');
    await serveReadStore(rest);
    return undefined;
  }
  if (group === 'demo') {
    const { runDemoCommand } = await import('./demo.command');
    return runDemoCommand();
  }
  if (group === 'projections') {
    const { runProjectionsCommand } = await import('./projections.command');
    return runProjectionsCommand(command, rest);
  }
  if (group === 'audit') {
    const { runAuditCommand } = await import('./audit.command');
    return runAuditCommand(command, rest);
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

/** Parses `--name value` pairs; refuses unknown names so typos do not pass silently. */
export function parseFlags(args: string[], known: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (!name?.startsWith('--') || !known.includes(name.slice(2))) throw new Error(`unknown option ${name}\n${USAGE}`);
    if (value === undefined) throw new Error(`option ${name} needs a value`);
    flags[name.slice(2)] = value;
  }
  return flags;
}
