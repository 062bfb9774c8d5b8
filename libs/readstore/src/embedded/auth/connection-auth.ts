/**
 * Authentication on one connection, as mongod does it with its users: the handshake commands are
 * answered to anyone; every other command requires a completed SCRAM-SHA-256 conversation on this
 * connection (saslStart/saslContinue, or speculatively inside `hello`), else code 13.
 */
import { Binary } from 'bson';
import { commandError } from '../errors';
import { Doc } from '../query/bson-values';
import { SCRAM_SHA_256, ScramConversation, ScramFailure, ScramUser } from './scram-sha-256';

/** Commands mongod answers before authentication (their `requiresAuth()` is false). */
const OPEN_COMMANDS = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo', 'saslStart', 'saslContinue', 'connectionStatus']);

const CONVERSATION_ID = 1;

export type UserLookup = (db: string, user: string) => ScramUser | undefined;

const authenticationFailed = () => commandError('AuthenticationFailed', 'Authentication failed.');

export class ConnectionAuth {
  private user: { user: string; db: string } | undefined;
  private conversation: { scram: ScramConversation; skipEmptyExchange: boolean; finished: boolean } | undefined;

  constructor(private readonly lookup: UserLookup) {}

  /** Throws mongod's Unauthorized unless `command` may run on this connection now. */
  check(command: string): void {
    if (this.user === undefined && !OPEN_COMMANDS.has(command)) {
      throw commandError('Unauthorized', `command ${command} requires authentication`);
    }
  }

  /** connectionStatus's `authInfo`. */
  authInfo(): Doc {
    return { authenticatedUsers: this.user ? [this.user] : [], authenticatedUserRoles: this.user ? [{ role: 'root', db: 'admin' }] : [] };
  }

  /** Fields `hello` adds: the mechanisms of the user named in `saslSupportedMechs`, and the speculative first step. */
  helloFields(body: Doc): Doc {
    const fields: Doc = {};
    if (typeof body.saslSupportedMechs === 'string') {
      const [db, ...name] = body.saslSupportedMechs.split('.');
      if (this.lookup(db!, name.join('.'))) fields.saslSupportedMechs = [SCRAM_SHA_256];
    }
    const speculative = body.speculativeAuthenticate as Doc | undefined;
    if (speculative && typeof speculative === 'object' && typeof speculative.db === 'string') {
      // a failed speculative attempt is left out of the answer: the driver then runs saslStart itself
      try {
        fields.speculativeAuthenticate = this.saslStart(speculative, speculative.db);
      } catch {
        this.conversation = undefined;
      }
    }
    return fields;
  }

  saslStart(body: Doc, db: string): Doc {
    if (body.mechanism !== SCRAM_SHA_256) {
      throw commandError('MechanismUnavailable', `Received authentication for mechanism ${String(body.mechanism)} which is unknown or not enabled`);
    }
    try {
      const scram = ScramConversation.start(payloadText(body.payload), (name) => this.lookup(db, name));
      const options = body.options as Doc | undefined;
      this.conversation = { scram, skipEmptyExchange: options?.skipEmptyExchange === true, finished: false };
      return { conversationId: CONVERSATION_ID, done: false, payload: new Binary(Buffer.from(scram.serverFirst)), ok: 1 };
    } catch (error) {
      throw error instanceof ScramFailure ? authenticationFailed() : error;
    }
  }

  saslContinue(body: Doc): Doc {
    const conversation = this.conversation;
    if (!conversation || body.conversationId !== CONVERSATION_ID) {
      throw commandError('ProtocolError', 'No SASL session state found');
    }
    if (conversation.finished) {
      // the empty exchange a client that did not ask to skip it sends last
      this.conversation = undefined;
      return { conversationId: CONVERSATION_ID, done: true, payload: new Binary(Buffer.alloc(0)), ok: 1 };
    }
    let serverFinal: string;
    try {
      serverFinal = conversation.scram.finish(payloadText(body.payload));
    } catch (error) {
      this.conversation = undefined;
      throw error instanceof ScramFailure ? authenticationFailed() : error;
    }
    this.user = conversation.scram.userName;
    conversation.finished = true;
    if (conversation.skipEmptyExchange) this.conversation = undefined;
    return { conversationId: CONVERSATION_ID, done: conversation.skipEmptyExchange, payload: new Binary(Buffer.from(serverFinal)), ok: 1 };
  }
}

function payloadText(payload: unknown): string {
  if (payload instanceof Binary) return Buffer.from(payload.buffer.subarray(0, payload.position)).toString('utf8');
  if (payload instanceof Uint8Array) return Buffer.from(payload).toString('utf8');
  if (typeof payload === 'string') return payload;
  throw commandError('BadValue', 'payload must be binary data');
}
