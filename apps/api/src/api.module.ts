import { Module, Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HealthHttpController } from './health/health.http.controller';
import { DomainErrorHttpFilter } from './http/domain-error.http-filter';

const httpFilters: Provider[] = [{ provide: APP_FILTER, useClass: DomainErrorHttpFilter }];

/**
 * The HTTP API. Expects the process's root module to provide SharedModule, EventStoreModule and
 * CqrsModule once (see api-app.module.ts and src/all-in-one.module.ts).
 */
@Module({
  controllers: [HealthHttpController],
  providers: [...httpFilters],
})
export class ApiModule {}
