/** Messages between the all-in-one and its projector thread. */

export interface ProjectorThreadData {
  /** The environment the thread's config is loaded from (with the connection strings filled in). */
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * The lease owner, the same for every thread one ProjectorThread starts: a thread started again
   * after its predecessor died (which the parent saw exit) takes that one's leases at once instead
   * of waiting for them to expire.
   */
  owner: string;
}

export type ProjectorThreadRequest = { kind: 'stop' };

export type ProjectorThreadMessage = { kind: 'log'; line: string } | { kind: 'started' } | { kind: 'stopped' } | { kind: 'failed'; error: string };
