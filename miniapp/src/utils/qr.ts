/**
 * The organiser's check-in QR code as a PNG data URL for an <Image>: the modules come from
 * Nayuki's QR encoder (MIT; shipped in `@rc-component/qrcode`, already in the workspace for the
 * console), the PNG is written here (1-bit greyscale, stored deflate blocks: a few KB, no zlib).
 */
import { Ecc, QrCode } from '@rc-component/qrcode/es/libs/qrcodegen';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/** A PNG of a square 1-bit image (true = black), each module `scale` pixels, with a 4-module quiet zone. */
function png(modules: boolean[][], scale: number): Uint8Array {
  const quiet = 4;
  const n = modules.length;
  const px = (n + quiet * 2) * scale;
  const rowBytes = Math.ceil(px / 8);
  // Raw scanlines: a filter byte (0) then the bits, 1 = white in greyscale.
  const raw = new Uint8Array((rowBytes + 1) * px);
  for (let y = 0; y < px; y++) {
    const my = Math.floor(y / scale) - quiet;
    for (let x = 0; x < px; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const black = my >= 0 && my < n && mx >= 0 && mx < n && modules[my][mx];
      if (!black) raw[y * (rowBytes + 1) + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  // zlib stream of stored (uncompressed) deflate blocks.
  const blocks = Math.ceil(raw.length / 65535) || 1;
  const zlib = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  let o = 0;
  zlib[o++] = 0x78;
  zlib[o++] = 0x01;
  for (let i = 0; i < blocks; i++) {
    const len = Math.min(65535, raw.length - i * 65535);
    zlib[o++] = i === blocks - 1 ? 1 : 0;
    zlib[o++] = len & 0xff;
    zlib[o++] = len >> 8;
    zlib[o++] = ~len & 0xff;
    zlib[o++] = (~len >> 8) & 0xff;
    zlib.set(raw.subarray(i * 65535, i * 65535 + len), o);
    o += len;
  }
  let a = 1;
  let b = 0;
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]) % 65521;
    b = (b + a) % 65521;
  }
  const adler = ((b << 16) | a) >>> 0;
  zlib[o++] = adler >>> 24;
  zlib[o++] = (adler >>> 16) & 0xff;
  zlib[o++] = (adler >>> 8) & 0xff;
  zlib[o++] = adler & 0xff;

  const chunks: [string, Uint8Array][] = [
    [
      'IHDR',
      new Uint8Array([
        px >>> 24,
        (px >>> 16) & 0xff,
        (px >>> 8) & 0xff,
        px & 0xff,
        px >>> 24,
        (px >>> 16) & 0xff,
        (px >>> 8) & 0xff,
        px & 0xff,
        1,
        0,
        0,
        0,
        0,
      ]),
    ],
    ['IDAT', zlib],
    ['IEND', new Uint8Array(0)],
  ];
  const total = 8 + chunks.reduce((s, [, d]) => s + 12 + d.length, 0);
  const out = new Uint8Array(total);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  let p = 8;
  for (const [type, data] of chunks) {
    const len = data.length;
    out.set([len >>> 24, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff], p);
    for (let i = 0; i < 4; i++) out[p + 4 + i] = type.charCodeAt(i);
    out.set(data, p + 8);
    const crc = crc32(out, p + 4, p + 8 + len);
    out.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], p + 8 + len);
    p += 12 + len;
  }
  return out;
}

/** The QR code of `text` as a `data:image/png;base64,…` URL (error correction M, sharp at any size). */
export function qrDataUrl(text: string, scale = 8): string {
  const modules = QrCode.encodeText(text, Ecc.MEDIUM).getModules();
  return `data:image/png;base64,${base64(png(modules, scale))}`;
}
