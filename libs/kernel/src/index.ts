/**
 * The kernel: the vocabulary every bounded context's domain is written in. No Nest, no driver,
 * no client, no I/O, and no import of any context (enforced by the boundary rules), so a context's
 * deciders depend on this and nothing else outside themselves.
 */
export type { Decider } from './decider';
export type { DomainEvent } from './domain-event';
export { PERSONAL_DATA_ALGORITHM, PERSONAL_DATA_ENVELOPE_VERSION } from './personal-data-envelope';
export type { PersonalDataEnvelope } from './personal-data-envelope';
export { DomainError, refusalsOf } from './domain-error';
export type { DomainErrorKind } from './domain-error';
export { SchemaVersionMismatchError, assertSchemaVersions } from './schema-versions';
export type { SchemaVersionCatalogue, SchemaVersionSource, UpcastStep } from './schema-versions';
export type { Command, CommandActor, CommandMetadata } from './command';
export { isUtcInstant, isValidMoney } from './values';
export type { Money, PostalAddress } from './values';
export type { ContextDefinition } from './context-definition';
