import { Body, Controller, Get, Module, NotFoundException, Post } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ConcurrencyConflictError } from '@handoff/eventstore';
import { DomainError } from '@handoff/kernel';
import { Metrics } from '@handoff/shared';
import { WellFormedTextPipe, requestValidationPipe } from '@handoff/shared/http';
import { ProblemDetailsHttpFilter } from './problem-details.http-filter';

class MoneyDto {
  @IsInt() @Min(0) amountMinor!: number;
  @IsString() currency!: string;
}
class ProbeDto {
  @IsString() name!: string;
  @ValidateNested() @Type(() => MoneyDto) value!: MoneyDto;
}

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
  @Get('refused')
  refused(): never {
    throw new DomainError('PARCEL.RECEIVER_NOT_ELIGIBLE', 'rule-broken', 'A volunteer may not carry a pharmaceutical parcel.');
  }
  @Get('unknown-parcel')
  unknownParcel(): never {
    throw new DomainError('PARCEL.NOT_FOUND', 'not-found', 'There is no parcel p-9.');
  }
  @Get('held')
  held(): never {
    throw new DomainError('PARCEL.NOT_HOLDER', 'conflict', 'Only the holder can do this.');
  }
  @Get('bug')
  bug(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'secret')");
  }
  @Post('echo')
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }
}

@Module({
  controllers: [ThrowingController],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsHttpFilter },
    { provide: Metrics, useValue: new Metrics({ defaultMetrics: false }) },
    { provide: APP_PIPE, useClass: WellFormedTextPipe },
    { provide: APP_PIPE, useFactory: requestValidationPipe },
  ],
})
class ProbeModule {}

describe('ProblemDetailsHttpFilter on Fastify', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  const problem = async (method: 'GET' | 'POST', url: string, payload?: string, contentType = 'application/json') => {
    const response = await app.inject({ method, url, payload, headers: payload === undefined ? {} : { 'content-type': contentType } });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    return { status: response.statusCode, body: response.json() };
  };

  it('answers 409 with the error code for a concurrency conflict', async () => {
    expect(await problem('GET', '/probe/conflict')).toEqual({
      status: 409,
      body: {
        type: 'https://handoff.dev/problems/eventstore-concurrency-conflict',
        title: 'Conflict',
        status: 409,
        detail: 'parcel-1 was changed by someone else: expected revision 3, found 4 (gave up after 4 attempts)',
        instance: '/probe/conflict',
        code: 'EVENTSTORE.CONCURRENCY_CONFLICT',
      },
    });
  });

  it('maps domain refusals by kind: not-found 404, conflict 409, rule-broken 422', async () => {
    expect(await problem('GET', '/probe/unknown-parcel')).toMatchObject({ status: 404, body: { code: 'PARCEL.NOT_FOUND', detail: 'There is no parcel p-9.' } });
    expect(await problem('GET', '/probe/held')).toMatchObject({ status: 409, body: { code: 'PARCEL.NOT_HOLDER' } });
    expect(await problem('GET', '/probe/refused')).toMatchObject({
      status: 422,
      body: { code: 'PARCEL.RECEIVER_NOT_ELIGIBLE', title: 'Unprocessable Entity', detail: 'A volunteer may not carry a pharmaceutical parcel.' },
    });
  });

  it("answers Nest's HTTP exceptions and unknown routes as problems", async () => {
    expect(await problem('GET', '/probe/missing')).toMatchObject({ status: 404, body: { detail: 'no such parcel' } });
    expect(await problem('GET', '/nowhere')).toMatchObject({ status: 404, body: { code: 'ROUTE.NOT_FOUND', instance: '/nowhere' } });
  });

  it('names every invalid and unknown field with 400', async () => {
    const { status, body } = await problem('POST', '/probe/echo', JSON.stringify({ name: 7, value: { amountMinor: -1, currency: 'EUR' }, admin: true }));
    expect(status).toBe(400);
    expect(body.code).toBe('REQUEST.INVALID');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['admin', 'name', 'value.amountMinor']);
  });

  it('refuses lone surrogates, malformed JSON, wrong content types and prototype pollution with 400', async () => {
    const surrogate = await problem('POST', '/probe/echo', '{"name":"\\ud83d","value":{"amountMinor":1,"currency":"EUR"}}');
    expect(surrogate).toMatchObject({ status: 400, body: { errors: [{ field: 'name' }] } });
    expect((await problem('POST', '/probe/echo', '{"name":')).status).toBe(400);
    expect((await problem('POST', '/probe/echo', 'name=x', 'text/plain')).status).toBe(400);
    expect((await problem('POST', '/probe/echo', '{"__proto__":{"admin":true}}')).status).toBe(400);
    expect((await problem('POST', '/probe/echo', '[1,2]')).status).toBe(400);
  });

  it('answers anything unexpected with 500 and a generic detail, never the internals', async () => {
    const { status, body } = await problem('GET', '/probe/bug');
    expect(status).toBe(500);
    expect(body).toMatchObject({ code: 'SERVER.UNEXPECTED' });
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('counts every 4xx answer by its code, and a 500 not as a refusal', async () => {
    const refusals = async () => Object.fromEntries((await app.get(Metrics).refusals.get()).values.map(({ labels, value }) => [labels.code, value]));
    const before = await refusals();
    await problem('GET', '/probe/held');
    await problem('GET', '/probe/held');
    await problem('POST', '/probe/echo', '{"name":');
    await problem('GET', '/probe/bug');
    const after = await refusals();
    const moved = Object.keys(after).filter((code) => after[code] !== before[code]);
    expect(moved.sort()).toEqual(['PARCEL.NOT_HOLDER', 'REQUEST.MALFORMED']);
    expect(after['PARCEL.NOT_HOLDER'] - (before['PARCEL.NOT_HOLDER'] ?? 0)).toBe(2);
    expect(after['REQUEST.MALFORMED'] - (before['REQUEST.MALFORMED'] ?? 0)).toBe(1);
  });
});
