/**
 * Errors as EventStoreDB reports them. Unary and client-streaming calls fail with a gRPC status
 * whose trailers carry `exception` (and details the client reads); BatchAppend answers each
 * correlation id with a google.rpc.Status whose `details` packs a typed message.
 */
import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { encodeDetail } from '../protocol/protocol';
import { ExpectedRevision } from '../storage/records';
import { streamIdentifier } from './codec';
import { BadRequest } from './bad-request';

export { BadRequest };

export function serviceError(code: status, details: string, trailers: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export function badRequestError(error: BadRequest): ServiceError {
  const trailers: Record<string, string> = {};
  if (error.exception === 'missing-required-metadata-property') {
    trailers.exception = error.exception;
    trailers['required-metadata-properties'] = 'type,content-type';
  }
  return serviceError(status.INVALID_ARGUMENT, error.message, trailers);
}

export function streamDeletedError(stream: string): ServiceError {
  return serviceError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': stream,
  });
}

/** EventStoreDB's legacy expected-version numbers, used in error trailers. */
function legacyExpectedVersion(expected: ExpectedRevision): string {
  switch (expected.kind) {
    case 'any':
      return '-2';
    case 'no_stream':
      return '-1';
    case 'stream_exists':
      return '-4';
    case 'revision':
      return String(expected.revision);
  }
}

export function wrongExpectedVersionError(stream: string, expected: ExpectedRevision, current: number): ServiceError {
  return serviceError(status.FAILED_PRECONDITION, `Append failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${legacyExpectedVersion(expected)}, Actual version: ${current}`, {
    exception: 'wrong-expected-version',
    'stream-name': stream,
    'expected-version': legacyExpectedVersion(expected),
    'actual-version': String(current),
  });
}

export function maxAppendSizeMessage(maxAppendSize: number): string {
  return `Maximum Append Size of ${maxAppendSize} Exceeded.`;
}

export function maxAppendSizeError(maxAppendSize: number): ServiceError {
  return serviceError(status.INVALID_ARGUMENT, maxAppendSizeMessage(maxAppendSize), {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });
}

/** The `expected_*` oneof as it appears in WrongExpectedVersion messages. */
export function expectedFields(expected: ExpectedRevision, revisionField: string, prefix: string): Record<string, unknown> {
  switch (expected.kind) {
    case 'any':
      return { [`${prefix}any`]: {} };
    case 'no_stream':
      return { [`${prefix}no_stream`]: {} };
    case 'stream_exists':
      return { [`${prefix}stream_exists`]: {} };
    case 'revision':
      return { [revisionField]: String(expected.revision) };
  }
}

// google.rpc.Code numbers used in BatchAppend results.
const FAILED_PRECONDITION = 9;
const INVALID_ARGUMENT = 3;

export function batchWrongExpectedVersion(stream: string, expected: ExpectedRevision, current: number) {
  const detail = {
    ...(current >= 0 ? { current_stream_revision: String(current) } : { current_no_stream: {} }),
    ...expectedFields(expected, 'expected_stream_position', 'expected_'),
  };
  return {
    code: FAILED_PRECONDITION,
    message: `WrongExpectedVersion. Stream: ${stream}, Expected: ${legacyExpectedVersion(expected)}, Actual: ${current}`,
    details: encodeDetail('event_store.client.WrongExpectedVersion', detail),
  };
}

export function batchStreamDeleted(stream: string) {
  return {
    code: FAILED_PRECONDITION,
    message: `Event stream '${stream}' is deleted.`,
    details: encodeDetail('event_store.client.StreamDeleted', { stream_identifier: streamIdentifier(stream) }),
  };
}

export function batchMaxAppendSize(maxAppendSize: number) {
  return {
    code: INVALID_ARGUMENT,
    message: maxAppendSizeMessage(maxAppendSize),
    details: encodeDetail('event_store.client.MaximumAppendSizeExceeded', { maxAppendSize }),
  };
}

export function batchBadRequest(message: string) {
  return {
    code: INVALID_ARGUMENT,
    message,
    details: encodeDetail('event_store.client.BadRequest', { message }),
  };
}
