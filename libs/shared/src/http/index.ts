/** HTTP pieces every context's endpoints share: validation, request context, idempotency. */
export { WellFormedTextPipe } from './well-formed-text.pipe';
export { RequestValidationError, findIllFormedStrings, requestValidationPipe } from './request-validation';
export type { FieldProblem } from './request-validation';
export { CORRELATION_HEADER, commandContext, requestIds } from './request-context';
export { IDEMPOTENCY_COLLECTION, IDEMPOTENCY_HEADER, IdempotentRequests } from './idempotent-requests';
export type { HttpCommandExchange } from './idempotent-requests';
export { describeRequestDtosForOpenApi } from './openapi-from-validation';
export { IsCalendarDay, IsUtcInstant, isCalendarDay, parseUtcInstant } from './utc-instant';
export { ID_PATTERN, ID_RULE, IdParam } from './id-param.pipe';
export { CommandRequestDto, IsId, MoneyDto, Nested, PostalAddressDto } from './request-primitives';
