import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { reportPosition } from '@handoff/projections';
import { IdempotentRequests } from '@handoff/shared/http';
import type { RequestFacts } from './custody-edge';

/**
 * Every command endpoint's way in: the command runs on the bus at most once per Idempotency-Key,
 * and its `$all` position goes back in `X-Handoff-Position` for read-your-writes. Explicit calls
 * rather than Nest interceptors: see libs/projections/src/nest/read-your-writes.http.ts for the
 * measured cost of those on this path.
 */
@Injectable()
export class CommandGateway {
  constructor(
    private readonly bus: CommandBus,
    private readonly idempotency: IdempotentRequests,
  ) {}

  execute<Result>(command: { readonly facts: RequestFacts }): Promise<Result> {
    const { facts } = command;
    return this.idempotency.run(facts, async () => reportPosition(facts.reply, await this.bus.execute<typeof command, Result>(command)));
  }
}
