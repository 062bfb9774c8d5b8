/**
 * Streams are `<category>-<id>` (`parcel-7f3c…`). The category is everything before the first
 * dash, which is also how EventStoreDB's `$by_category` projection splits names, so a category
 * never contains a dash while an id may (UUIDs do).
 */
const CATEGORY = /^[a-z][a-z0-9]*$/;
const ID = /^[^\s]+$/;

export type StreamCategory = 'parcel' | 'waiver' | 'dispute' | 'payout' | 'hub' | 'courier' | 'collective' | (string & {});

export class InvalidStreamNameError extends Error {
  readonly code = 'EVENTSTORE.INVALID_STREAM_NAME';

  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidStreamNameError';
  }
}

export function streamName(category: StreamCategory, id: string): string {
  checkParts(category, id);
  return `${category}-${id}`;
}

function checkParts(category: string, id: string): void {
  if (!CATEGORY.test(category)) {
    throw new InvalidStreamNameError(`stream category "${category}" must be lowercase letters and digits, starting with a letter, no dash`);
  }
  if (!ID.test(id)) throw new InvalidStreamNameError(`stream id "${id}" must be non-empty and contain no whitespace`);
}

export function parseStreamName(name: string): { category: string; id: string } {
  const dash = name.indexOf('-');
  if (dash <= 0 || dash === name.length - 1) {
    throw new InvalidStreamNameError(`"${name}" is not a <category>-<id> stream name`);
  }
  const parsed = { category: name.slice(0, dash), id: name.slice(dash + 1) };
  checkParts(parsed.category, parsed.id); // without building the name again (projections parse one per event)
  return parsed;
}

/** The `$ce-<category>` stream EventStoreDB's category projection maintains (not the embedded server). */
export function categoryStreamName(category: StreamCategory): string {
  streamName(category, 'x');
  return `$ce-${category}`;
}

export const streams = {
  parcel: (id: string) => streamName('parcel', id),
  waiver: (id: string) => streamName('waiver', id),
  dispute: (id: string) => streamName('dispute', id),
  payout: (id: string) => streamName('payout', id),
  hub: (id: string) => streamName('hub', id),
  courier: (id: string) => streamName('courier', id),
  collective: (id: string) => streamName('collective', id),
};
