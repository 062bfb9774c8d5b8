import { Module } from '@nestjs/common';
import { integrityFindingsRecorder } from '@handoff/eventstore';
import { READ_MODEL_DB } from '@handoff/projections';
import { IntegrityVerifierHost } from './integrity/integrity-verifier.host';
import { ProjectionRuntimeHost } from './projections/projection-runtime.host';
import { ReactorModule } from './reactions/reactor.module';
import { EventStoreReadiness } from './readiness/event-store-readiness';
import { SchemaVersionsCheck } from './readiness/schema-versions.check';

/**
 * The projector: runs the `$all` subscriptions that feed read models (libs/projections), one
 * projection per lease; the catalogued reactions (ReactorModule, ADR 0017), one per lease; and the
 * background hash-chain verifier (ADR 0012), under its own lease. Every context's schema versions
 * (from the catalogue) are checked against the upcasters at start. Expects the root module to
 * provide SharedModule, EventStoreModule and ProjectionsModule once.
 */
@Module({
  imports: [ReactorModule],
  providers: [SchemaVersionsCheck, EventStoreReadiness, ProjectionRuntimeHost, IntegrityVerifierHost, integrityFindingsRecorder(READ_MODEL_DB)],
})
export class ProjectorModule {}
