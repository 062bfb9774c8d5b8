import { sameParty, type PartyRef } from '../shared/party';
import type { ParcelEvent } from './parcel.events';

/**
 * An independent reading of a parcel's events as a custody chain (test-only): who held it from
 * when to when. Written without the decider's state so property tests can hold the two against
 * each other. Any event that does not fit a single-holder, gap-free chain is a violation.
 */
export interface CustodySegment {
  holder: PartyRef;
  from: string;
  to: string | null;
}

export interface CustodyChainReading {
  segments: CustodySegment[];
  openOffers: string[];
  closed: boolean;
  violations: string[];
}

export function readCustodyChain(events: readonly ParcelEvent[]): CustodyChainReading {
  const reading: CustodyChainReading = { segments: [], openOffers: [], closed: false, violations: [] };
  const current = () => reading.segments[reading.segments.length - 1];
  const expectHolder = (party: PartyRef, event: ParcelEvent) => {
    if (!current() || !sameParty(current().holder, party)) reading.violations.push(`${event.type}: ${party.kind} ${party.id} is not the holder`);
  };
  const moveTo = (holder: PartyRef, at: string) => {
    current().to = at;
    reading.segments.push({ holder, from: at, to: null });
    reading.openOffers = [];
  };
  const close = (at: string) => {
    current().to = at;
    reading.closed = true;
    reading.openOffers = [];
  };

  for (const event of events) {
    const isReport = event.type.startsWith('ParcelReported');
    if (reading.closed && !isReport) reading.violations.push(`${event.type} after the chain closed`);
    switch (event.type) {
      case 'ParcelRegistered':
        if (reading.segments.length > 0) reading.violations.push('registered twice');
        reading.segments.push({ holder: { kind: 'retailer', id: event.data.retailerId }, from: event.data.registeredAt, to: null });
        break;
      case 'ParcelReceivedAtHub':
        expectHolder(event.data.from, event);
        moveTo({ kind: 'hub', id: event.data.hubId }, event.data.receivedAt);
        break;
      case 'ParcelReturnedToDepot':
        expectHolder(event.data.from, event);
        moveTo({ kind: 'hub', id: event.data.hubId }, event.data.returnedAt);
        break;
      case 'ParcelSorted':
        expectHolder({ kind: 'hub', id: event.data.hubId }, event);
        break;
      case 'ParcelHandoffOffered':
        expectHolder(event.data.from, event);
        reading.openOffers.push(event.data.handoffId);
        if (reading.openOffers.length > 1) reading.violations.push('two offers open at once');
        break;
      case 'ParcelHandoffAccepted':
        expectHolder(event.data.from, event);
        if (!reading.openOffers.includes(event.data.handoffId)) reading.violations.push(`accepted ${event.data.handoffId} without an open offer`);
        moveTo(event.data.to, event.data.acceptedAt);
        break;
      case 'ParcelHandoffDeclined':
      case 'ParcelHandoffWithdrawn':
        if (!reading.openOffers.includes(event.data.handoffId)) reading.violations.push(`${event.type} without an open offer`);
        reading.openOffers = reading.openOffers.filter((id) => id !== event.data.handoffId);
        break;
      case 'ParcelDeliveryAttemptFailed':
        expectHolder({ kind: 'courier', id: event.data.courierId }, event);
        break;
      case 'ParcelDelivered':
        expectHolder(event.data.deliveredBy, event);
        close(event.data.deliveredAt);
        break;
      case 'ParcelReturnedToSender':
        expectHolder(event.data.from, event);
        close(event.data.returnedAt);
        break;
      case 'ParcelReportedDamaged':
        if (!reading.closed) expectHolder(event.data.reportedBy, event);
        break;
      case 'ParcelReportedLost':
      case 'ParcelReportedStolen':
        if (!reading.closed) {
          expectHolder(event.data.reportedBy, event);
          close(event.data.reportedAt);
        }
        break;
      default: {
        const _never: never = event;
        return _never;
      }
    }
  }
  return reading;
}
