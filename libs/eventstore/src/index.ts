export { AggregateRepository, DEFAULT_RETRY_POLICY } from './aggregates/aggregate-repository';
export { AggregateCache } from './aggregates/aggregate-cache';
export { AGGREGATE_CACHE, StreamChangeFeed } from './aggregates/stream-change-feed';
export type { CommandOutcome, RetryPolicy } from './aggregates/aggregate-repository';
export type { Decider } from '@handoff/kernel';
export { toDomainEvent } from './envelope/event-envelope';
export type { Actor, AllPosition, CommandContext, DomainEvent, EventEnvelope, EventMetadata, RecordedEnvelope } from './envelope/event-envelope';
export { EventDeserializationError, deserializeEnvelope, serializeEnvelope } from './envelope/event-serializer';
export { EventStoreModule } from './eventstore.module';
export type { EventStoreModuleOptions } from './eventstore.module';
export { ConcurrencyConflictError } from './store/concurrency-conflict.error';
export type { ExpectedStreamRevision, StreamRevision } from './store/concurrency-conflict.error';
export { EventStore, EventStoreClosedError } from './store/event-store';
export type { AppendOutcome, StreamHead, StreamRead } from './store/event-store';
export { EVENTSTORE_CLIENT } from './store/tokens';
export { InvalidStreamNameError, categoryStreamName, parseStreamName, streamName, streams } from './streams/stream-name';
export type { StreamCategory } from './streams/stream-name';
export { UnknownSchemaVersionError, UpcasterRegistrationError, UpcasterRegistry } from './upcasting/upcaster-registry';
export type { Upcaster } from './upcasting/upcaster-registry';
export { auditEvents, isChainedStream, MemoryHeadStore } from './integrity/chain-audit';
export type { HeadStore, StoredHead } from './integrity/chain-audit';
export { checkChainStep, describeFinding, hashableEvent } from './integrity/chain-check';
export type { ChainHead, ChainStep, IntegrityFinding, IntegrityProblem, Predecessor } from './integrity/chain-check';
export { IntegrityAlarm } from './integrity/integrity-alarm';
export type { FindingListener, FindingSource } from './integrity/integrity-alarm';
export { LedgerTamperedError } from './integrity/ledger-tampered.error';
export { readAllPages } from './integrity/read-all-pages';
export type { AllPage, ReadAllOptions } from './integrity/read-all-pages';
export { MongoHeadStore } from './integrity/mongo-head-store';
export { WriteBackHeadStore } from './integrity/write-back-head-store';
export {
  BACKGROUND_STATUS_ID,
  FINDINGS,
  STATUS,
  STREAM_HEADS,
  clearFindingsNotSeenSince,
  listFindings,
  readIntegritySummary,
  readVerificationStatus,
  recordFinding,
} from './integrity/integrity-records';
export type { FindingRecord, FullPassRecord, IntegritySummary, StreamHeadRecord, VerificationStatusRecord } from './integrity/integrity-records';
export { allHeadPosition, verifyAll } from './integrity/verify-all';
export type { VerifyAllOptions, VerifyAllResult } from './integrity/verify-all';
export { IntegrityFindingsRecorder, integrityFindingsRecorder } from './integrity/integrity-findings.recorder';
export { headOf, sealedEvents } from './integrity/sealed-events';
