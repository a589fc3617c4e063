// Draws the web app's icons (a white ring on the accent blue) as PNG files in client/public.
// Run once after changing the design: node --import tsx tools/icons/make-icons.ts
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const ACCENT = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** `maskable`: the ring stays inside the safe zone (80 %) and the blue fills the square. */
function icon(size: number, maskable: boolean): Buffer {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  const centre = size / 2;
  const scale = maskable ? 0.8 : 1;
  const outer = size * 0.3 * scale;
  const inner = size * 0.19 * scale;
  const dot = size * 0.07 * scale;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      const white = (d <= outer && d >= inner) || d <= dot;
      const [r, g, b] = white ? WHITE : ACCENT;
      const at = y * (size * 3 + 1) + 1 + x * 3;
      raw[at] = r!;
      raw[at + 1] = g!;
      raw[at + 2] = b!;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../../client/public/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, false));
writeFileSync(new URL('icon-512.png', out), icon(512, false));
writeFileSync(new URL('icon-maskable-512.png', out), icon(512, true));
