/**
 * ServerFeatures.GetSupportedMethods advertises exactly what this server implements; the client
 * uses it to choose BatchAppend over Append. Everything not listed answers UNIMPLEMENTED.
 */
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { SERVER_FEATURES_SERVICE, STREAMS_SERVICE } from '../protocol/protocol';

/** The EventStoreDB version whose Streams API semantics this server follows. */
export const EMULATED_SERVER_VERSION = '24.10.0';

const SUPPORTED = [
  { service_name: STREAMS_SERVICE, method_name: 'Read', features: ['position', 'events'] },
  { service_name: STREAMS_SERVICE, method_name: 'Append', features: [] },
  { service_name: STREAMS_SERVICE, method_name: 'BatchAppend', features: [] },
  { service_name: STREAMS_SERVICE, method_name: 'Delete', features: [] },
  { service_name: STREAMS_SERVICE, method_name: 'Tombstone', features: [] },
  { service_name: SERVER_FEATURES_SERVICE, method_name: 'GetSupportedMethods', features: [] },
];

export function supportedMethodsHandler(_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): void {
  callback(null, {
    methods: SUPPORTED.map((method) => ({ ...method, method_name: method.method_name.toLowerCase(), service_name: method.service_name.toLowerCase() })),
    event_store_server_version: EMULATED_SERVER_VERSION,
  });
}
