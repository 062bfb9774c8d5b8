/**
 * A command as plain data (ADR 0016): what a controller, a reaction, the CLI and a test all issue,
 * with no transport object attached. Deciders receive their own domain commands, built from this
 * by the context's handler definition; they never see the metadata's clock directly.
 */
export interface Command<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}

export interface CommandMetadata {
  /** Who is acting: an API key's holder, or `system` with the reaction's name as its id. */
  actor: CommandActor;
  /** The server's clock when the command was issued (UTC ISO-8601 with `Z`). */
  now: string;
  /** Shared by everything done in answer to one outside request. */
  correlationId: string;
  /** The request or event that directly caused this command. */
  causationId: string;
  /** A time the issuer states for the fact (a claim, bounded and ordered by the deciders: ADR 0008). */
  occurredAt?: string;
  /** Makes a repeat a no-op: written into every event the command appends (ADR 0017). */
  idempotencyKey?: string;
}

export interface CommandActor {
  /** `admin`, `coordinator`, `courier`, `retailer`, `insurer`, `auditor`, or `system`. */
  role: string;
  /** The participant the key was issued to, or the reaction's name for `system`. */
  id: string;
  /** A coordinator acts for this hub (re-checked against the hub's current coordinator). */
  hubId?: string;
}
