import type { Provider, Type } from '@nestjs/common';
import { ReadModels } from '@handoff/projections';
import { CLOCK, Clock } from '@handoff/shared';
import { PersonalDataVault } from '@handoff/personal-data';
import { CustodyQueries } from '../custody-queries';
import { CustodyQueriesHttpController } from './custody-queries.http.controller';

/** The custody read side over HTTP, for CustodyModule (which provides the vault). */
export const custodyQueryControllers: Type[] = [CustodyQueriesHttpController];

export const custodyQueryProviders: Provider[] = [
  {
    provide: CustodyQueries,
    inject: [ReadModels, PersonalDataVault, CLOCK],
    useFactory: (readModels: ReadModels, vault: PersonalDataVault, clock: Clock) => new CustodyQueries(readModels, vault, clock),
  },
];
