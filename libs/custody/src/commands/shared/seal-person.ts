import type { PersonalDataEnvelope } from '@handoff/kernel';
import type { PersonalDataVault } from '../../personal-data/personal-data-vault';
import type { PersonDto } from './request.dto';

/** Seals a person's details (name, address, phone) under their own subject key: only ciphertext goes on. */
export const sealPerson = (vault: PersonalDataVault, subjectId: string, person: PersonDto): Promise<PersonalDataEnvelope> =>
  vault.seal(subjectId, {
    name: person.name,
    address: { lines: [...person.address.lines], locality: person.address.locality, postalCode: person.address.postalCode, countryCode: person.address.countryCode },
    phone: person.phone,
  });
