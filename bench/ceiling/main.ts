/**
 * `node dist/bench/ceiling/main.js --port 0 --data-dir <dir>`: runs the ceiling server alone, exactly as the
 * embedded server is run by `cli eventstore serve`, and prints `listening on 127.0.0.1:<port>`.
 */
import { closeOnShutdown } from '@handoff/shared/process/close-on-shutdown';
import { startCeilingServer } from './server';

function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function portFromArgs(args: string[]): number {
  const text = flag(args, '--port') ?? '0';
  if (text === undefined || !/^\d+$/.test(text)) throw new Error(`--port must be a non-negative integer, got "${text}"`);
  return Number(text);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataDir = flag(args, '--data-dir');
  if (!dataDir) throw new Error('--data-dir is required (the TLS identity and the user are kept there)');
  const server = await startCeilingServer({ host: '127.0.0.1', port: portFromArgs(args), dataDir });
  process.stdout.write(`listening on 127.0.0.1:${server.port}\n`);
  closeOnShutdown(server);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
