/**
 * Handshake and server-level commands, answered as a MongoDB 7.0 standalone answers them.
 * No `topologyVersion` is advertised, so drivers poll `hello` instead of streaming it.
 */
import { commandError } from '../errors';
import { MAX_BSON_OBJECT_BYTES, MAX_MESSAGE_BYTES } from '../wire/messages';
import { CommandContext, CommandHandler } from './command-context';

export const SERVER_VERSION = '7.0.14';
const MAX_WRITE_BATCH_SIZE = 100_000;

const hello =
  (legacyName: boolean): CommandHandler =>
  (ctx: CommandContext) => ({
    ...(ctx.body.helloOk ? { helloOk: true } : {}),
    ...(legacyName ? { ismaster: true } : { isWritablePrimary: true }),
    maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ...ctx.auth.helloFields(ctx.body),
    ok: 1,
  });

const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'handoff-embedded',
  versionArray: SERVER_VERSION.split('.').map(Number).concat(0),
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
  storageEngines: ['lmdb'],
  modules: [],
  javascriptEngine: 'none',
  openssl: { running: 'disabled' },
  buildEnvironment: {},
  ok: 1,
});

const refuseTransactions: CommandHandler = () => {
  throw commandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
};

export const serverCommands: Record<string, CommandHandler> = {
  hello: hello(false),
  isMaster: hello(true),
  ismaster: hello(true),
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  endSessions: () => ({ ok: 1 }),
  killSessions: () => ({ ok: 1 }),
  refreshSessions: () => ({ ok: 1 }),
  whatsmyuri: () => ({ you: '127.0.0.1', ok: 1 }),
  getCmdLineOpts: () => ({ argv: ['handoff-readstore'], parsed: {}, ok: 1 }),
  getLog: (ctx) => (ctx.body.getLog === '*' ? { names: ['startupWarnings'], ok: 1 } : { totalLinesWritten: 0, log: [], ok: 1 }),
  getParameter: (ctx) => (ctx.body.featureCompatibilityVersion !== undefined ? { featureCompatibilityVersion: { version: '7.0' }, ok: 1 } : { ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date(), hostname: '127.0.0.1', numCores: 1 }, os: { type: process.platform }, extra: {}, ok: 1 }),
  commitTransaction: refuseTransactions,
  abortTransaction: refuseTransactions,
};

/** A command carrying `startTransaction` is refused as a standalone refuses it. */
export function refuseTransactionStart(ctx: CommandContext): void {
  if (ctx.body.startTransaction !== undefined || ctx.body.autocommit !== undefined) refuseTransactions(ctx);
}
