import type { DomainEvent } from '@handoff/kernel';

/**
 * The record that a data subject's personal data was erased (crypto-shredded), on the subject's
 * own stream `datasubject-<id>`. The ciphertext in parcel events stays (and so do their hashes);
 * this event tells read models and auditors that it can no longer be opened, and since when.
 */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { subjectId: string; shreddedAt: string; erasedAt: string }>;

export interface RecordPersonalDataErasure {
  type: 'RecordPersonalDataErasure';
  subjectId: string;
  /** When the key was destroyed (the key store's record). */
  shreddedAt: string;
  erasedAt: string;
}

export type DataSubject = { status: 'unknown' } | { status: 'erased'; subjectId: string; shreddedAt: string };

export const dataSubjectEventSchemaVersions = { PersonalDataErased: 1 } as const satisfies Record<PersonalDataErased['type'], number>;

export const dataSubjectDecider = {
  initialState: (): DataSubject => ({ status: 'unknown' }),
  evolve: (_state: DataSubject, event: PersonalDataErased): DataSubject => ({ status: 'erased', subjectId: event.data.subjectId, shreddedAt: event.data.shreddedAt }),
  /** Erasing twice records once: the second request finds the subject already erased. */
  decide: (command: RecordPersonalDataErasure, state: DataSubject): PersonalDataErased[] =>
    state.status === 'erased' ? [] : [{ type: 'PersonalDataErased', data: { subjectId: command.subjectId, shreddedAt: command.shreddedAt, erasedAt: command.erasedAt } }],
};
