import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** No command needs more than 5 levels; 32 leaves room while keeping every walk over a body shallow. */
export const MAX_JSON_DEPTH = 32;
/** The largest command (a parcel with its recipient) is a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Whether JSON text nests objects and arrays deeper than `limit`, found by one pass over the text
 * (brackets inside strings do not count) before anything is parsed. Every later walk over a body
 * (the proto-key stripping of Nest's ValidationPipe, class-transformer, class-validator, canonical
 * JSON) recurses, and a 2.6 KB body of 1,300 nested arrays overflowed the stack: a 500.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Fastify's own JSON parser (prototype-poisoning checks and all), behind the depth bound. Bodies
 * over MAX_BODY_BYTES never get here: Fastify answers them 413 as it reads them.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = raw as string;
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new BadRequestException({ code: 'REQUEST.TOO_DEEP', message: `The JSON body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.` }), undefined);
      return;
    }
    parse(request, body, done);
  });
}
