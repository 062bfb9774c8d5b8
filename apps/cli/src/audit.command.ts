/**
 * `cli audit verify [--from <position>]`: recomputes every stream's hash chain (ADR 0004, ADR 0012)
 * through the official client, against EVENTSTORE_CONNECTION_STRING (or the all-in-one's embedded
 * server on EMBEDDED_EVENTSTORE_PORT), with a progress bar on stderr when it is a terminal. Exits 1 naming the first bad
 * event of each bad stream, 0 when every chain verifies.
 */
import { EventStoreDBClient, Position } from '@eventstore/db-client';
import { allHeadPosition, describeFinding, IntegrityFinding, verifyAll } from '@handoff/eventstore';
import { loadConfig } from '@handoff/shared';
import { Presets, SingleBar } from 'cli-progress';
import { eventStoreConnectionString } from './event-store-connection';

/** As parsed and checked by cli.ts. */
export interface AuditVerifyOptions {
  /** A $all commit position, as digits. */
  from?: string;
}

export interface AuditOutput {
  out(line: string): void;
  /** Where the progress bar goes: stderr when it is a terminal; nowhere in CI logs and tests. */
  progress?: NodeJS.WritableStream;
}

export async function runAuditVerify(
  options: AuditVerifyOptions,
  output: AuditOutput = { out: (l) => process.stdout.write(`${l}\n`), progress: process.stderr.isTTY ? process.stderr : undefined },
): Promise<number> {
  const after: Position | undefined = options.from === undefined ? undefined : { commit: BigInt(options.from), prepare: BigInt(options.from) };
  const client = EventStoreDBClient.connectionString(eventStoreConnectionString(loadConfig()));
  try {
    const head = await allHeadPosition(client).catch(() => undefined);
    const bar = output.progress
      ? new SingleBar({ stream: output.progress, format: 'verifying $all {bar} {percentage}% | position {value}/{total} | {events} events | {bad} bad', hideCursor: true }, Presets.shades_classic)
      : undefined;
    bar?.start(Number(head?.commit ?? 0n), Number(after?.commit ?? 0n), { events: 0, bad: 0 });
    let bad = 0;
    const result = await verifyAll(client, {
      after,
      onPage: (findings, progress) => {
        bad += findings.length;
        bar?.update(Number(progress.through?.commit ?? 0n), { events: progress.events, bad });
      },
    });
    bar?.stop();
    return report(result.events, result.findings, output.out);
  } finally {
    await client.dispose();
  }
}

function report(events: number, findings: IntegrityFinding[], out: (line: string) => void): number {
  if (findings.length === 0) {
    out(`every chain verifies: ${events} events`);
    return 0;
  }
  out(`TAMPERED: ${findings.length} stream(s) fail verification (${events} events read); the first bad event of each:`);
  for (const finding of findings) out(`  ${describeFinding(finding)}`);
  return 1;
}
