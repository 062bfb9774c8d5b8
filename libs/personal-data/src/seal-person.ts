import type { PersonalDataEnvelope } from '@handoff/kernel';
import type { PersonalDataVault } from './personal-data-vault';
import type { RecipientPersonalData } from './recipient-personal-data';

/** Seals a person's details (name, address, phone) under their own subject key: only ciphertext goes on. */
export const sealPerson = (vault: PersonalDataVault, subjectId: string, person: RecipientPersonalData): Promise<PersonalDataEnvelope> =>
  vault.seal(subjectId, {
    name: person.name,
    address: { lines: [...person.address.lines], locality: person.address.locality, postalCode: person.address.postalCode, countryCode: person.address.countryCode },
    phone: person.phone,
  });
