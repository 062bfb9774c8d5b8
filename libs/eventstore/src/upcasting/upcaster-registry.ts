import type { EventMetadata } from '../envelope/event-envelope';

/** Turns the data of version `fromVersion` into the data of version `fromVersion + 1`. */
export type Upcaster = (data: any, metadata: EventMetadata) => object;

export class UpcasterRegistrationError extends Error {
  readonly code = 'EVENTSTORE.UPCASTER_REGISTRATION';

  constructor(detail: string) {
    super(detail);
    this.name = 'UpcasterRegistrationError';
  }
}

export class UnknownSchemaVersionError extends Error {
  readonly code = 'EVENTSTORE.UNKNOWN_SCHEMA_VERSION';

  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    detail: string,
  ) {
    super(`cannot read ${type} v${schemaVersion}: ${detail}`);
    this.name = 'UnknownSchemaVersionError';
  }
}

/**
 * Old event shapes are upgraded on read, one version at a time: register `(type, 1) → fn`,
 * `(type, 2) → fn`, … and a v1 event is read as v3 through both. The current version of a type
 * is one past its highest registered step (1 with none); writes are stamped with it.
 * Upcasters are pure: they see the stored data and metadata, never the clock or other events.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  register(type: string, fromVersion: number, upcast: Upcaster): this {
    if (!Number.isInteger(fromVersion) || fromVersion < 1) {
      throw new UpcasterRegistrationError(`${type}: fromVersion must be an integer ≥ 1, got ${fromVersion}`);
    }
    const forType = this.steps.get(type) ?? new Map<number, Upcaster>();
    if (forType.has(fromVersion)) throw new UpcasterRegistrationError(`${type}: an upcaster from v${fromVersion} is already registered`);
    forType.set(fromVersion, upcast);
    this.steps.set(type, forType);
    return this;
  }

  /**
   * Registers a context's steps (its definition's `upcasters`); a step already there is left alone,
   * so the composition and a context module composed alone in a test may both register them.
   */
  registerSteps(steps: readonly { type: string; fromVersion: number; upcast: (data: any) => object }[]): this {
    for (const { type, fromVersion, upcast } of steps) {
      if (!this.steps.get(type)?.has(fromVersion)) this.register(type, fromVersion, upcast as Upcaster);
    }
    return this;
  }

  currentVersion(type: string): number {
    const forType = this.steps.get(type);
    return forType && forType.size > 0 ? Math.max(...forType.keys()) + 1 : 1;
  }

  /** Returns the data at the current version; refuses versions it cannot bridge rather than guess. */
  upcast(type: string, schemaVersion: number, data: object, metadata: EventMetadata): { schemaVersion: number; data: object } {
    const current = this.currentVersion(type);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
      throw new UnknownSchemaVersionError(type, schemaVersion, 'schema versions start at 1');
    }
    if (schemaVersion > current) {
      // Written by a newer release than this one: reading it as an older shape would lose facts.
      throw new UnknownSchemaVersionError(type, schemaVersion, `this process knows versions up to ${current}`);
    }
    let upgraded = data;
    for (let version = schemaVersion; version < current; version += 1) {
      const step = this.steps.get(type)?.get(version);
      if (!step) throw new UnknownSchemaVersionError(type, schemaVersion, `no upcaster from v${version} to v${version + 1}`);
      upgraded = step(upgraded, metadata);
    }
    return { schemaVersion: current, data: upgraded };
  }
}
