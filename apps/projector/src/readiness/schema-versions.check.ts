import { Injectable, OnModuleInit } from '@nestjs/common';
import { SCHEMA_VERSIONS } from '@handoff/catalog';
import { UpcasterRegistry } from '@handoff/eventstore';
import { assertSchemaVersions } from '@handoff/kernel';

/**
 * The projector writes no events, but it reads every context's through the upcaster registry: a
 * registry that disagrees with the code would hand projections events in a shape they were not
 * written for. So it checks the catalogue's schema versions at start, as each context's module does
 * where events are written, and stops instead.
 */
@Injectable()
export class SchemaVersionsCheck implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  onModuleInit(): void {
    assertSchemaVersions(this.upcasters, SCHEMA_VERSIONS);
  }
}
