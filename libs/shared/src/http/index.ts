/** HTTP pieces every context's endpoints share: validation, request context, idempotency. */
export { WellFormedTextPipe } from './well-formed-text.pipe';
export { RequestValidationError, findIllFormedStrings, requestValidationPipe } from './request-validation';
export type { FieldProblem } from './request-validation';
export { CORRELATION_HEADER, commandContext } from './request-context';
export { IDEMPOTENCY_COLLECTION, IDEMPOTENCY_HEADER, IdempotencyInterceptor } from './idempotency.interceptor';
export { describeRequestDtosForOpenApi } from './openapi-from-validation';
