export { CanonicalizationError, canonicalize } from './canonical-json';
export { HASH_FIELDS, HASH_PREFIX, chainLinks, eventHash } from './hash-chain';
export type { ChainLink, HashableEvent } from './hash-chain';
export { verifyHashChain } from './verify-hash-chain';
export type { ChainProblem, ChainVerification, VerifyOptions } from './verify-hash-chain';
