/**
 * Every projection Handoff runs. The api reads their status and waits on them (read-your-writes),
 * the projector runs them, the cli rebuilds and skips for them: all from this one list.
 * Contexts add theirs here (issue 4: custody read models).
 */
import { custodyProjections } from '@handoff/custody/read-models/custody-projections';
import { ProjectionDefinition, streamSummariesProjection } from '@handoff/projections';

/** The parcel custody events (libs/custody's published language), by their stored type strings. */
export const PARCEL_EVENT_TYPES = [
  'ParcelRegistered',
  'ParcelReceivedAtHub',
  'ParcelSorted',
  'ParcelHandoffOffered',
  'ParcelHandoffAccepted',
  'ParcelHandoffDeclined',
  'ParcelHandoffWithdrawn',
  'ParcelDeliveryAttemptFailed',
  'ParcelDelivered',
  'ParcelReturnedToDepot',
  'ParcelReturnedToSender',
  'ParcelReportedDamaged',
  'ParcelReportedLost',
  'ParcelReportedStolen',
];

export const PROJECTIONS: ProjectionDefinition<any>[] = [streamSummariesProjection({ eventTypes: PARCEL_EVENT_TYPES }), ...custodyProjections];
