import { rosterBoardProjection } from './roster-board/roster-board.projection';
import { surgeOffersProjection } from './surge-offers/surge-offers.projection';

/** The rosters context's read models, one per question (ADR 0028). */
export const rosterProjections = [rosterBoardProjection, surgeOffersProjection];
