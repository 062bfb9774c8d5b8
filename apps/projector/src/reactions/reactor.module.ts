import { Module } from '@nestjs/common';
import { ContextCommandsModule, REACTIONS } from '@handoff/catalog';
import { REACTION_DEFINITIONS, ReactionRuntimeHost } from './reaction-runtime.host';

/**
 * The reactor: every catalogued reaction (ADR 0017), its commands decided by the contexts' write sides
 * (ContextCommandsModule), so by the same handlings as the api's. Part of the projector; expects SharedModule,
 * EventStoreModule and ProjectionsModule (for the MongoDB database) from the root module.
 */
@Module({
  imports: [ContextCommandsModule],
  providers: [{ provide: REACTION_DEFINITIONS, useValue: REACTIONS }, ReactionRuntimeHost],
})
export class ReactorModule {}
