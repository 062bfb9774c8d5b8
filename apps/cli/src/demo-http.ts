/**
 * The demo's HTTP client: the public API only, as any integrator would call it. Every request
 * waits for one of `concurrency` slots and for the run's deadline; every command carries an
 * Idempotency-Key, so a retry after a dropped connection cannot record anything twice.
 */

export interface DemoAnswer {
  status: number;
  body: any;
  position: string | null;
}

export class DemoRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly answer: DemoAnswer,
  ) {
    super(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
}

export interface DemoHttpOptions {
  url: string;
  concurrency: number;
  /** Epoch ms after which no request starts and running ones are aborted. */
  deadline: number;
}

const RETRIES = 3;

export class DemoHttp {
  requests = 0;
  readonly statuses = new Map<number, number>();
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: DemoHttpOptions) {}

  /**
   * One request, answered with one of `expected` statuses or thrown. Network errors and 5xx are
   * retried with the same Idempotency-Key (the server replays the first answer if it had one).
   */
  async call(key: string, method: string, path: string, body?: unknown, options: { expected?: number[]; idempotencyKey?: string } = {}): Promise<DemoAnswer> {
    const expected = options.expected ?? [200, 201];
    for (let attempt = 1; ; attempt += 1) {
      let answer: DemoAnswer;
      try {
        answer = await this.withSlot(() => this.send(key, method, path, body, options.idempotencyKey));
      } catch (error) {
        if (attempt >= RETRIES || this.pastDeadline()) throw this.explain(method, path, error);
        continue;
      }
      // A 5xx, or a write that lost its races (nothing was appended either way), is worth another try.
      const retriable = answer.status >= 500 || answer.body?.code === 'EVENTSTORE.CONCURRENCY_CONFLICT';
      if (retriable && attempt < RETRIES && !this.pastDeadline()) continue;
      if (!expected.includes(answer.status)) throw new DemoRequestError(method, path, answer);
      return answer;
    }
  }

  private async send(key: string, method: string, path: string, body: unknown, idempotencyKey: string | undefined): Promise<DemoAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const remaining = this.options.deadline - Date.now();
    if (remaining <= 0) throw new Error('the demo ran out of time (DEMO_TIMEOUT_SECONDS)');
    this.requests += 1;
    const response = await fetch(this.options.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(Math.min(remaining, 30_000)),
    });
    const text = await response.text();
    this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text for the error message */
    }
    return { status: response.status, body: parsed, position: response.headers.get('x-handoff-position') };
  }

  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    while (this.inFlight >= this.options.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      this.waiting.shift()?.();
    }
  }

  private pastDeadline(): boolean {
    return Date.now() >= this.options.deadline;
  }

  private explain(method: string, path: string, error: unknown): Error {
    const cause = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
    return new Error(`${method} ${this.options.url}${path} failed: ${cause} (is the server running at HANDOFF_URL=${this.options.url}?)`);
  }
}
