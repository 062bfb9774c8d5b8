import { Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { integrityFindingsRecorder } from '@handoff/eventstore';
import { READ_MODEL_DB } from '@handoff/projections';
import { REACTIONS } from '@handoff/catalog';
import { ApiKeyGuard, AUTH_DB } from '@handoff/shared/auth';
import { WellFormedTextPipe, requestValidationPipe } from '@handoff/shared/http';
import { RequestLog } from '@handoff/shared/logging/request-log';
import { ContextsModule } from '@handoff/catalog';
import { BOOTSTRAP_KEY_SINK, BootstrapAdminKey, logBootstrapKey } from './auth/bootstrap-admin-key';
import { HealthHttpController } from './health/health.http.controller';
import { MetricsHttpController } from './metrics/metrics.http.controller';
import { MetricsScrapeGuard } from './metrics/metrics-scrape.guard';
import { ProjectionMetrics } from './metrics/projection-metrics';
import { ReactionMetrics } from './metrics/reaction-metrics';
import { VerificationMetrics } from './metrics/verification-metrics';
import { ProjectionsHttpController } from './projections/projections.http.controller';
import { reactionStatusProvider } from './projections/reaction-status.provider';
import { ProblemDetailsHttpFilter } from './http/problem-details.http-filter';

const httpPlatform: Provider[] = [
  { provide: APP_FILTER, useClass: ProblemDetailsHttpFilter },
  // Pipes run in this order: text must be valid Unicode before class-validator looks at it.
  { provide: APP_PIPE, useClass: WellFormedTextPipe },
  { provide: APP_PIPE, useFactory: requestValidationPipe },
  { provide: APP_GUARD, useClass: ApiKeyGuard },
];

/** What an operator watches: request ids and the request log, `/metrics` (docs/operations.md). */
const observability: Provider[] = [
  RequestLog,
  // Every catalogued reaction's status, beside the projections' (GET /projections, /health, /metrics).
  reactionStatusProvider(REACTIONS),
  ProjectionMetrics,
  ReactionMetrics,
  VerificationMetrics,
  MetricsScrapeGuard,
];

// ApiKeyStore comes from the participants context (through ContextsModule), which manages keys: one store, so one cache, per process.
const identity: Provider[] = [
  // API keys live in the read-model database (ProjectionsModule's), as do idempotency records.
  { provide: AUTH_DB, useExisting: READ_MODEL_DB },
  { provide: BOOTSTRAP_KEY_SINK, useValue: logBootstrapKey },
  BootstrapAdminKey,
];

/** Tampering the command path finds is recorded where /health reads it (ADR 0012). */
const integrity: Provider[] = [integrityFindingsRecorder(READ_MODEL_DB)];

/**
 * The HTTP API platform: Problem Details for every error, validation and API-key identity.
 * Command endpoints add idempotency and their `$all` position at the commands' HTTP edge. Expects
 * the process's root module to provide SharedModule, EventStoreModule, ProjectionsModule and
 * CqrsModule once (see api-app.module.ts and src/all-in-one.module.ts); contexts' endpoints come
 * from their own modules, composed by the catalogue (ContextsModule).
 */
@Module({
  imports: [ContextsModule],
  controllers: [HealthHttpController, ProjectionsHttpController, MetricsHttpController],
  providers: [...httpPlatform, ...identity, ...observability, ...integrity],
  exports: [ContextsModule, AUTH_DB],
})
export class ApiModule {}
