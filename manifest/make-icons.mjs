#!/usr/bin/env node
// Draws the LegalBot icons (a pair of scales) and writes them as PNG files next to this script:
//   color.png   192x192, white scales on a solid brand-colour background;
//   outline.png  32x32, white scales on a transparent background (Teams requires white-only
//                pixels with transparency for the outline icon).
// Usage: node manifest/make-icons.mjs
// Only Node built-ins are used; the output is deterministic, so re-running it changes nothing.

import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BRAND_COLOR = [0x1f, 0x3a, 0x5f]; // deep navy; keep in step with accentColor in manifest.json

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------- geometry, in a unit square (x right, y down) ----------

const insideRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const insideCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

function insideCapsule(x, y, ax, ay, bx, by, r) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return insideCircle(x, y, ax + t * dx, ay + t * dy, r);
}

// A pan: the lower half of a disc, hanging under its rim line.
const insidePan = (x, y, cx, rimY, r) => y >= rimY && insideCircle(x, y, cx, rimY, r);

// `stroke` is the half-width of the thin parts; the small icon needs thicker strokes to stay visible.
function scales(stroke) {
  const beamY = 0.27;
  const rimY = 0.6;
  const panR = 0.15;
  const arms = [0.2, 0.8];
  return (x, y) =>
    insideCircle(x, y, 0.5, 0.13, 0.055) || // finial
    insideRect(x, y, 0.5 - stroke * 1.4, 0.13, 0.5 + stroke * 1.4, 0.84) || // pillar
    insideCapsule(x, y, 0.14, beamY, 0.86, beamY, stroke * 1.3) || // beam
    insideRect(x, y, 0.3, 0.84, 0.7, 0.9) || // base
    insideRect(x, y, 0.4, 0.8, 0.6, 0.84) || // foot
    arms.some(
      (cx) =>
        insideCapsule(x, y, cx, beamY, cx - panR * 0.9, rimY, stroke) || // strings
        insideCapsule(x, y, cx, beamY, cx + panR * 0.9, rimY, stroke) ||
        insidePan(x, y, cx, rimY, panR),
    );
}

// Coverage of one pixel by the shape (4x4 supersampling), mapping the unit square onto `box`.
function coverage(shape, px, py, box) {
  const n = 4;
  let hits = 0;
  for (let sy = 0; sy < n; sy++) {
    for (let sx = 0; sx < n; sx++) {
      const x = (px + (sx + 0.5) / n - box.x) / box.size;
      const y = (py + (sy + 0.5) / n - box.y) / box.size;
      if (x >= 0 && x <= 1 && y >= 0 && y <= 1 && shape(x, y)) hits++;
    }
  }
  return hits / (n * n);
}

// ---------- PNG ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// rgba: Buffer of width*height*4 bytes.
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function colorIcon() {
  const size = 192;
  // Teams crops the colour icon; keep the symbol inside the central safe area.
  const box = { x: 36, y: 36, size: 120 };
  const shape = scales(0.014);
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(shape, x, y, box);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BRAND_COLOR[c] * (1 - a) + 255 * a);
      rgba[i + 3] = 255;
    }
  }
  return encodePng(size, size, rgba);
}

function outlineIcon() {
  const size = 32;
  const box = { x: 1, y: 1, size: 30 };
  const shape = scales(0.03);
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 255; // white only; the shape lives in alpha
      rgba[i + 3] = Math.round(coverage(shape, x, y, box) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(path.join(here, 'color.png'), colorIcon());
  writeFileSync(path.join(here, 'outline.png'), outlineIcon());
  console.log('wrote manifest/color.png (192x192) and manifest/outline.png (32x32)');
}
