/**
 * The protocol definitions the ceiling server serves: the embedded server's own
 * (`loadEventStoreProtocol()`), so both servers pay the same (de)serialization costs. While those
 * protos cannot be loaded alone (streams.proto uses google.protobuf.Empty without importing it),
 * the same files are loaded with the same loader options plus that import.
 */
import * as path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { loadEventStoreProtocol } from '@handoff/eventstore/embedded/protocol/protocol';
import { repoRoot } from '@handoff/shared/compiled-path';

export interface Protocol {
  streams: ServiceDefinition;
  serverFeatures: ServiceDefinition;
  /** False when the compatibility load was needed. */
  shared: boolean;
}

export function loadProtocol(): Protocol {
  try {
    return { ...loadEventStoreProtocol(), shared: true };
  } catch (error) {
    if (!/google\.protobuf\.Empty/.test(String(error))) throw error;
  }
  const root = repoRoot();
  const definitions = protoLoader.loadSync(['compat.proto'], {
    keepCase: true,
    longs: String,
    enums: Number,
    bytes: Buffer as unknown as typeof String,
    defaults: false,
    oneofs: true,
    includeDirs: [path.join(root, 'bench', 'ceiling', 'protos'), path.join(root, 'libs', 'eventstore', 'src', 'embedded', 'protocol', 'protos')],
  });
  return {
    streams: definitions['event_store.client.streams.Streams'] as ServiceDefinition,
    serverFeatures: definitions['event_store.client.server_features.ServerFeatures'] as ServiceDefinition,
    shared: false,
  };
}
