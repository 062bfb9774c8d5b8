import { Module } from '@nestjs/common';
import { WaiversHttpController } from './commands/waivers.http.controller';
import { WaiverCoverageHttpController } from './waiver-coverage/waiver-coverage.http.controller';
import { WaiversCommandsModule } from './waivers-commands.module';

/**
 * The waivers context over HTTP: template and signature routes (each a command on the one
 * dispatcher) and coverage, answered from the write side, over WaiversCommandsModule. The
 * composition (libs/catalog) binds WAIVER_SIGNERS and answers custody's WAIVER_COVERAGE with this
 * context's WaiverCoverageFromSignatures.
 */
@Module({
  imports: [WaiversCommandsModule],
  controllers: [WaiversHttpController, WaiverCoverageHttpController],
  exports: [WaiversCommandsModule],
})
export class WaiversModule {}
