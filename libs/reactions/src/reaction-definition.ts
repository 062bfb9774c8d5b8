/**
 * What a reaction is (ADR 0017): a name, a version, and one pure function per event type it
 * handles, from a recorded event to the commands it causes. The runtime fills in each command's
 * metadata (who: `system` and the reaction's name; why: the source event; its idempotency key), so
 * a reaction cannot forget the key that makes its effects exactly-once.
 *
 *   export const payAccruals = defineReaction<CustodyEvent>({
 *     name: 'pay-accruals',
 *     version: 1,
 *     handlers: {
 *       ParcelDelivered: (e) => [{ type: 'AccruePay', data: { parcelId: e.data.parcelId, ... } }],
 *     },
 *   });
 */
import type { RecordedEnvelope } from '@handoff/eventstore';
import type { DomainEvent } from '@handoff/kernel';
import { handledEventTypes, subscriberIdentityProblem } from '@handoff/projections';

/** A command as a reaction states it: its type and data. Metadata is the runtime's. */
export interface ReactionCommand {
  type: string;
  data: object;
  /** The time the command states for its fact; by default the source event's `occurredAt`. */
  occurredAt?: string;
  /**
   * Issue it only once every earlier source event's commands are done (whatever their streams), so
   * what it appends lands in `$all` after all their effects. For a command that sums them up (a
   * courier's loop topped up from the deliveries priced before its end). Costs the pipeline a pause.
   */
  afterEarlierEvents?: boolean;
}

export type ReactionHandler<E extends DomainEvent> = (event: RecordedEnvelope<E>) => ReactionCommand[];

export type ReactionHandlers<E extends DomainEvent> = {
  [T in E['type']]?: ReactionHandler<Extract<E, { type: T }>>;
};

export interface ReactionDefinition<E extends DomainEvent = DomainEvent> {
  /** Lowercase words and dashes; names its lease, checkpoint, actor id and idempotency keys. */
  name: string;
  /**
   * A positive integer. Bumping it starts the new version from the beginning of `$all` with its
   * own checkpoint: its keys are new (`<name>@v<version>:…`), so it acts again on every event.
   * Do that only for a reaction whose commands are safe to issue again; otherwise keep the version
   * and let a new reaction handle the new behaviour from now on.
   */
  version: number;
  handlers: ReactionHandlers<E>;
}

export class ReactionDefinitionError extends Error {
  readonly code = 'REACTIONS.INVALID_DEFINITION';
  constructor(name: string, detail: string) {
    super(`reaction "${name}": ${detail}`);
    this.name = 'ReactionDefinitionError';
  }
}

export function defineReaction<E extends DomainEvent>(definition: ReactionDefinition<E>): ReactionDefinition<E> {
  const types = reactedEventTypes(definition);
  const identity = subscriberIdentityProblem(definition.name, definition.version, types);
  if (identity) throw new ReactionDefinitionError(definition.name, identity);
  if (types.length === 0) throw new ReactionDefinitionError(definition.name, 'it must handle at least one event type');
  return definition;
}

export const reactedEventTypes = (definition: ReactionDefinition<any>): string[] => handledEventTypes(definition);

/** `<name>@v<version>`: the reaction's lease, its checkpoint record, and the prefix of its keys. */
export const reactionId = (definition: Pick<ReactionDefinition, 'name' | 'version'>): string => `${definition.name}@v${definition.version}`;

/** The idempotency key of the `index`-th command caused by one source event (ADR 0017). */
export const reactionKey = (definition: Pick<ReactionDefinition, 'name' | 'version'>, sourceEventId: string, index: number): string => `${reactionId(definition)}:${sourceEventId}:${index}`;
