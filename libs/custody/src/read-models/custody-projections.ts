import type { ProjectionDefinition } from '@handoff/projections';
import { custodyChainProjection } from './custody-chain/custody-chain.projection';
import { hubLoadProjection } from './hub-load/hub-load.projection';
import { parcelBoardProjection } from './parcel-board/parcel-board.projection';

/** Every read model of the custody context, for the projector to run and the API to read. */
export const custodyProjections: ProjectionDefinition<any>[] = [parcelBoardProjection, custodyChainProjection, hubLoadProjection];
