import * as path from 'node:path';
import { embeddedEventStoreConnectionString } from '@handoff/eventstore/embedded/launch';
import type { HandoffConfig } from '@handoff/shared';

/**
 * EVENTSTORE_CONNECTION_STRING, else the all-in-one's embedded server: TLS only, with the
 * credentials and certificate it made under `<HANDOFF_DATA_DIR>/eventstore`.
 */
export function eventStoreConnectionString(config: HandoffConfig): string {
  return config.eventStoreConnectionString ?? embeddedEventStoreConnectionString(path.join(config.dataDir, 'eventstore'), config.embeddedEventStorePort);
}
