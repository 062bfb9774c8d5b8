import { randomUUID } from 'node:crypto';

/** Ids (event ids, correlation ids, aggregate ids) come from this port so tests can predict them. */
export interface IdGenerator {
  /** A UUID: EventStoreDB requires event ids to be UUIDs. */
  next(): string;
}

export const ID_GENERATOR = Symbol('ID_GENERATOR');

export class RandomIdGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}

/** Predictable UUIDs (`00000000-0000-4000-8000-000000000001`, …) for tests. */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  next(): string {
    this.counter += 1;
    return `00000000-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }
}
