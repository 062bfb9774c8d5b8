import { createHash } from 'node:crypto';
import { HttpException, HttpStatus, UnprocessableEntityException } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import type { AuthenticatedActor } from '../auth/actor';
import { canonicalize } from '../tamper-evidence';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';
const POSITION_HEADER = 'x-handoff-position';
const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;
const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface IdempotencyRecord {
  /** `<actor key id>:<Idempotency-Key>`: the same key from two callers is two requests. */
  _id: string;
  requestHash: string;
  state: 'pending' | 'done';
  status?: number;
  body?: unknown;
  position?: string;
  createdAt: string;
}

/** One HTTP command as idempotency sees it: who asked, what exactly, and where the answer goes. */
export interface HttpCommandExchange {
  actor?: AuthenticatedActor;
  request: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body?: unknown };
  reply: { header(name: string, value: string): unknown; getHeader?(name: string): unknown };
  /** The status the endpoint answers when the command succeeds (kept with the answer). */
  successStatus: number;
}

/**
 * `Idempotency-Key` on commands (POST/PUT/PATCH/DELETE): the first request's answer (status, body,
 * `X-Handoff-Position`) is stored with a hash of the request; a repeat by the same caller gets that
 * answer again and runs nothing, so nothing is appended twice. The same key with another request
 * is refused (422); one still running answers 409. Failed requests are not remembered: they
 * appended nothing and may be retried with the same key. Without the header a command just runs.
 */
export class IdempotentRequests {
  private readonly records: Collection<IdempotencyRecord>;

  constructor(db: Db) {
    this.records = db.collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION);
  }

  /** Runs `command` for this exchange at most once per (API key, Idempotency-Key). */
  async run<T>(exchange: HttpCommandExchange, command: () => Promise<T>): Promise<T> {
    const { request, reply, actor } = exchange;
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || !actor || !COMMAND_METHODS.has(request.method)) return command();
    const key = Array.isArray(header) ? header[0]! : header;
    if (!KEY_FORMAT.test(key)) {
      throw new HttpException({ code: 'IDEMPOTENCY.INVALID_KEY', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters.' }, HttpStatus.BAD_REQUEST);
    }
    const id = `${actor.keyId}:${key}`;
    const previous = await this.claim(id, hashRequest(request));
    if (previous) {
      if (previous.position) reply.header(POSITION_HEADER, previous.position);
      reply.header('idempotent-replayed', 'true');
      return previous.body as T;
    }
    let body: T;
    try {
      body = await command();
    } catch (error) {
      await this.records.deleteOne({ _id: id, state: 'pending' });
      throw error;
    }
    await this.complete(id, exchange.successStatus, body, reply.getHeader?.(POSITION_HEADER));
    return body;
  }

  /** Null when this request is the first with the key (and now owns it); else the stored answer. */
  private async claim(id: string, requestHash: string): Promise<IdempotencyRecord | null> {
    try {
      await this.records.insertOne({ _id: id, requestHash, state: 'pending', createdAt: new Date().toISOString() });
      return null;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const existing = await this.records.findOne({ _id: id });
    if (!existing) return this.claim(id, requestHash);
    if (existing.requestHash !== requestHash) {
      throw new UnprocessableEntityException({
        code: 'IDEMPOTENCY.KEY_REUSED',
        message: 'This Idempotency-Key was already used for a different request.',
      });
    }
    if (existing.state === 'pending') {
      throw new HttpException({ code: 'IDEMPOTENCY.IN_PROGRESS', message: 'A request with this Idempotency-Key is still being processed.' }, HttpStatus.CONFLICT);
    }
    return existing;
  }

  private async complete(id: string, status: number, body: unknown, position: unknown): Promise<void> {
    const set: Partial<IdempotencyRecord> = { state: 'done', status, body: body ?? null };
    if (typeof position === 'string') set.position = position;
    await this.records.updateOne({ _id: id }, { $set: set });
  }
}

function hashRequest(request: { method: string; url: string; body?: unknown }): string {
  let body: string;
  try {
    body = canonicalize(request.body ?? null);
  } catch {
    body = JSON.stringify(request.body ?? null);
  }
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}
