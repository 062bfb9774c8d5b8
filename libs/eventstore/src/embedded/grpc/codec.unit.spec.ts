import type { MethodDefinition } from '@grpc/grpc-js';
import { loadEventStoreProtocol } from '../protocol/protocol';
import { batchAppendSuccessFrame } from './codec';

const batchAppend = loadEventStoreProtocol().streams.BatchAppend as MethodDefinition<unknown, unknown>;

describe('pre-encoded BatchAppend successes', () => {
  it.each([
    [0, 1],
    [41, 300],
    [2 ** 33, 2 ** 45],
    [-1, 0],
  ])('decode like the object form (revision %d, position %d)', (currentRevision, position) => {
    const correlationId = '1f0c4a5e-8b8e-4d2a-9c1e-0a2b3c4d5e6f';
    const framed = batchAppend.responseDeserialize(batchAppendSuccessFrame(correlationId, currentRevision, position));
    const object = batchAppend.responseDeserialize(
      batchAppend.responseSerialize({
        correlation_id: { string: correlationId },
        success: {
          ...(currentRevision >= 0 ? { current_revision: currentRevision } : { no_stream: {} }),
          ...(position > 0 ? { position: { commit_position: position, prepare_position: position } } : { no_position: {} }),
        },
      }),
    );
    expect(framed).toEqual(object);
    expect((framed as { success: { current_revision_option: string } }).success.current_revision_option).toBe(currentRevision >= 0 ? 'current_revision' : 'no_stream');
  });
});
