import { Module } from '@nestjs/common';
import { WaiversHttpController } from './commands/waivers.http.controller';
import { WaiverCoverageHttpController } from './read-models/waiver-coverage/waiver-coverage.http.controller';
import { WaiverCoverageQueries } from './read-models/waiver-coverage/waiver-coverage.queries';
import { WaiversCommandsModule } from './waivers-commands.module';

/**
 * The waivers context over HTTP: template and signature routes (each a command on the one
 * dispatcher) and coverage queries, answered from the `waiver-coverage` read model, over
 * WaiversCommandsModule. The composition (libs/catalog) binds WAIVER_SIGNERS and answers custody's
 * WAIVER_COVERAGE with this context's WaiverCoverageFromSignatures, on the write side.
 */
@Module({
  imports: [WaiversCommandsModule],
  controllers: [WaiversHttpController, WaiverCoverageHttpController],
  providers: [WaiverCoverageQueries],
  exports: [WaiversCommandsModule],
})
export class WaiversModule {}
