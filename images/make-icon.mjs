// Draws images/icon.png (128x128): a voice waveform between JSON braces on a rounded square.
// Plain Node (zlib) so that no image tool is needed: `node images/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const samples = 4; // supersampling per axis, for smooth edges

function roundedRectDistance(x, y, x0, y0, x1, y1, r) {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return Math.hypot(dx, dy) - r;
}
function segmentDistance(px, py, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}
// A curly brace as a polyline: top arm, middle point, bottom arm.
function braceDistance(x, y, cx, dir) {
  const w = 9 * dir;
  const pts = [[cx + w, 26], [cx, 32], [cx, 56], [cx - w, 64], [cx, 72], [cx, 96], [cx + w, 102]];
  let d = Infinity;
  for (let i = 0; i + 1 < pts.length; i++) d = Math.min(d, segmentDistance(x, y, ...pts[i], ...pts[i + 1]));
  return d;
}
const bars = [14, 30, 48, 30, 40, 20];

function colourAt(x, y) {
  if (roundedRectDistance(x, y, 4, 4, 124, 124, 24) > 0) return null;
  const t = (x + y) / 256; // diagonal gradient, indigo to teal
  let rgb = [Math.round(49 + t * (13 - 49)), Math.round(46 + t * (148 - 46)), Math.round(129 + t * (136 - 129))];
  const white = braceDistance(x, y, 24, 1) < 4.5 || braceDistance(x, y, 104, -1) < 4.5 ||
    bars.some((h, i) => roundedRectDistance(x, y, 41 + i * 8, 64 - h / 2, 46 + i * 8, 64 + h / 2, 2.5) <= 0);
  if (white) rgb = [255, 255, 255];
  return rgb;
}

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < samples; sy++) for (let sx = 0; sx < samples; sx++) {
      const c = colourAt(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
    }
    const o = y * (size * 4 + 1) + 1 + x * 4;
    if (a) { raw[o] = r / a; raw[o + 1] = g / a; raw[o + 2] = b / a; }
    raw[o + 3] = Math.round((a / samples ** 2) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
header[8] = 8; header[9] = 6; // 8-bit RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
