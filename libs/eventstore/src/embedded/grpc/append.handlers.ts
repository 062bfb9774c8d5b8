/**
 * Streams.Append (client streaming: options, then proposed messages) and Streams.BatchAppend
 * (bidirectional: many appends multiplexed by correlation id, each possibly split over several
 * requests until `is_final`). Both hand a whole append to the event log in one write operation.
 */
import { status } from '@grpc/grpc-js';
import type { sendUnaryData, ServerDuplexStream, ServerReadableStream } from '@grpc/grpc-js';
import { EventLog } from '../storage/event-log';
import { ExpectedRevision, ProposedEvent, WriteOutcome } from '../storage/records';
import { BadRequest } from './bad-request';
import { appendSize, batchAppendSuccessFrame, expectedRevisionOf, parseUuid, proposedEvent, streamIdentifier, streamNameOf, WireProposedMessage, WireStreamIdentifier, WireUuid } from './codec';
import { badRequestError, batchBadRequest, batchMaxAppendSize, batchStreamDeleted, batchWrongExpectedVersion, expectedFields, maxAppendSizeError, serviceError, streamDeletedError } from './errors';

export interface AppendContext {
  log: EventLog;
  maxAppendSize: number;
}

type AppendRequest = {
  content?: 'options' | 'proposed_message';
  options?: Record<string, unknown> & { stream_identifier?: WireStreamIdentifier };
  proposed_message?: WireProposedMessage;
};

export function appendHandler(context: AppendContext) {
  return (call: ServerReadableStream<AppendRequest, unknown>, callback: sendUnaryData<unknown>) => {
    let stream: string | undefined;
    let expected: ExpectedRevision = { kind: 'any' };
    const events: ProposedEvent[] = [];
    let size = 0;
    let failure: Error | undefined;
    let answered = false;
    const answer = (error: Error | null, response?: unknown) => {
      if (answered) return;
      answered = true;
      callback(error as never, response);
    };

    call.on('data', (request: AppendRequest) => {
      if (failure) return;
      try {
        if (request.content === 'options' || (request.options && stream === undefined)) {
          stream = streamNameOf(request.options?.stream_identifier);
          expected = expectedRevisionOf(request.options ?? {}, 'expected_stream_revision', 'revision');
        } else if (request.proposed_message) {
          if (stream === undefined) throw new BadRequest('the first Append message must carry the options');
          const event = proposedEvent(request.proposed_message);
          size += appendSize(event);
          if (size > context.maxAppendSize) failure = maxAppendSizeError(context.maxAppendSize);
          else events.push(event);
        }
      } catch (error) {
        failure = error instanceof BadRequest ? badRequestError(error) : (error as Error);
      }
    });
    call.on('error', () => answer(serviceError(status.CANCELLED, 'client went away')));
    call.on('end', () => {
      if (failure) return answer(failure);
      if (stream === undefined) return answer(badRequestError(new BadRequest('Append needs options')));
      const name = stream;
      context.log.write({ kind: 'append', stream: name, expected, events }).then(
        (outcome) => (!outcome.ok && outcome.reason === 'stream_deleted' ? answer(streamDeletedError(name)) : answer(null, appendResponse(outcome))),
        (error: unknown) => answer(serviceError(status.INTERNAL, `append failed: ${(error as Error).message}`)),
      );
    });
  };
}

function appendResponse(outcome: Exclude<WriteOutcome, { reason: 'stream_deleted' }>): unknown {
  if (outcome.ok) return { success: successResult(outcome) };
  const current = outcome.currentRevision;
  return {
    wrong_expected_version: {
      // Pre-20.6 fields, still filled by EventStoreDB for old clients.
      ...(current >= 0 ? { current_revision_20_6_0: String(current) } : { no_stream_20_6_0: {} }),
      ...(outcome.expected.kind === 'revision'
        ? { expected_revision_20_6_0: String(outcome.expected.revision) }
        : outcome.expected.kind === 'stream_exists'
          ? { stream_exists_20_6_0: {} }
          : { any_20_6_0: {} }),
      ...(current >= 0 ? { current_revision: String(current) } : { current_no_stream: {} }),
      ...expectedFields(outcome.expected, 'expected_revision', 'expected_'),
    },
  };
}

type BatchAppendRequest = {
  correlation_id?: WireUuid;
  options?: Record<string, unknown> & { stream_identifier?: WireStreamIdentifier };
  proposed_messages?: WireProposedMessage[];
  is_final?: boolean;
};

interface PendingBatch {
  correlationId: WireUuid;
  stream: string;
  expected: ExpectedRevision;
  /** Whether the options were readable: a failed answer echoes the expected revision only then. */
  echoExpected: boolean;
  events: ProposedEvent[];
  size: number;
  failure?: Record<string, unknown>;
}

export function batchAppendHandler(context: AppendContext) {
  return (call: ServerDuplexStream<BatchAppendRequest, unknown>) => {
    const pending = new Map<string, PendingBatch>();
    let open = true;
    let inFlight = 0;
    let ended = false;
    const finishIfDone = () => {
      if (ended && inFlight === 0 && open) {
        open = false;
        call.end();
      }
    };
    const send = (message: unknown) => {
      if (open) call.write(message);
    };
    call.on('cancelled', () => (open = false));
    call.on('error', () => (open = false));
    call.on('end', () => {
      ended = true;
      finishIfDone();
    });

    call.on('data', (request: BatchAppendRequest) => {
      let key: string;
      try {
        key = parseUuid(request.correlation_id);
      } catch {
        // Without a correlation id nothing can be answered; the client would hang, so fail the call.
        open = false;
        call.emit('error', serviceError(status.INVALID_ARGUMENT, 'BatchAppend request without a valid correlation id'));
        return;
      }
      let batch = pending.get(key);
      if (!batch) {
        batch = startBatch(request, key);
        pending.set(key, batch);
      }
      if (!batch.failure) {
        try {
          for (const message of request.proposed_messages ?? []) {
            const event = proposedEvent(message);
            batch.size += appendSize(event);
            if (batch.size > context.maxAppendSize) {
              batch.failure = batchMaxAppendSize(context.maxAppendSize);
              batch.events = [];
              break;
            }
            batch.events.push(event);
          }
        } catch (error) {
          batch.failure = batchBadRequest(error instanceof Error ? error.message : String(error));
          batch.events = [];
        }
      }
      if (!request.is_final) return;
      pending.delete(key);
      const done = batch;
      // The client reads the stream identifier only from failed results, so successes skip it.
      const failed = () => ({
        correlation_id: done.correlationId,
        stream_identifier: streamIdentifier(done.stream),
        ...(done.echoExpected ? expectedFields(done.expected, 'stream_position', '') : {}),
      });
      if (done.failure) return send({ ...failed(), error: done.failure });
      inFlight += 1;
      context.log
        .write({ kind: 'append', stream: done.stream, expected: done.expected, events: done.events })
        .then(
          (outcome) => send(outcome.ok ? batchSuccess(done.correlationId, outcome) : { ...failed(), ...batchFailure(done.stream, outcome) }),
          (error: unknown) => send({ ...failed(), error: batchBadRequest(`append failed: ${(error as Error).message}`) }),
        )
        .finally(() => {
          inFlight -= 1;
          finishIfDone();
        });
    });

    function startBatch(request: BatchAppendRequest, key: string): PendingBatch {
      const correlationId = request.correlation_id ?? { string: key };
      try {
        if (!request.options) throw new BadRequest('the first BatchAppend request of a correlation id must carry options');
        const stream = streamNameOf(request.options.stream_identifier);
        const expected = expectedRevisionOf(request.options, 'expected_stream_position', 'stream_position');
        return { correlationId, stream, expected, echoExpected: true, events: [], size: 0 };
      } catch (error) {
        return {
          correlationId,
          stream: '',
          expected: { kind: 'any' },
          echoExpected: false,
          events: [],
          size: 0,
          failure: batchBadRequest(error instanceof Error ? error.message : String(error)),
        };
      }
    }
  };
}

/** uint64 fields as numbers: protobufjs encodes those without parsing a decimal string. */
function successResult(outcome: { currentRevision: number; position: number }): Record<string, unknown> {
  return {
    ...(outcome.currentRevision >= 0 ? { current_revision: outcome.currentRevision } : { no_stream: {} }),
    ...(outcome.position > 0 ? { position: { commit_position: outcome.position, prepare_position: outcome.position } } : { no_position: {} }),
  };
}

/** Pre-encoded for text correlation ids (see server.ts); structured ones go through protobufjs. */
function batchSuccess(correlationId: WireUuid, outcome: { currentRevision: number; position: number }): unknown {
  if (correlationId.string !== undefined && !correlationId.structured) {
    return batchAppendSuccessFrame(correlationId.string, outcome.currentRevision, outcome.position);
  }
  return { correlation_id: correlationId, success: successResult(outcome) };
}

function batchFailure(stream: string, outcome: Exclude<WriteOutcome, { ok: true }>): Record<string, unknown> {
  if (outcome.reason === 'stream_deleted') return { error: batchStreamDeleted(stream) };
  return { error: batchWrongExpectedVersion(stream, outcome.expected, outcome.currentRevision) };
}
