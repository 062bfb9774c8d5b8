import type { RequestFacts } from './custody-edge';

/** A command on one existing API key, named by its key id (revoke, rotate). */
export abstract class ApiKeyCommand<Body> {
  constructor(
    readonly keyId: string,
    readonly body: Body,
    readonly facts: RequestFacts,
  ) {}
}
