import { getMetadataStorage, MetadataStorage } from 'class-validator';

type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Rules = ReturnType<Lookup>;
type Grouped = ReturnType<MetadataStorage['groupByPropertyName']>;

const INSTALLED = Symbol.for('handoff.validation-metadata-cache');

/**
 * class-validator works out a class's rules anew for every object it validates: it tests the class
 * against every decorated class of the app to find inherited rules, then filters and groups them
 * (typestack/class-validator#2686). With Handoff's DTOs that was ~20 µs of every command, nested
 * objects included. Rules are registered by decorators as classes load, so the answer for one
 * (class, schema, always, strictGroups, groups) is remembered here; registering any new rule
 * forgets every answer, so a class loaded late is never validated with stale rules.
 *
 * Installed once on class-validator's global storage (the one Nest's ValidationPipe uses).
 */
export function rememberValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const patched = storage as MetadataStorage & { [INSTALLED]?: true };
  if (patched[INSTALLED]) return;
  patched[INSTALLED] = true;

  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let answers = new WeakMap<object, Map<string, Rules>>();
  let groupings = new WeakMap<Rules, Grouped>();
  const forget = () => {
    answers = new WeakMap();
    groupings = new WeakMap();
  };

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let byKey = answers.get(target);
    if (!byKey) answers.set(target, (byKey = new Map()));
    let rules = byKey.get(key);
    if (!rules) byKey.set(key, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  // The executor groups the same (remembered) rules by property on every object: remembered too.
  storage.groupByPropertyName = (rules) => {
    let grouped = groupings.get(rules);
    if (!grouped) groupings.set(rules, (grouped = group(rules)));
    return grouped;
  };
  for (const method of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const register = (storage[method] as (...args: unknown[]) => void).bind(storage);
    (storage as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args) => {
      forget();
      register(...args);
    };
  }
}
