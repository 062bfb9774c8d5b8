/**
 * Read-your-writes through HTTP: a command answers with the `$all` position it appended at, and a
 * query carrying it waits for the projection, or answers 503 with the lag, never stale data.
 */
import { Controller, Get, Module, Param, Post, Res } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventStore, EventStoreModule } from '@handoff/eventstore';
import {
  type HttpReplyLike,
  POSITION_HEADER,
  ProjectionRuntime,
  ProjectionsModule,
  ProjectionStore,
  ReadModels,
  ReadsProjections,
  reportPosition,
  STREAM_SUMMARIES,
  streamSummariesProjection,
} from '@handoff/projections';
import { loadConfig, SharedModule } from '@handoff/shared';
import { ProblemDetailsHttpFilter } from '../../apps/api/src/http/problem-details.http-filter';
import { ReadSide, startReadSide, waitUntil } from './support/read-side.fixture';
import { runtimeOn } from './runtime-support';

jest.setTimeout(60_000);

const projection = streamSummariesProjection({ eventTypes: ['TestItemRecorded'], name: 'test-summaries' });

@Controller('items')
class ItemsTestController {
  constructor(
    private readonly eventStore: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  @Post(':id')
  async record(@Param('id') id: string, @Res({ passthrough: true }) reply: HttpReplyLike) {
    const outcome = await this.eventStore.append(`item-${id}`, [{ type: 'TestItemRecorded', data: { id } }], {
      expectedRevision: 'any' as never,
      context: { correlationId: id, causationId: id, actor: { kind: 'system', id: 'test' } },
    });
    return reportPosition(reply, { id, position: outcome.position });
  }

  /** A read model whose projection no projector has registered yet (none runs it here). */
  @Get('not-projected-yet')
  async notProjectedYet() {
    return (await this.readModels.collection('not-started', STREAM_SUMMARIES)).findOne({});
  }

  @Get(':id')
  @ReadsProjections('test-summaries')
  async summary(@Param('id') id: string) {
    const summaries = await this.readModels.collection('test-summaries', STREAM_SUMMARIES);
    return (await summaries.findOne({ _id: `item-${id}` } as never)) ?? { missing: true };
  }
}

describe('read-your-writes', () => {
  let side: ReadSide;
  let app: NestFastifyApplication;
  let url: string;
  let runtime: ProjectionRuntime;

  beforeAll(async () => {
    side = await startReadSide();
    const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: side.eventStore.connectionString, MONGODB_URI: side.readStore.uri });
    @Module({
      imports: [SharedModule.forRoot({ config }), EventStoreModule.forRoot(), ProjectionsModule.forRoot({ mongodbUri: side.readStore.uri, projections: [projection], readYourWritesTimeoutMs: 400 })],
      controllers: [ItemsTestController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsHttpFilter }],
    })
    class TestApp {}
    app = await NestFactory.create<NestFastifyApplication>(TestApp, new FastifyAdapter({ forceCloseConnections: true }), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    runtime = runtimeOn(side, [projection]);
    runtime.start();
    // the 400 ms the queries wait is for the projection to follow, not for the projector to start
    const store = new ProjectionStore(side.db);
    await waitUntil('the projection to be running', async () => (await store.findTrack(projection.name, 1))?.caughtUp);
  });
  afterAll(async () => {
    await runtime?.stop();
    await app?.close();
    await side?.dispose();
  });

  const post = (id: string) => fetch(`${url}/items/${id}`, { method: 'POST' });
  const get = (id: string, position?: string) => fetch(`${url}/items/${id}`, { headers: position ? { [POSITION_HEADER]: position } : {} });

  it('answers a command with its position (header and body), and a query with that position sees the write', async () => {
    for (let i = 0; i < 5; i++) {
      const command = await post(`a${i}`);
      expect(command.status).toBe(201);
      const position = command.headers.get(POSITION_HEADER)!;
      expect(position).toMatch(/^\d+(:\d+)?$/);
      expect(await command.json()).toEqual({ id: `a${i}`, position });
      const query = await get(`a${i}`, position);
      expect(query.status).toBe(200);
      expect(await query.json()).toEqual(expect.objectContaining({ _id: `item-a${i}`, eventCount: 1 }));
    }
    // the query parameter works as well as the header
    const command = await post('a0');
    const position = command.headers.get(POSITION_HEADER)!;
    const query = await fetch(`${url}/items/a0?position=${position}`);
    expect(await query.json()).toEqual(expect.objectContaining({ eventCount: 2 }));
  });

  it('answers 503 (not 500) for a read model no projector has registered yet', async () => {
    const query = await fetch(`${url}/items/not-projected-yet`);
    expect(query.status).toBe(503);
    expect(await query.json()).toEqual(expect.objectContaining({ status: 503, code: 'PROJECTIONS.UNKNOWN_READ_MODEL', detail: expect.stringContaining('not-started') }));
  });

  it('answers 503 with the lag when the projection does not reach the position in time, and never the stale document', async () => {
    await runtime.stop();
    const command = await post('b1');
    const position = command.headers.get(POSITION_HEADER)!;
    const started = Date.now();
    const query = await get('b1', position);
    expect(query.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(await query.json()).toEqual(
      expect.objectContaining({
        status: 503,
        code: 'PROJECTIONS.LAGGING',
        position,
        lagging: [expect.objectContaining({ projection: 'test-summaries', lagEvents: 1, lagSeconds: expect.any(Number) })],
      }),
    );
    // Without a position the query answers at once from what is projected (no promise was asked for).
    expect((await get('b1')).status).toBe(200);

    // Once a projector follows again, the same query answers with the document. Starting one (its
    // thread, lease and subscription) may itself take longer than one 400 ms wait on a loaded
    // machine, so the query is asked again until then; every answer before is a 503, never stale.
    runtime = runtimeOn(side, [projection]);
    runtime.start();
    let caughtUp = await get('b1', position);
    for (const deadline = Date.now() + 10_000; caughtUp.status === 503 && Date.now() < deadline; caughtUp = await get('b1', position)) {
      expect(await caughtUp.json()).toEqual(expect.objectContaining({ code: 'PROJECTIONS.LAGGING' }));
    }
    expect(caughtUp.status).toBe(200);
    expect(await caughtUp.json()).toEqual(expect.objectContaining({ _id: 'item-b1', eventCount: 1 }));
  });

  it('does not wait on events the projection does not handle', async () => {
    const other = await side.client.appendToStream('other-1', [
      { id: '6f1c0a3e-0000-4000-8000-000000000001', type: 'SomethingElse', contentType: 'application/json', data: {}, metadata: undefined } as never,
    ]);
    const started = Date.now();
    const query = await get('a1', String(other.position!.commit));
    expect(query.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('refuses a malformed position with 400', async () => {
    const query = await get('a1', 'yesterday');
    expect(query.status).toBe(400);
    expect(await query.json()).toEqual(expect.objectContaining({ code: 'PROJECTIONS.INVALID_POSITION' }));
  });
});
