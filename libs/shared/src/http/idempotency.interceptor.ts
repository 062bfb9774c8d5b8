import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, NestInterceptor, UnprocessableEntityException } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Collection, Db } from 'mongodb';
import { from, Observable, of, switchMap, tap, catchError, throwError } from 'rxjs';
import { AUTH_DB } from '../auth/api-key.store';
import { ACTOR_PROPERTY } from '../auth/auth.decorators';
import type { AuthenticatedActor } from '../auth/actor';
import { canonicalize } from '../tamper-evidence';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_COLLECTION = 'idempotency_keys';
const POSITION_HEADER = 'x-handoff-position';
const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

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

/**
 * `Idempotency-Key` on commands (POST/PUT/PATCH/DELETE): the first request's answer (status, body,
 * `X-Handoff-Position`) is stored with a hash of the request; a repeat by the same caller gets that
 * answer again and runs nothing, so nothing is appended twice. The same key with another request
 * is refused (422); one still running answers 409. Failed requests are not remembered: they
 * appended nothing and may be retried with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly records: Collection<IdempotencyRecord>;

  constructor(
    @Inject(AUTH_DB) db: Db,
    private readonly reflector: Reflector,
  ) {
    this.records = db.collection<IdempotencyRecord>(IDEMPOTENCY_COLLECTION);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest();
    const reply = context.switchToHttp().getResponse();
    const header = request.headers[IDEMPOTENCY_HEADER];
    const actor: AuthenticatedActor | undefined = request[ACTOR_PROPERTY];
    if (header === undefined || !actor || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_FORMAT.test(key)) {
      throw new HttpException({ code: 'IDEMPOTENCY.INVALID_KEY', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters.' }, HttpStatus.BAD_REQUEST);
    }
    const id = `${actor.keyId}:${key}`;
    const requestHash = hashRequest(request);
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    return from(this.claim(id, requestHash)).pipe(
      switchMap((previous) => {
        if (previous) {
          if (previous.position) reply.header(POSITION_HEADER, previous.position);
          reply.header('idempotent-replayed', 'true');
          return of(previous.body);
        }
        return next.handle().pipe(
          switchMap((body) => from(this.complete(id, status, body, reply.getHeader?.(POSITION_HEADER))).pipe(switchMap(() => of(body)))),
          catchError((error) => from(this.records.deleteOne({ _id: id, state: 'pending' })).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
      tap(),
    );
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
