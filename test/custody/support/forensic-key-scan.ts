/**
 * What an attacker holding a copy of the data dir could do to read an erased subject's personal
 * data: try every 32-byte sequence found anywhere (raw at any offset, or inside a base64 or hex
 * string) as the subject's key, and as a key-encryption key over every wrapped key found anywhere
 * (live documents, freed pages, old files), then decrypt the subject's ciphertext with what
 * comes out.
 *
 * One bound on cost: raw windows of the LMDB stores' own files (`*.mdb`) are tried as subject keys
 * but not as KEKs (65k windows x every wrapped copy took 30 s); KEKs are kept only in the keyring
 * file, and `keyBytesAnywhere` checks that a given KEK's bytes appear in no file in any form.
 */
import { createCipheriv } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from '@handoff/shared/compiled-path';
import { decryptPersonalData } from '@handoff/personal-data';
import type { PersonalDataEnvelope } from '@handoff/kernel';

const KEY_BYTES = 32;
/** iv (12) | wrapped key (32) | GCM tag (16): how a subject key is stored wrapped. */
const WRAPPED_BYTES = 60;
/** A uniformly random 32-byte key has fewer than 16 distinct byte values with probability < 1e-12. */
const MIN_DISTINCT_BYTES = 16;
/** Every sealed recipient record is JSON that starts like this: a known-plaintext check per key. */
const KNOWN_PREFIX = Buffer.from('{"name":"', 'utf8');

export interface ScanFinding {
  subjectId: string;
  /** 'key' when a sequence opened the data itself; 'wrapped' when a wrapped key unwrapped to one that did. */
  how: 'key' | 'wrapped';
  file: string;
}

export interface ScanReport {
  files: number;
  bytes: number;
  candidateKeys: number;
  kekCandidates: number;
  wrappedBlobs: number;
  findings: ScanFinding[];
}

export function scanDataDirForKeys(dataDir: string, targets: PersonalDataEnvelope[]): ScanReport {
  const files = listFiles(dataDir);
  const candidates = new Map<string, string>(); // key bytes (latin1) -> file it came from
  const kekCandidates = new Map<string, string>();
  const blobs = new Map<string, string>();
  let bytes = 0;
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    const decoded = decodedTokens(content);
    for (const source of [content, ...decoded]) {
      collectWindows(source, file, candidates);
      collectWrappedBlobs(source, file, blobs);
    }
    for (const source of file.endsWith('.mdb') ? decoded : [content, ...decoded]) collectWindows(source, file, kekCandidates);
  }
  const probe = probeOf(targets);
  const findings: ScanFinding[] = [];
  const found = new Set<string>();
  const tryAsKey = (key: Buffer, file: string, how: ScanFinding['how']) => {
    for (const envelope of probe.matching(key)) {
      if (found.has(envelope.subjectId)) continue;
      try {
        decryptPersonalData(envelope, { subjectId: envelope.subjectId, keyId: envelope.keyId, material: key });
        found.add(envelope.subjectId);
        findings.push({ subjectId: envelope.subjectId, how, file });
      } catch {
        // the prefix matched by chance: not the key
      }
    }
  };
  const blobList = [...blobs.keys()].map((blob) => Buffer.from(blob, 'latin1'));
  for (const [candidate, file] of candidates) tryAsKey(Buffer.from(candidate, 'latin1'), file, 'key');
  // As a key-encryption key: GCM's keystream for the wrapped bytes is AES(kek, iv | counter 2..3),
  // so the unwrapped key is the XOR; the tag (which needs the record's labels) is not needed to try it.
  for (const [candidate, file] of kekCandidates) {
    for (const unwrapped of unwrapAll(Buffer.from(candidate, 'latin1'), blobList)) tryAsKey(unwrapped, file, 'wrapped');
  }
  return { files: files.length, bytes, candidateKeys: candidates.size, kekCandidates: kekCandidates.size, wrappedBlobs: blobs.size, findings };
}

/** The same scan on a worker thread (compiled, from dist/). */
export function scanDataDirForKeysOffThread(dataDir: string, targets: PersonalDataEnvelope[]): Promise<ScanReport> {
  const worker = new Worker(path.join(repoRoot(), 'dist', 'test', 'custody', 'support', 'forensic-key-scan.worker.js'), { workerData: { dataDir, targets } });
  return new Promise<ScanReport>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  }).finally(() => void worker.terminate());
}

/** The files of the data dir that hold `key` raw, in base64 (standard or URL) or in hex. */
export function keyBytesAnywhere(dataDir: string, key: Uint8Array): string[] {
  const bytes = Buffer.from(key);
  const forms = [bytes, ...['base64', 'base64url', 'hex'].map((encoding) => Buffer.from(bytes.toString(encoding as BufferEncoding).replace(/=+$/, ''), 'latin1'))];
  return listFiles(dataDir).filter((file) => {
    const content = readFileSync(file);
    return forms.some((form) => content.includes(form));
  });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** Every base64 (standard or URL) and hex run long enough to hold a key, decoded. */
function decodedTokens(content: Buffer): Buffer[] {
  const text = content.toString('latin1');
  const decoded: Buffer[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9+/_-]{43,}={0,2}/g)) {
    const token = match[0];
    // Runs are delimited (a JSON quote, BSON's length prefix ends in a zero byte), so each is one token.
    decoded.push(Buffer.from(token, token.includes('-') || token.includes('_') ? 'base64url' : 'base64'));
  }
  for (const match of text.matchAll(/[0-9a-fA-F]{64,}/g)) {
    decoded.push(Buffer.from(match[0], 'hex'), Buffer.from(match[0].slice(1), 'hex'));
  }
  return decoded;
}

function collectWindows(source: Buffer, file: string, into: Map<string, string>): void {
  const counts = new Uint8Array(256);
  let distinct = 0;
  for (let end = 0; end < source.length; end++) {
    if (counts[source[end]]++ === 0) distinct++;
    if (end >= KEY_BYTES && --counts[source[end - KEY_BYTES]] === 0) distinct--;
    if (end < KEY_BYTES - 1 || distinct < MIN_DISTINCT_BYTES) continue;
    const window = source.toString('latin1', end - KEY_BYTES + 1, end + 1);
    if (!into.has(window)) into.set(window, file);
  }
}

/**
 * A wrapped key sits in BSON as a binary of 60 bytes (length 60, subtype 0) or in a base64 string
 * of 60 bytes: take every such run, wherever it is.
 */
function collectWrappedBlobs(source: Buffer, file: string, into: Map<string, string>): void {
  const header = Buffer.from([WRAPPED_BYTES, 0, 0, 0, 0]);
  for (let at = source.indexOf(header); at >= 0; at = source.indexOf(header, at + 1)) {
    const blob = source.subarray(at + header.length, at + header.length + WRAPPED_BYTES);
    if (blob.length === WRAPPED_BYTES) into.set(blob.toString('latin1'), file);
  }
  if (source.length === WRAPPED_BYTES) into.set(source.toString('latin1'), file);
}

function unwrapAll(kek: Buffer, blobs: Buffer[]): Buffer[] {
  if (blobs.length === 0) return [];
  const counters = Buffer.alloc(blobs.length * 32);
  blobs.forEach((blob, i) => {
    for (const [n, counter] of [2, 3].entries()) {
      blob.copy(counters, i * 32 + n * 16, 0, 12);
      counters.writeUInt32BE(counter, i * 32 + n * 16 + 12);
    }
  });
  const ecb = createCipheriv('aes-256-ecb', kek, null).setAutoPadding(false);
  const stream = Buffer.concat([ecb.update(counters), ecb.final()]);
  return blobs.map((blob, i) => {
    const key = Buffer.alloc(KEY_BYTES);
    for (let b = 0; b < KEY_BYTES; b++) key[b] = blob[12 + b] ^ stream[i * 32 + b];
    return key;
  });
}

/**
 * A cheap first test of a candidate key against every target at once (one AES key schedule): does
 * it turn each envelope's first bytes into the known prefix?
 */
function probeOf(targets: PersonalDataEnvelope[]) {
  const firstBlocks = Buffer.alloc(targets.length * 16);
  const expected = targets.map((envelope, i) => {
    Buffer.from(envelope.iv, 'base64').copy(firstBlocks, i * 16, 0, 12);
    firstBlocks.writeUInt32BE(2, i * 16 + 12);
    const ciphertext = Buffer.from(envelope.ciphertext, 'base64');
    return Buffer.from(KNOWN_PREFIX.map((byte, b) => byte ^ ciphertext[b]));
  });
  return {
    matching(key: Buffer): PersonalDataEnvelope[] {
      const stream = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(firstBlocks);
      return targets.filter((_, i) => stream.subarray(i * 16, i * 16 + KNOWN_PREFIX.length).equals(expected[i]));
    },
  };
}
