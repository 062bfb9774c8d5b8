/**
 * The embedded MongoDB-compatible server: MongoDB's wire protocol over TCP on loopback, commands
 * run against LMDB storage (see docs/adr/0003-embedded-readstore.md).
 *
 * Hostile input costs at most its own connection: a length prefix that is too small or larger than
 * maxMessageSizeBytes closes that connection (as mongod does, since framing is lost); a message that
 * frames correctly but cannot be decoded is answered with an error and the connection stays usable.
 */
import * as net from 'node:net';
import { ensurePrivateDir, makeTreePrivate } from '@handoff/shared/process/private-files';
import { provisionServerUser } from '@handoff/shared/process/server-credentials';
import { ConnectionAuth } from './auth/connection-auth';
import { deriveScramUser, READ_STORE_USER, ScramUser } from './auth/scram-sha-256';
import { runCommand } from './commands/dispatch';
import { toCommandError } from './errors';
import { CursorRegistry } from './cursors';
import { Doc } from './query/bson-values';
import { DocumentStore, Durability } from './storage/document-store';
import { decodeCommandDocument, FramedRequest, OP_QUERY, opMsgReply, opReply, parseMessage, readHeader } from './wire/messages';
import { MessageFramer } from './wire/framing';
import { liftInlineStatements } from './wire/inline-statements';
import { toBson } from './wire/raw-bson';

export interface ReadStoreServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  durability?: Durability;
}

export interface RunningReadStoreServer {
  port: number;
  close(): Promise<void>;
}

export async function startReadStoreServer(options: ReadStoreServerOptions): Promise<RunningReadStoreServer> {
  ensurePrivateDir(options.dataDir);
  const user = await provisionServerUser(options.dataDir, READ_STORE_USER.user, (credentials) => deriveScramUser(READ_STORE_USER.db, credentials));
  const lookup = (db: string, name: string): ScramUser | undefined => (db === user.db && name === user.user ? user : undefined);
  const store = new DocumentStore({ dataDir: options.dataDir, durability: options.durability });
  makeTreePrivate(options.dataDir);
  const cursors = new CursorRegistry();
  const sockets = new Set<net.Socket>();
  let nextConnectionId = 1;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const auth = new ConnectionAuth(lookup);
    serveConnection(socket, nextConnectionId++, (request, connectionId) =>
      runCommand({
        store,
        cursors,
        connectionId,
        auth,
        body: request.body,
        rawBody: request.framed.rawBody,
        rawSequences: request.framed.rawSequences,
      }),
    );
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      cursors.closeAll();
      await store.close();
    },
  };
}

/**
 * The framed request and its decoded command. Kept as two fields rather than one spread object:
 * object spread in the per-request path made V8 keep request garbage alive across scavenges
 * (see runCommand in commands/dispatch.ts).
 */
interface DecodedRequest {
  framed: FramedRequest;
  body: Doc;
}

type Execute = (request: DecodedRequest, connectionId: number) => Buffer;

function serveConnection(socket: net.Socket, connectionId: number, execute: Execute): void {
  const framer = new MessageFramer();
  socket.on('data', (chunk: Buffer) => {
    framer.push(chunk);
    for (;;) {
      let message: Buffer | undefined;
      try {
        message = framer.next();
      } catch {
        // framing is lost: nothing after this can be trusted on this connection
        socket.destroy();
        return;
      }
      if (!message) return;
      const reply = handleMessage(message, connectionId, execute);
      if (reply && !socket.write(reply)) {
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
    }
  });
}

function handleMessage(message: Buffer, connectionId: number, execute: Execute): Buffer | undefined {
  const header = readHeader(message);
  const answer = (body: Buffer) => (header.opCode === OP_QUERY ? opReply(header.requestId, body) : opMsgReply(header.requestId, body));
  let request: DecodedRequest;
  try {
    request = decodeRequest(message);
  } catch (error) {
    return answer(toBson(toCommandError(error).toReply()));
  }
  const reply = execute(request, connectionId);
  if (request.framed.moreToCome) return undefined; // w:0: the client asked for no answer
  return answer(reply);
}

function decodeRequest(message: Buffer): DecodedRequest {
  const framed = liftInlineStatements(parseMessage(message));
  const body = decodeCommandDocument(framed.rawBody);
  if (framed.kind === 'msg') return { framed, body };
  // a legacy command may arrive wrapped as { $query: {...}, $readPreference }
  const command = body.$query && typeof body.$query === 'object' ? (body.$query as Doc) : body;
  return { framed, body: Object.assign({}, command, { $db: framed.database }) };
}
