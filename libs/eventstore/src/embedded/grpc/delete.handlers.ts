/** Streams.Delete (soft: the stream reads as not found and may be written again) and Streams.Tombstone (hard, forever). */
import { status } from '@grpc/grpc-js';
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { EventLog } from '../storage/event-log';
import { BadRequest } from './bad-request';
import { expectedRevisionOf, streamNameOf, WireStreamIdentifier } from './codec';
import { badRequestError, serviceError, streamDeletedError, wrongExpectedVersionError } from './errors';

type DeleteRequest = { options?: Record<string, unknown> & { stream_identifier?: WireStreamIdentifier } };

export function deleteHandler(log: EventLog, kind: 'delete' | 'tombstone') {
  return (call: ServerUnaryCall<DeleteRequest, unknown>, callback: sendUnaryData<unknown>) => {
    let stream: string;
    let expected;
    try {
      stream = streamNameOf(call.request?.options?.stream_identifier);
      expected = expectedRevisionOf(call.request?.options ?? {}, 'expected_stream_revision', 'revision');
    } catch (error) {
      return callback(error instanceof BadRequest ? badRequestError(error) : (error as Error), null);
    }
    log.write({ kind, stream, expected }).then(
      (outcome) => {
        if (outcome.ok) {
          const position = String(outcome.position);
          return callback(null, { position: { commit_position: position, prepare_position: position } });
        }
        if (outcome.reason === 'stream_deleted') return callback(streamDeletedError(stream), null);
        return callback(wrongExpectedVersionError(stream, outcome.expected, outcome.currentRevision), null);
      },
      (error: unknown) => callback(serviceError(status.INTERNAL, `${kind} failed: ${(error as Error).message}`), null),
    );
  };
}
