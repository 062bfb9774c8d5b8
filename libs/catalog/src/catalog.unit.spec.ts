import { UpcasterRegistry } from '@handoff/eventstore/upcasting/upcaster-registry';
import { assertSchemaVersions } from '@handoff/kernel';
import { CONSULTED_CATEGORIES, CONTEXTS, ERROR_KINDS, PROJECTIONS, REACTIONS, SCHEMA_VERSIONS, UPCASTERS } from '@handoff/catalog';

type ContextModule = new (upcasters: UpcasterRegistry) => { onModuleInit(): void };

describe('the catalogue of contexts', () => {
  it('lists custody, participants, personal data, waivers, pay and rosters, each under its library name, a context after those whose ports it asks', () => {
    expect(CONTEXTS.map((context) => context.name).sort()).toEqual(['custody', 'participants', 'pay', 'personal-data', 'rosters', 'waivers']);
    const order = CONTEXTS.map((context) => context.name);
    expect(order.indexOf('participants')).toBeLessThan(order.indexOf('waivers'));
    expect(order.indexOf('waivers')).toBeLessThan(order.indexOf('custody'));
    expect(order.indexOf('custody')).toBeLessThan(order.indexOf('pay'));
    expect(order.indexOf('participants')).toBeLessThan(order.indexOf('rosters'));
  });

  it("names every event type once across contexts, and agrees with a registry holding the contexts' upcasters (and only with one)", () => {
    const names = CONTEXTS.flatMap((context) => Object.keys(context.schemaVersions));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(SCHEMA_VERSIONS)).toHaveLength(names.length);
    expect(() => assertSchemaVersions(new UpcasterRegistry().registerSteps(UPCASTERS), SCHEMA_VERSIONS)).not.toThrow();
    expect(() => assertSchemaVersions(new UpcasterRegistry(), SCHEMA_VERSIONS)).toThrow('ParcelReceivedAtHub is v2 in the domain, v1 in the registry');
  });

  it.each(CONTEXTS.map((context) => [context.name, context] as const))('%s checks its schema versions when its module starts', (_name, context) => {
    // The write side checks, where events are written: the commands module when the context has one.
    const Module = (context.commandsModule ?? context.module) as unknown as ContextModule;
    const registry = new UpcasterRegistry();
    expect(() => new Module(registry).onModuleInit()).not.toThrow();
    const [type] = Object.keys(context.schemaVersions);
    registry.register(type!, 1, (data: object) => data);
    expect(() => new Module(registry).onModuleInit()).toThrow(`${type} is v1 in the domain, v2 in the registry`);
  });

  it('gives every refusal code one owner and a kind the exception filter can map', () => {
    const codes = CONTEXTS.flatMap((context) => Object.keys(context.errorKinds));
    expect(new Set(codes).size).toBe(codes.length);
    for (const [code, kind] of Object.entries(ERROR_KINDS)) {
      expect(code).toMatch(/^(PARCEL|PARTICIPANT|HUB_CYCLE|PERSONAL_DATA|WAIVER|PAY|ROSTER|SURGE)\.[A-Z_]+$/);
      expect(['not-found', 'conflict', 'rule-broken', 'forbidden']).toContain(kind);
    }
    expect(ERROR_KINDS['PARTICIPANT.NOT_FOUND']).toBe('not-found');
    expect(ERROR_KINDS['PERSONAL_DATA.SUBJECT_ERASED']).toBe('conflict');
    expect(ERROR_KINDS['WAIVER.NOT_SIGNER']).toBe('forbidden');
    expect(ERROR_KINDS['ROSTER.NOT_HUB_COORDINATOR']).toBe('forbidden');
    expect(ERROR_KINDS['SURGE.OFFER_LAPSED']).toBe('conflict');
  });

  it("runs every context's projections and reactions and follows the categories the contexts' commands consult", () => {
    expect(PROJECTIONS.map((projection) => projection.name)).toEqual(CONTEXTS.flatMap((context) => context.projections.map((projection) => projection.name)));
    expect(CONSULTED_CATEGORIES).toEqual(['waivertemplate', 'waiver', 'participant', 'ratecard', 'roster']);
    expect(PROJECTIONS.map((projection) => projection.name)).toEqual(expect.arrayContaining(['roster-board', 'surge-offers', 'pay-reports', 'waiver-coverage']));
    expect(REACTIONS.map((reaction) => reaction.name)).toEqual(['hub-cycle-intake', 'pay-accruals', 'pay-ledger-postings']);
  });
});
