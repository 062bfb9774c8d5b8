import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
// class-transformer keeps @Type() targets here (its published types live under types/, its code under cjs/).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { getMetadataStorage } from 'class-validator';

interface ValidationMetadataLike {
  type: string;
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

const described = new WeakSet<object>();

/**
 * The request DTOs' class-validator decorators are the one statement of what a field accepts;
 * this turns them into OpenAPI properties (required or not, type, enum, pattern, bounds, nested
 * schemas) so /docs shows real schemas without a second set of @ApiProperty decorators that
 * could drift. Call before building the document; classes already described are skipped.
 */
export function describeRequestDtosForOpenApi(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<new () => object, ValidationMetadataLike[]> };
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (described.has(target)) continue;
    described.add(target);
    const byProperty = new Map<string, ValidationMetadataLike[]>();
    for (const metadata of metadatas) byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    for (const [property, rules] of byProperty) ApiProperty(propertyOptions(target, property, rules))(target.prototype, property);
  }
}

function propertyOptions(target: new () => object, property: string, rules: ValidationMetadataLike[]): ApiPropertyOptions {
  const named = (name: string) => rules.find((rule) => rule.name === name);
  const options: Record<string, unknown> = { required: !rules.some((rule) => rule.type === 'conditionalValidation') };
  const isArray = !!named('isArray') || rules.some((rule) => rule.each);
  const nested = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction();
  const designType = Reflect.getMetadata('design:type', target.prototype, property);
  options.type = nested ?? (isArray ? arrayItemType(rules) : designType && designType !== Object ? designType : String);
  if (isArray) options.isArray = true;
  const enumValues = named('isIn')?.constraints?.[0];
  if (Array.isArray(enumValues)) options.enum = enumValues;
  const pattern = named('matches')?.constraints?.[0];
  if (pattern instanceof RegExp) options.pattern = pattern.source;
  const min = named('min')?.constraints?.[0];
  const max = named('max')?.constraints?.[0];
  if (typeof min === 'number') options.minimum = min;
  if (typeof max === 'number') options.maximum = max;
  const length = named('isLength')?.constraints;
  if (length && !isArray) {
    if (typeof length[0] === 'number') options.minLength = length[0];
    if (typeof length[1] === 'number') options.maxLength = length[1];
  }
  if (named('isUtcInstant')) options.format = 'date-time';
  if (named('isCalendarDay')) options.format = 'date';
  if (named('isInt')) options.type = 'integer';
  if (named('isBoolean')) options.type = Boolean;
  return options as ApiPropertyOptions;
}

const arrayItemType = (rules: ValidationMetadataLike[]) => (rules.some((rule) => rule.name === 'isInt' || rule.name === 'isNumber') ? Number : String);
