/**
 * The cache format on its own: what round-trips, and every way a cache is refused (null, so the index rebuilds):
 * another engine, configuration or version, a payload that does not match its header, an entry of the wrong shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { parseDocument } from '../parse/document';
import { checksum, checksumSliced, configKey, decodeCache, encodeCache, INDEX_FORMAT_VERSION, type CacheEntry } from './cache-format';
import { TimeSlicer } from './time-slice';

const doc = parseDocument('# RCA: x\n\n## Action items\n- [ ] a\n', { file: 'DOCS/incidents/x-rca.md', config: DEFAULT_CONFIG });
const ENTRIES: CacheEntry[] = [
  { file: 'DOCS/incidents/x-rca.md', size: 31, mtime: 1000, doc },
  { file: 'latin1.md', size: 4, mtime: 2000, hash: '4:0000abcd', finding: { rule: 'file-unreadable', severity: 'error', message: 'm', file: 'latin1.md', line: 1 } },
];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A cache whose payload is `lines` (one JSON value each) under a header that matches it. */
function cacheOf(lines: unknown[], header: Record<string, unknown> = {}): Uint8Array {
  const payload = encoder.encode(lines.map((line) => JSON.stringify(line)).join('\n'));
  const head = { magic: 'runbook-kit-index', version: INDEX_FORMAT_VERSION, fingerprint: 'f', config: configKey(DEFAULT_CONFIG), length: payload.length, checksum: checksum(payload), ...header };
  return encoder.encode(`${decoder.decode(payload)}\n${JSON.stringify(head)}`);
}

test('entries round-trip: one JSON line each, then the header', async () => {
  const bytes = await encodeCache(ENTRIES, DEFAULT_CONFIG, 'f');
  const lines = decoder.decode(bytes).split('\n');
  assert.equal(lines.length, 3);
  assert.deepEqual(JSON.parse(lines[0]), JSON.parse(JSON.stringify(ENTRIES[0])));
  assert.deepEqual(JSON.parse(lines[2]), {
    magic: 'runbook-kit-index',
    version: INDEX_FORMAT_VERSION,
    fingerprint: 'f',
    config: configKey(DEFAULT_CONFIG),
    length: encoder.encode(`${lines[0]}\n${lines[1]}`).length,
    checksum: checksum(encoder.encode(`${lines[0]}\n${lines[1]}`)),
  });
  assert.deepEqual(await decodeCache(bytes, DEFAULT_CONFIG, 'f'), JSON.parse(JSON.stringify(ENTRIES)));
  assert.deepEqual(bytes, cacheOf(JSON.parse(JSON.stringify(ENTRIES)) as unknown[]), 'the same bytes as written by hand');
  const empty = await encodeCache([], DEFAULT_CONFIG, 'f');
  assert.deepEqual(await decodeCache(empty, DEFAULT_CONFIG, 'f'), []);
  assert.equal(decoder.decode(empty).split('\n')[0], '');
});

test('a cache is refused when its header names another engine, configuration, format or magic', async () => {
  const good = cacheOf(JSON.parse(JSON.stringify(ENTRIES)) as unknown[]);
  assert.notEqual(await decodeCache(good, DEFAULT_CONFIG, 'f'), null);
  assert.equal(await decodeCache(good, DEFAULT_CONFIG, 'other engine'), null);
  assert.equal(await decodeCache(good, { ...DEFAULT_CONFIG, roles: ['QA'] }, 'f'), null);
  for (const header of [{ version: INDEX_FORMAT_VERSION - 1 }, { magic: 'something-else' }, { length: 1 }, { checksum: '00000000' }]) {
    assert.equal(await decodeCache(cacheOf(JSON.parse(JSON.stringify(ENTRIES)) as unknown[], header), DEFAULT_CONFIG, 'f'), null, JSON.stringify(header));
  }
  assert.equal(await decodeCache(encoder.encode('no newline at all'), DEFAULT_CONFIG, 'f'), null);
  assert.equal(await decodeCache(encoder.encode(`x\n${'{'.repeat(1_000_001)}`), DEFAULT_CONFIG, 'f'), null, 'a header over 1 MB is not read');
  assert.equal(await decodeCache(new Uint8Array([0x7b, 0x0a, 0xff, 0xfe]), DEFAULT_CONFIG, 'f'), null, 'not UTF-8');
});

test('the header line is bounded: a matching header of 999,999 bytes is read, one of 1,000,000 bytes is not', async () => {
  const lines = JSON.parse(JSON.stringify(ENTRIES)) as unknown[];
  /** A cache for engine `fingerprint` whose header line is exactly `size` bytes (the fingerprint pads it). */
  const withHeaderOf = (size: number): { bytes: Uint8Array; fingerprint: string } => {
    const base = cacheOf(lines, { fingerprint: '' });
    const headerLength = base.length - base.lastIndexOf(10) - 1;
    const fingerprint = 'f'.repeat(size - headerLength);
    return { bytes: cacheOf(lines, { fingerprint }), fingerprint };
  };
  const under = withHeaderOf(999_999);
  assert.equal(under.bytes.length - under.bytes.lastIndexOf(10) - 1, 999_999);
  assert.deepEqual(await decodeCache(under.bytes, DEFAULT_CONFIG, under.fingerprint), lines);
  const at = withHeaderOf(1_000_000);
  assert.equal(at.bytes.length - at.bytes.lastIndexOf(10) - 1, 1_000_000);
  assert.equal(await decodeCache(at.bytes, DEFAULT_CONFIG, at.fingerprint), null, 'not parsed, though everything in it matches');
});

test('a payload that is not UTF-8 is refused even when its header matches it', async () => {
  const payload = encoder.encode(JSON.stringify({ file: 'a.md', size: 1, mtime: 1, finding: { rule: 'file-too-large', file: 'a.md', message: 'XX' } }));
  payload[payload.indexOf(0x58)] = 0xff; // an invalid byte inside the message string
  const header = { magic: 'runbook-kit-index', version: INDEX_FORMAT_VERSION, fingerprint: 'f', config: configKey(DEFAULT_CONFIG), length: payload.length, checksum: checksum(payload) };
  const bytes = new Uint8Array([...payload, 0x0a, ...encoder.encode(JSON.stringify(header))]);
  assert.equal(await decodeCache(bytes, DEFAULT_CONFIG, 'f'), null);
});

test('a cache is refused when any entry has the wrong shape', async () => {
  const base = { file: 'a.md', size: 1, mtime: 1 };
  const finding = { rule: 'file-too-large', file: 'a.md' };
  const goodDoc = { file: 'a.md', actions: [], findings: [] };
  assert.notEqual(await decodeCache(cacheOf([{ ...base, doc: goodDoc }]), DEFAULT_CONFIG, 'f'), null);
  assert.notEqual(await decodeCache(cacheOf([{ ...base, finding }]), DEFAULT_CONFIG, 'f'), null);
  const bad: unknown[] = [
    null,
    7,
    'a.md',
    { ...base, doc: goodDoc, file: 3 },
    { ...base, size: '1', doc: goodDoc },
    { ...base, mtime: null, doc: goodDoc },
    { ...base, hash: 5, doc: goodDoc },
    { ...base, doc: { ...goodDoc, file: 'b.md' } },
    { ...base, doc: { ...goodDoc, actions: {} } },
    { ...base, doc: { ...goodDoc, findings: null } },
    { ...base, doc: null },
    { ...base },
    { ...base, finding: { ...finding, file: 'b.md' } },
    { ...base, finding: { file: 'a.md' } },
    { ...base, finding: null },
    // A path that is not a string, even when the document or finding repeats it.
    { ...base, file: 3, doc: { ...goodDoc, file: 3 } },
    { ...base, file: 3, finding: { ...finding, file: 3 } },
  ];
  for (const entry of bad) {
    assert.equal(await decodeCache(cacheOf([{ ...base, doc: goodDoc }, entry]), DEFAULT_CONFIG, 'f'), null, JSON.stringify(entry));
  }
});

test('checksum: pinned values (the format is on disk), sensitive to every byte, a 1–3 byte tail and the length', () => {
  const pinned = { '': '811c9dc5', a: 'e50c2abf', abcd: 'e87eb81e', abcde: '7a7d1538', 'runbook kit cache!': '132dd468' };
  for (const [text, sum] of Object.entries(pinned)) assert.equal(checksum(encoder.encode(text)), sum, JSON.stringify(text));
  assert.equal(checksum(new Uint8Array(0)), checksum(new Uint8Array(0)));
  assert.match(checksum(encoder.encode('abc')), /^[0-9a-f]{8}$/);
  const text = encoder.encode('runbook kit cache!');
  const seen = new Set([checksum(text)]);
  for (let index = 0; index < text.length; index += 1) {
    const changed = text.slice();
    changed[index] ^= 1;
    seen.add(checksum(changed));
  }
  assert.equal(seen.size, text.length + 1, 'each one-bit change gives another checksum');
  assert.notEqual(checksum(new Uint8Array(4)), checksum(new Uint8Array(5)), 'zeros of another length');
  assert.equal(checksum(encoder.encode('abcd')), checksum(encoder.encode('abcd')));
});

test('configKey: the same configuration in any key order gives the same key', () => {
  const reversed = Object.fromEntries(Object.entries(DEFAULT_CONFIG).reverse()) as typeof DEFAULT_CONFIG;
  assert.equal(configKey(reversed), configKey(DEFAULT_CONFIG));
  assert.notEqual(configKey({ ...DEFAULT_CONFIG, maxFileSizeKB: 1 }), configKey(DEFAULT_CONFIG));
  assert.ok(configKey(DEFAULT_CONFIG).startsWith('{"actionHeadings":'));
});

test('TimeSlicer: a slice that has used exactly its time yields; a millisecond less does not', async (t) => {
  let now = 1000;
  t.mock.method(performance, 'now', () => now);
  let yields = 0;
  const slicer = new TimeSlicer(async () => {
    yields += 1;
  }, 8);
  now += 7;
  await slicer.pause();
  assert.equal(yields, 0);
  now += 1;
  await slicer.pause();
  assert.equal(yields, 1, 'at exactly 8 ms');
  now += 7;
  await slicer.pause();
  assert.equal(yields, 1, 'the new slice started at the yield');
});

test('TimeSlicer: yields to the host once a slice has used its time, never without a host', async () => {
  let yields = 0;
  const host = async (): Promise<void> => {
    yields += 1;
  };
  const busy = (ms: number): void => {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // spin: a slice of synchronous work
    }
  };
  // Slices long enough that a busy machine pausing this test cannot make a fresh slice look used up.
  await new TimeSlicer(host, 60_000).pause();
  assert.equal(yields, 0, 'a fresh slice does not yield');
  const slicer = new TimeSlicer(host, 150);
  busy(151);
  await slicer.pause();
  assert.equal(yields, 1);
  await slicer.pause();
  assert.equal(yields, 1, 'a new slice starts after a yield');
  const hostless = new TimeSlicer(undefined, 0);
  busy(1);
  await hostless.pause();
  const defaults = new TimeSlicer(host);
  busy(9);
  await defaults.pause();
  assert.equal(yields, 2, 'the default slice is under 9 ms');
});

test('checksumSliced pauses between 1 MB slices and gives checksum\'s value, at and around the slice boundary', async () => {
  let pauses = 0;
  const slicer = new TimeSlicer(async () => {
    pauses += 1;
  }, 0);
  for (const length of [0, 3, 4, (1 << 20) - 1, 1 << 20, (1 << 20) + 5, 3 * (1 << 20) + 2]) {
    const bytes = new Uint8Array(length);
    for (let index = 0; index < length; index += 1) bytes[index] = (index * 31 + (index >>> 9)) & 0xff;
    assert.equal(await checksumSliced(bytes, slicer), checksum(bytes), `${length} bytes`);
  }
  assert.ok(pauses >= 6, `the host got its turns (${pauses})`);
  // One pause per started 1 MB slice of whole words; none when there is no whole word (the tail needs no pause).
  for (const [length, expected] of [[0, 0], [3, 0], [4, 1], [1 << 20, 1], [(1 << 20) + 3, 1], [(1 << 20) + 4, 2]] as const) {
    pauses = 0;
    await checksumSliced(new Uint8Array(length), slicer);
    assert.equal(pauses, expected, `pauses over ${length} bytes`);
  }
  assert.notEqual(checksum(new Uint8Array([1, 2, 3, 4, 5])), checksum(new Uint8Array([1, 2, 3, 4, 6])));
});
