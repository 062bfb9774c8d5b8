/**
 * The EventStoreDB gRPC contract as our servers speak it: service definitions loaded from the
 * .proto files beside this module, with protobufjs doing the (de)serialization. Shared by the
 * embedded server and the benchmark's ceiling server, so both pay the same wire costs.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as protoLoader from '@grpc/proto-loader';
import type { ServiceDefinition } from '@grpc/grpc-js';

/** The protos ship as source; compiled code (dist/) still reads them from the source tree. */
function protosDir(): string {
  const candidates = [path.join(__dirname, 'protos'), path.join(__dirname.replace(`${path.sep}dist${path.sep}`, path.sep), 'protos')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'streams.proto')));
  if (!found) throw new Error(`EventStoreDB protocol definitions not found (looked in ${candidates.join(', ')})`);
  return found;
}

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: Number,
  bytes: Buffer as unknown as typeof String,
  defaults: false,
  oneofs: true,
};

let cached: { streams: ServiceDefinition; serverFeatures: ServiceDefinition } | undefined;

export function loadEventStoreProtocol(): { streams: ServiceDefinition; serverFeatures: ServiceDefinition } {
  if (cached) return cached;
  const dir = protosDir();
  const definitions = protoLoader.loadSync(['streams.proto', 'serverfeatures.proto'], {
    ...LOADER_OPTIONS,
    includeDirs: [dir],
  });
  cached = {
    streams: definitions['event_store.client.streams.Streams'] as ServiceDefinition,
    serverFeatures: definitions['event_store.client.server_features.ServerFeatures'] as ServiceDefinition,
  };
  return cached;
}

/** The type URL the client unpacks `google.rpc.Status.details` by. */
export const DETAIL_TYPE_URL_PREFIX = 'type.googleapis.com/';

export const STREAMS_SERVICE = 'event_store.client.streams.Streams';
export const SERVER_FEATURES_SERVICE = 'event_store.client.server_features.ServerFeatures';

/** protobufjs types for messages we pack into `google.protobuf.Any` (BatchAppend error details). */
let detailRoot: import('protobufjs').Root | undefined;

export function encodeDetail(typeName: string, value: Record<string, unknown>): { type_url: string; value: Buffer } {
  if (!detailRoot) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const protobuf = require('protobufjs') as typeof import('protobufjs');
    // keepCase: our messages use the .proto's snake_case names, as on the gRPC side.
    detailRoot = new protobuf.Root().loadSync(path.join(protosDir(), 'shared.proto'), { keepCase: true });
  }
  const type = detailRoot.lookupType(typeName);
  return { type_url: DETAIL_TYPE_URL_PREFIX + typeName, value: Buffer.from(type.encode(type.fromObject(value)).finish()) };
}
