/**
 * Where uploaded files live. The embedded setup keeps them on local disk under `data/uploads`;
 * a province-scale deployment would put an object store behind the same interface.
 */
import sharp from 'sharp';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/** Bytes `start` to `end`, both included. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  /** A stream of the file (or of a range of it), for large files: never the whole file in memory. */
  read(key: string, range?: ByteRange): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

export class LocalDiskStorage implements Storage {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    if (!/^[\w/-]+(\.\w+)?$/.test(key) || key.includes('..')) throw new Error('bad storage key');
    return path.join(this.dir, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const f = this.file(key);
    await mkdir(path.dirname(f), { recursive: true });
    await writeFile(f, data);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(key));
    } catch {
      return null;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable | null> {
    const f = this.file(key);
    const found = await stat(f).catch(() => null);
    if (!found?.isFile()) return null;
    return createReadStream(f, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await unlink(this.file(key)).catch(() => undefined);
  }
}

/** In memory, for tests. */
export class MemoryStorage implements Storage {
  readonly files = new Map<string, Buffer>();
  async put(key: string, data: Buffer) {
    this.files.set(key, data);
  }
  async get(key: string) {
    return this.files.get(key) ?? null;
  }
  async read(key: string, range?: ByteRange) {
    const data = this.files.get(key);
    if (!data) return null;
    return Readable.from([range ? data.subarray(range.start, range.end + 1) : data]);
  }
  async delete(key: string) {
    this.files.delete(key);
  }
}

/** The image type from the file's first bytes; null for anything that is not JPEG, PNG or WebP. */
export function sniffImage(data: Buffer): { contentType: string; ext: string } | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { contentType: 'image/png', ext: 'png' };
  if (data.length >= 12 && data.subarray(0, 4).toString('ascii') === 'RIFF' && data.subarray(8, 12).toString('ascii') === 'WEBP')
    return { contentType: 'image/webp', ext: 'webp' };
  return null;
}

/** Largest image accepted, in pixels (a 9,000 × 5,000 photo); larger ones are refused, not decoded. */
const MAX_IMAGE_PIXELS = 45_000_000;

/**
 * An uploaded photo, decoded and encoded again in its own format: what is stored is only what
 * the decoder could read as an image — a PNG header followed by script text is refused, trailing
 * bytes are dropped — and the metadata (EXIF, with any GPS position) is not kept. Null when the
 * bytes are not a JPEG, PNG or WebP image that decodes.
 */
export async function decodeImage(data: Buffer): Promise<{ data: Buffer; contentType: string; ext: string } | null> {
  const kind = sniffImage(data);
  if (!kind) return null;
  try {
    const image = sharp(data, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
    const out =
      kind.ext === 'jpg'
        ? image.jpeg({ quality: 85, mozjpeg: true })
        : kind.ext === 'png'
          ? image.png({ compressionLevel: 9 })
          : image.webp({ quality: 85 });
    return { data: await out.toBuffer(), ...kind };
  } catch {
    return null;
  }
}
