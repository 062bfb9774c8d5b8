import { Inject, Injectable } from '@nestjs/common';
import { custodyStreams, type ParcelEvent } from '@handoff/custody';
import { AggregateRepository, EventStore, toDomainEvent } from '@handoff/eventstore';
import { rateCardDecider } from '../domain/rate-card/rate-card.decider';
import { rateCardVersionAt, type RateCard, type RateCardVersion } from '../domain/rate-card/rate-card.state';
import { PAY_PARTIES, type PayPartyDirectory, type PayPartyFacts } from '../domain/shared/pay-parties.port';
import { payStreams, rateCardIdOf } from '../pay-streams';

/** Where a parcel's work was done, as custody's own facts say up to the priced event. */
export interface ParcelWork {
  collectiveId: string | null;
  /** The last hub that took the parcel in or sorted it; null if it never went through one. */
  hubId: string | null;
  /** The route of its last sort at a hub; null if it was never sorted. */
  routeId: string | null;
}

/**
 * Reads what pricing is judged on, each from the stream that owns it: rate cards (the pay
 * context's), participants (through PAY_PARTIES, which the participants context answers), and the
 * parcel's custody facts (custody's stream, read fresh and only up to the priced event, so a replay
 * prices the same work). No read model sits between a fact and its price.
 */
@Injectable()
export class PayRecords {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly store: EventStore,
    @Inject(PAY_PARTIES) private readonly parties: PayPartyDirectory,
  ) {}

  party(participantId: string): Promise<PayPartyFacts | null> {
    return this.parties.find(participantId);
  }

  async rateCard(rateCardId: string): Promise<RateCard> {
    return (await this.repository.load(rateCardDecider, payStreams.rateCard(rateCardId))).state;
  }

  /** The version in effect at `instant`: the hub's card, else the collective's (ADR 0026); null when neither has one in effect. */
  async rateCardAt(hubId: string | null, collectiveId: string | null, instant: string): Promise<RateCardVersion | null> {
    for (const owner of [hubId && ({ kind: 'hub', id: hubId } as const), collectiveId && ({ kind: 'collective', id: collectiveId } as const)]) {
      if (!owner) continue;
      const version = rateCardVersionAt(await this.rateCard(rateCardIdOf(owner)), instant);
      if (version) return version;
    }
    return null;
  }

  async parcelWork(parcelId: string, upToRevision: bigint): Promise<ParcelWork> {
    const { events } = await this.store.readStream<ParcelEvent>(custodyStreams.parcel(parcelId), { maxCount: Number(upToRevision) + 1 });
    const work: ParcelWork = { collectiveId: null, hubId: null, routeId: null };
    for (const recorded of events) {
      if (recorded.revision > upToRevision) break;
      const event = toDomainEvent<ParcelEvent>(recorded);
      switch (event.type) {
        case 'ParcelRegistered':
          work.collectiveId = event.data.collectiveId;
          break;
        case 'ParcelReceivedAtHub':
        case 'ParcelReturnedToDepot':
          work.hubId = event.data.hubId;
          break;
        case 'ParcelSorted':
          work.hubId = event.data.hubId;
          work.routeId = event.data.routeId;
          break;
        default:
          break;
      }
    }
    return work;
  }
}
