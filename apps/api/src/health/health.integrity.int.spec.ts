/**
 * /health over HTTP shows verification and turns `degraded` (still 200) while a tampered event
 * stands, naming it; a command on the tampered stream answers 503 LEDGER.TAMPERED (issue 17 §6).
 */
import { Controller, Module, Post } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventStoreModule, integrityFindingsRecorder, LedgerTamperedError, recordFinding } from '@handoff/eventstore';
import { ProjectionsModule, READ_MODEL_DB } from '@handoff/projections';
import { loadConfig, SharedModule } from '@handoff/shared';
import { ReadSide, startReadSide } from '../../../../test/projections/support/read-side.fixture';
import { ProblemDetailsHttpFilter } from '../http/problem-details.http-filter';
import { HealthHttpController } from './health.http.controller';
import { reactionStatusProvider } from '../projections/reaction-status.provider';

jest.setTimeout(60_000);

const finding = { stream: 'parcel-p1', revision: '1', eventId: '00000000-0000-4000-8000-000000000001', position: '7', problem: 'hash-mismatch' as const, detail: 'stored hash x, recomputed y' };

@Controller('tampered')
class TamperedController {
  @Post()
  refuse() {
    throw new LedgerTamperedError(finding);
  }
}

describe('/health and the API on a tampered ledger', () => {
  let side: ReadSide;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    side = await startReadSide();
    const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: side.eventStore.connectionString, MONGODB_URI: side.readStore.uri });
    @Module({
      imports: [SharedModule.forRoot({ config }), EventStoreModule.forRoot(), ProjectionsModule.forRoot({ mongodbUri: side.readStore.uri, projections: [] })],
      controllers: [HealthHttpController, TamperedController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsHttpFilter }, integrityFindingsRecorder(READ_MODEL_DB), reactionStatusProvider([])],
    })
    class TestApp {}
    app = await NestFactory.create<NestFastifyApplication>(TestApp, new FastifyAdapter({ forceCloseConnections: true }), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await side?.dispose();
  });

  it('is ok while nothing is found, then degraded naming the tampered event', async () => {
    const before = await fetch(`${url}/health`);
    expect(before.status).toBe(200);
    expect(await before.json()).toMatchObject({ status: 'ok', integrity: { state: 'verifying', findings: 0, failures: [] } });

    await recordFinding(app.get(READ_MODEL_DB), finding, 'background');
    const after = await fetch(`${url}/health`);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ status: 'degraded', integrity: { state: 'failed', findings: 1, failures: [{ ...finding, sources: ['background'] }] } });
  });

  it('answers a command refused on a tampered stream with 503 Problem Details', async () => {
    const answer = await fetch(`${url}/tampered`, { method: 'POST' });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ status: 503, code: 'LEDGER.TAMPERED', detail: expect.stringContaining('integrity check') });
  });
});
