import type { PostalAddress } from '@handoff/kernel';

/** What we hold about a recipient (or a neighbour): only ever stored sealed in a PersonalDataEnvelope. */
export interface RecipientPersonalData {
  name: string;
  address: PostalAddress;
  phone: string;
}
