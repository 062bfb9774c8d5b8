import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreModule } from '@handoff/eventstore';
import { Module } from '@nestjs/common';
import { type ProjectionDefinition, ProjectionsModule } from '@handoff/projections';
import { type Clock, SharedModule, loadConfig } from '@handoff/shared';
import { MongoClient } from 'mongodb';
import { ApiModule } from '../../../apps/api/src/api.module';
import { ReactorModule } from '../../../apps/projector/src/reactions/reactor.module';
import { ProjectionRuntimeHost } from '../../../apps/projector/src/projections/projection-runtime.host';
import { ReactionStatusReader } from '@handoff/reactions';
import { eventually } from '../../support/eventually';
import { BOOTSTRAP_KEY_SINK } from '../../../apps/api/src/auth/bootstrap-admin-key';
import { HTTP_APP_OPTIONS, createFastifyAdapter, prepareHttpApp } from '../../../apps/api/src/http-app';
import { startTestEventStore } from '../../support/embedded-event-store.fixture';
import { startTestReadStore } from './embedded-read-store.fixture';

export interface CustodyApi {
  url: string;
  /** The Nest application, to read what a process exposes beside HTTP (its metrics registry). */
  app: NestFastifyApplication;
  adminKey: string;
  /** A raw client of the event store, to check what was (not) appended. */
  events: EventStoreDBClient;
  mongo: MongoClient;
  call(method: string, path: string, options?: { key?: string; body?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> }): Promise<HttpAnswer>;
  /** How many events `$all` holds right now (non-system): "nothing was appended" is this number not moving. */
  countEvents(): Promise<number>;
  /** Waits until every reaction has acted on every event so far (its checkpoint is past them): their effects are in. */
  reactionsSettled(): Promise<void>;
  /** Issues one API key per name with the admin key (each must be 201): `{ coordinator: { role, participantId, hubId } }` → `{ coordinator: 'hk_…' }`. */
  issueKeys(grants: Record<string, object>): Promise<Record<string, string>>;
  dispose(): Promise<void>;
}

/** The projector's runtime host alone, for the projections a test passes. */
@Module({ providers: [ProjectionRuntimeHost] })
class ProjectionRunnerModule {}

export interface HttpAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/**
 * The API as it runs in production (ApiModule with CustodyModule, on Fastify, over real HTTP)
 * with the reactions the projector runs beside it (ReactorModule: hub-cycle intake, ADR 0020),
 * on both embedded servers, with the bootstrap admin key captured instead of logged. A test that
 * moves time passes its own clock; `env` sets configuration (rate limits, timeouts, key
 * lifetimes) as the environment would; `projections` are run beside, as the projector runs them,
 * for a test that reads their read models over HTTP.
 */
export async function startCustodyApi(options: { clock?: Clock; env?: Record<string, string>; projections?: ProjectionDefinition<any>[] } = {}): Promise<CustodyApi> {
  const [eventStore, readStore] = await Promise.all([startTestEventStore(), startTestReadStore()]);
  let adminKey = '';
  const keyringDir = await mkdtemp(path.join(os.tmpdir(), 'handoff-keyring-'));
  const config = loadConfig({ ...options.env, EVENTSTORE_CONNECTION_STRING: eventStore.connectionString, MONGODB_URI: readStore.uri, LOG_LEVEL: 'fatal', HANDOFF_KEYRING_DIR: keyringDir });
  const moduleRef = await Test.createTestingModule({
    imports: [
      SharedModule.forRoot({ config, clock: options.clock }),
      EventStoreModule.forRoot({ connectionString: eventStore.connectionString }),
      ProjectionsModule.forRoot({ mongodbUri: readStore.uri, projections: options.projections ?? [] }),
      CqrsModule.forRoot(),
      ApiModule,
      ReactorModule,
      ...(options.projections ? [ProjectionRunnerModule] : []),
    ],
  })
    .overrideProvider(BOOTSTRAP_KEY_SINK)
    .useValue((key: string) => (adminKey = key))
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config.http), { ...HTTP_APP_OPTIONS, logger: false });
  await prepareHttpApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const events = EventStoreDBClient.connectionString(eventStore.connectionString);
  const mongo = new MongoClient(readStore.uri);

  const call: CustodyApi['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  const countEvents = async () => {
    let count = 0;
    for await (const resolved of events.readAll({ maxCount: 1_000_000 })) if (resolved.event && !resolved.event.type.startsWith('$')) count += 1;
    return count;
  };

  const reactionsSettled = async () => {
    let last: unknown;
    await eventually(
      'the reactions to catch up',
      async () => {
        const reactions = await app.get(ReactionStatusReader).all();
        last = reactions.map(({ name, state, lag, error, refused }) => ({ name, state, lag, error, refused }));
        return reactions.every((reaction) => reaction.lag.events === 0);
      },
      10_000,
      50,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(last)}`);
    });
  };

  const issueKeys = async (grants: Record<string, object>) => {
    const keys: Record<string, string> = {};
    for (const [name, grant] of Object.entries(grants)) {
      const issued = await call('POST', '/api-keys', { key: adminKey, body: grant });
      if (issued.status !== 201) throw new Error(`issuing ${name}'s key answered ${issued.status}: ${JSON.stringify(issued.body)}`);
      keys[name] = issued.body.apiKey;
    }
    return keys;
  };

  return {
    url,
    app,
    adminKey,
    events,
    mongo,
    call,
    countEvents,
    reactionsSettled,
    issueKeys,
    dispose: async () => {
      await app.close();
      await events.dispose().catch(() => undefined);
      await mongo.close().catch(() => undefined);
      await Promise.all([eventStore.dispose(), readStore.dispose(), rm(keyringDir, { recursive: true, force: true })]);
    },
  };
}
