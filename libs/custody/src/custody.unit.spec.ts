import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpcasterRegistry } from '@handoff/eventstore/upcasting/upcaster-registry';
import * as custody from '@handoff/custody';
import { assertSchemaVersions, DomainError } from '@handoff/kernel';

describe('the custody context door', () => {
  it('declares schema versions that agree with the upcaster registry, and says so when they do not', () => {
    const registry = new UpcasterRegistry().registerSteps(custody.custodyUpcasters);
    expect(() => assertSchemaVersions(registry, custody.custodyEventSchemaVersions)).not.toThrow();
    expect(() => assertSchemaVersions(new UpcasterRegistry(), custody.custodyEventSchemaVersions)).toThrow('ParcelReceivedAtHub is v2 in the domain, v1 in the registry');
    expect(registry.currentVersion('ParcelHandoffAccepted')).toBe(2);
    registry.register('ParcelSorted', 1, (data: object) => data);
    expect(() => assertSchemaVersions(registry, custody.custodyEventSchemaVersions)).toThrow('ParcelSorted is v1 in the domain, v2 in the registry');
  });

  it('registers its upcasters at start (once, however many modules start it), and stops when a registered upcaster disagrees with the domain', () => {
    const registry = new UpcasterRegistry();
    expect(() => new custody.CustodyCommandsModule(registry).onModuleInit()).not.toThrow();
    expect(() => new custody.CustodyCommandsModule(registry).onModuleInit()).not.toThrow();
    expect(registry.currentVersion('ParcelReceivedAtHub')).toBe(2);
    registry.register('ParcelRegistered', 1, (data: object) => data);
    expect(() => new custody.CustodyCommandsModule(registry).onModuleInit()).toThrow('ParcelRegistered is v1 in the domain, v2 in the registry');
  });

  it('names every event type once across aggregates', () => {
    const catalogues = [custody.parcelEventSchemaVersions, custody.hubCycleEventSchemaVersions];
    const names = catalogues.flatMap((catalogue) => Object.keys(catalogue));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(custody.custodyEventSchemaVersions)).toHaveLength(names.length);
  });

  it('gives every refusal code a kind the exception filter can map', () => {
    for (const [code, kind] of Object.entries(custody.custodyErrorKinds)) {
      expect(code).toMatch(/^(PARCEL|HUB_CYCLE)\.[A-Z_]+$/);
      expect(['not-found', 'conflict', 'rule-broken']).toContain(kind);
    }
    const refusal = custody.parcelErrors.notHolder('p-1', { kind: 'courier', id: 'bo' }, { kind: 'hub', id: 'h-1' });
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).toMatchObject({ code: 'PARCEL.NOT_HOLDER', kind: 'conflict', details: { parcelId: 'p-1' } });
    expect(refusal.message).toBe('Only the holder of parcel p-1 (hub h-1) can do this, not courier bo.');
  });
});

describe('the domain stays pure', () => {
  const domainFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? domainFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

  it.each(domainFiles(join(__dirname, 'domain')).map((file) => [file.slice(file.indexOf('domain/')), file]))('%s imports no framework, driver or I/O', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/from '(@nestjs\/[^']*|mongodb|@eventstore\/db-client|node:fs|node:net|node:http)'/);
    // The event store layer pulls in Nest at runtime: domain code may only borrow its types.
    expect(source).not.toMatch(/^import (?!type )[^;]*from '@handoff\/eventstore/m);
  });
});
