export { startEmbeddedReadStore } from './embedded/launch';
export type { EmbeddedReadStoreHandle, EmbeddedReadStoreOptions } from './embedded/launch';
export { startReadStoreServer } from './embedded/server';
export type { ReadStoreServerOptions, RunningReadStoreServer } from './embedded/server';
export type { Durability as ReadStoreDurability } from './embedded/storage/document-store';
