/**
 * Test helpers every context's specs share; imported by `*.spec.ts` files only (jest's `expect`
 * is a global here), never by code that ships.
 */
export { deciderSpecification } from './decider-specification';
export { recorded } from './recorded';
