import { Module } from '@nestjs/common';
import { COMMAND_MODULES, REACTIONS } from '@handoff/catalog';
import { REACTION_DEFINITIONS, ReactionRuntimeHost } from './reaction-runtime.host';

/**
 * The reactor: every catalogued reaction (ADR 0017), its commands decided by the contexts' command
 * modules, so by the same handlings as the api's. Part of the projector; expects SharedModule,
 * EventStoreModule and ProjectionsModule (for the MongoDB database) from the root module.
 */
@Module({
  imports: [...COMMAND_MODULES],
  providers: [{ provide: REACTION_DEFINITIONS, useValue: REACTIONS }, ReactionRuntimeHost],
})
export class ReactorModule {}
