/** What a test reads of an answer: the status, the headers, the text, and the JSON body when there is one. */
export interface CalledAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** `call(method, route, key, body?, headers?)` against a running server, with an API key as the bearer. */
export const httpCaller =
  (url: () => string) =>
  async (method: string, route: string, key: string, body?: unknown, headers: Record<string, string> = {}): Promise<CalledAnswer> => {
    const response = await fetch(url() + route, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
  };
