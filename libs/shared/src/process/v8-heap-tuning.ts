/**
 * V8 young-generation sizing for the processes that serve requests (all-in-one, api, projector).
 *
 * A handoff command allocates a few hundred KB of short-lived objects on its way through HTTP
 * parsing, validation, hashing, protobuf and BSON; a custody-chain read ~0.6 MB. With V8's
 * default 16 MB semi-space that meant a scavenge every few tens of milliseconds under load, each
 * copying whatever 64 requests in flight still held (and promoting what survived twice, which
 * later costs major collections). A 32 MB semi-space halves the scavenges; objects of finished
 * requests are dead by the time they run. Measured on the custody bench (2 cores): API CPU per
 * command 2-9% lower. The embedded servers keep the default: they allocate little per request,
 * and with the flag they spent more CPU per command in both A/B runs.
 *
 * V8 reads this at start-up only, so it must be on the command line: package.json `start`, the
 * Docker entrypoint and the test/bench launcher all pass these flags (a unit test checks).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/**
 * Old-generation sizing for the embedded read store's process. Its live heap is 10-20 MB, so V8
 * sized its old generation limit near that (~33 MB) and, under steady read traffic after a load
 * (the custody bench's chain phase), started incremental marking by task right after each
 * mark-compact: a full mark-compact every ~250 ms that collected young garbage a scavenge would
 * have, each pausing 2-10 ms, which landed in ~1% of the reads (`--trace-incremental-marking`:
 * "Start (task): 10MB / 33MB"). With 64 MB to start with, the same phase ran with no mark-compact
 * and scavenges only. Costs at most that much more resident memory for garbage.
 */
export const READ_STORE_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=64'];

/** The same sizing for the all-in-one's projector thread (V8 young generation = 3 × semi-space), whatever the process was started with. */
export const PROJECTOR_THREAD_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 } as const;
