import { STATUS_CODES, maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemDetails } from './problem-details';

/** What Node's HTTP parser and timers report on a connection, by error code. */
function problemFor(code: string | undefined): [status: number, code: string, detail: string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'REQUEST.HEADERS_TOO_LARGE', `The request line and headers exceed the ${maxHeaderSize} bytes the API accepts.`];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'REQUEST.TIMEOUT', 'The request was not received in time; the connection is closed.'];
  return [400, 'REQUEST.MALFORMED_HTTP', 'The request is not well-formed HTTP/1.1.'];
}

/**
 * Node's HTTP server answers some requests before Fastify (and so Nest) ever sees them: headers too
 * large (431), a request not received within the timeouts (408), anything that does not parse as
 * HTTP (400). This is Fastify's `clientErrorHandler`, run on the server's 'clientError' event, so
 * those answers are Problem Details too, written straight to the socket, which is then closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const [status, code, detail] = problemFor(error.code);
    const body = JSON.stringify(problemDetails(status, code, detail));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
