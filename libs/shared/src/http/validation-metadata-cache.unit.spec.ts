import { getMetadataStorage, IsInt, IsPositive, IsString, validate } from 'class-validator';
import { rememberValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: unknown;
}

class Child extends Base {
  @IsInt()
  count!: unknown;

  @IsString({ groups: ['strict'] })
  note!: unknown;
}

const storage = getMetadataStorage();
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator's metadata API takes a Function.
const rulesOf = (target: Function, groups?: string[]) =>
  storage
    .getTargetValidationMetadatas(target, '', false, false, groups)
    .map((rule) => `${rule.propertyName}:${rule.name ?? rule.type}`)
    .sort();
const failedFields = async (value: object, groups?: string[]) => (await validate(value, { groups })).map((error) => error.property).sort();

describe('remembered class-validator metadata', () => {
  const before = { child: rulesOf(Child), strict: rulesOf(Child, ['strict']) };

  beforeAll(() => rememberValidationMetadata());

  it('answers what class-validator answers, inherited rules and groups included', async () => {
    expect(rulesOf(Child)).toEqual(before.child);
    expect(rulesOf(Child, ['strict'])).toEqual(before.strict);
    // without groups, class-validator applies grouped rules too (unless strictGroups)
    expect(await failedFields(Object.assign(new Child(), { name: 1, count: 'x', note: 2 }))).toEqual(['count', 'name', 'note']);
    expect(await failedFields(Object.assign(new Child(), { name: 1, count: 'x', note: 2 }), ['strict'])).toEqual(['note']);
  });

  it('works each answer out once', () => {
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(storage.getTargetValidationMetadatas(Child, '', false, false));
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['strict'])).not.toBe(storage.getTargetValidationMetadatas(Child, '', false, false));
  });

  it('forgets its answers when rules are registered later, on the class or one it inherits from', async () => {
    const valid = () => Object.assign(new Child(), { name: 'n', count: 1, note: 'x', level: -1 });
    expect(await failedFields(valid())).toEqual([]);
    IsPositive()(Base.prototype, 'level'); // what a decorator does when a class loads
    expect(await failedFields(valid())).toEqual(['level']);
    class Later extends Child {
      @IsInt()
      amount!: unknown;
    }
    expect(await failedFields(Object.assign(new Later(), { name: 2, count: 1, note: 'x', level: 1, amount: 'a' }))).toEqual(['amount', 'name']);
  });

  it('installs once', () => {
    const patched = storage.getTargetValidationMetadatas;
    rememberValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(patched);
  });
});
