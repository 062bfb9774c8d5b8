/** The process's one EventStoreDBClient (see docs/adr/0001-event-store-layer.md for why one). */
export const EVENTSTORE_CLIENT = Symbol('EVENTSTORE_CLIENT');
export const EVENTSTORE_OPTIONS = Symbol('EVENTSTORE_OPTIONS');
