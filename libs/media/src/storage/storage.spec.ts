/**
 * Contract tests run against every MediaStorage driver: LocalDiskStorage over a
 * temporary folder, and S3Storage against a real S3-compatible server (s3rver)
 * started in this process on a random port.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk.storage';
import { MediaStorage } from './media-storage';
import { S3Storage } from './s3.storage';

/** s3rver ships no type declarations; this is the part of its API used here. */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: { name: string }[];
}) => S3rverInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as S3rverConstructor;

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
const BUCKET = 'qinglian-test';

/** A Readable yielding `data` in 64 KiB chunks, as an HTTP upload would. */
function chunked(data: Buffer): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= data.length) {
        this.push(null);
        return;
      }
      this.push(data.subarray(offset, offset + CHUNK));
      offset += CHUNK;
    },
  });
}

/** A Readable that yields `chunks` chunks of 64 KiB, then fails with `error`. */
function failingAfter(chunks: number, error: Error): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent < chunks) {
        sent += 1;
        this.push(randomBytes(CHUNK));
      } else {
        this.destroy(error);
      }
    },
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Every file below `dir`, recursively, as paths relative to it. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

interface Fixture {
  sut: MediaStorage;
  /** Leftover temporary upload files, for drivers that write them. */
  partialFiles?: () => Promise<string[]>;
  tearDown(): Promise<void>;
}

const drivers: { name: string; start: () => Promise<Fixture> }[] = [
  {
    name: 'LocalDiskStorage',
    async start() {
      const root = await mkdtemp(path.join(tmpdir(), 'qinglian-storage-spec-'));
      return {
        sut: new LocalDiskStorage(root),
        partialFiles: async () => (await walk(root)).filter((file) => file.endsWith('.part')),
        tearDown: () => rm(root, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'S3Storage',
    async start() {
      const directory = await mkdtemp(path.join(tmpdir(), 'qinglian-s3rver-spec-'));
      const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: BUCKET }] });
      const { port } = await server.run();
      const sut = new S3Storage({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        bucket: BUCKET,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      });
      return {
        sut,
        async tearDown() {
          sut.destroy();
          await server.close();
          await rm(directory, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.each(drivers)('$name (MediaStorage contract)', ({ start }) => {
  let fixture: Fixture;
  let sut: MediaStorage;
  const body = randomBytes(3 * MiB + 12345); // not a multiple of the chunk size

  beforeAll(async () => {
    fixture = await start();
    sut = fixture.sut;
  });

  afterAll(async () => {
    await fixture?.tearDown();
  });

  describe('with a stored multi-megabyte file', () => {
    const key = 'videos/2024/film.mp4';

    beforeAll(async () => {
      await sut.write(key, chunked(body), 'video/mp4');
    });

    it('write() streams the body and reports its size', async () => {
      await expect(sut.write('videos/other.mp4', chunked(body), 'video/mp4')).resolves.toEqual({ sizeBytes: body.length });
    });

    it('read() gives back identical bytes', async () => {
      const stored = await readAll(await sut.read(key));
      expect(stored.length).toBe(body.length);
      expect(sha256(stored)).toBe(sha256(body));
    });

    it('read() with a range gives exactly bytes start..end inclusive', async () => {
      const start = 1_000_003;
      const end = 1_500_000;
      const middle = await readAll(await sut.read(key, { start, end }));
      expect(middle.length).toBe(end - start + 1);
      expect(middle.equals(body.subarray(start, end + 1))).toBe(true);

      const last = body.length - 1;
      const lastByte = await readAll(await sut.read(key, { start: last, end: last }));
      expect([...lastByte]).toEqual([body[last]]);
    });

    it('size() returns the stored size', async () => {
      await expect(sut.size(key)).resolves.toBe(body.length);
    });

    it('withLocalFile() gives a path on disk holding the stored bytes', async () => {
      let seen = '';
      const result = await sut.withLocalFile(key, async (file) => {
        seen = file;
        expect(sha256(await readFile(file))).toBe(sha256(body));
        return 'done';
      });
      expect(result).toBe('done');
      expect(seen).not.toBe('');
      if (sut.driver === 's3') expect(existsSync(seen)).toBe(false); // the download is a temporary file
    });
  });

  it('size() returns null for a missing key', async () => {
    await expect(sut.size('nothing/here.bin')).resolves.toBeNull();
  });

  it('write() of a body spanning several 5 MiB upload parts round-trips byte for byte', async () => {
    const key = 'videos/long.mp4';
    const big = randomBytes(11 * MiB + 7);
    await expect(sut.write(key, chunked(big), 'video/mp4')).resolves.toEqual({ sizeBytes: big.length });
    await expect(sut.size(key)).resolves.toBe(big.length);
    expect(sha256(await readAll(await sut.read(key)))).toBe(sha256(big));
    await sut.remove(key);
  });

  it.each([
    { when: 'half way through a 3 MiB body', chunks: 24 },
    { when: '7.5 MiB in, past the first 5 MiB upload part', chunks: 120 },
  ])('write() rejects with the body error when the body fails $when, and stores nothing', async ({ chunks }) => {
    const key = `uploads/broken-${chunks}.mp4`;
    const failure = new Error('client went away');
    await expect(sut.write(key, failingAfter(chunks, failure), 'video/mp4')).rejects.toBe(failure);
    await expect(sut.size(key)).resolves.toBeNull();
    if (fixture.partialFiles) await expect(fixture.partialFiles()).resolves.toEqual([]);
  });

  it('remove() deletes the file', async () => {
    const key = 'uploads/to-remove.txt';
    await sut.write(key, Readable.from([Buffer.from('bye')]), 'text/plain');
    await expect(sut.size(key)).resolves.toBe(3);
    await sut.remove(key);
    await expect(sut.size(key)).resolves.toBeNull();
  });

  it('remove() of a missing key does not throw', async () => {
    await expect(sut.remove('never/written.txt')).resolves.toBeUndefined();
  });
});

describe('LocalDiskStorage key confinement', () => {
  let parent: string;
  let root: string;
  let sut: LocalDiskStorage;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'qinglian-storage-spec-'));
    root = path.join(parent, 'store');
    sut = new LocalDiskStorage(root);
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it.each(['../escape.txt', 'a/../../escape.txt', '/etc/escape.txt', ''])('refuses the key %j and writes nothing outside the folder', async (key) => {
    expect(() => sut.pathOf(key)).toThrow(/leaves the storage folder/);
    await expect(sut.write(key, Readable.from([Buffer.from('x')]), 'text/plain')).rejects.toThrow(/leaves the storage folder/);
    expect(await walk(parent)).toEqual([]);
  });
});
