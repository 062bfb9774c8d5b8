import { Controller, Get, Module, NotFoundException } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConcurrencyConflictError } from '@handoff/eventstore';
import { DomainErrorHttpFilter } from './domain-error.http-filter';

@Controller('probe')
class ThrowingController {
  @Get('conflict')
  conflict(): never {
    throw new ConcurrencyConflictError('parcel-1', 3n, 4n, 4);
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('no such parcel');
  }
}

@Module({ controllers: [ThrowingController], providers: [{ provide: APP_FILTER, useClass: DomainErrorHttpFilter }] })
class ProbeModule {}

describe('DomainErrorHttpFilter on Fastify', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers 409 with the error code for a concurrency conflict', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      statusCode: 409,
      code: 'EVENTSTORE.CONCURRENCY_CONFLICT',
      message: 'parcel-1 was changed by someone else: expected revision 3, found 4 (gave up after 4 attempts)',
    });
  });

  it("leaves Nest's own HTTP exceptions alone", async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/missing' });
    expect(response.statusCode).toBe(404);
  });
});
