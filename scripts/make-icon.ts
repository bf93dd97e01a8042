// Draws the app icon and writes resources/icon.ico (16, 24, 32, 48, 64, 128 and 256 px, for Windows and the
// installer) and resources/icon.png (512 px). The icon is a dark rounded square, like the desk's panels, with a
// lightning bolt in the desk's green (--up in the renderer's styles). Every size is drawn from the shapes, never
// scaled from a bigger image, with 4x4 to 8x8 samples per pixel for the edges; the output is the same on every run.
//
//   npx tsx scripts/make-icon.ts
//
// The generated files are committed; run this again only after changing the drawing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import pngToIco from 'png-to-ico';

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const PNG_SIZE = 512;

type Rgba = readonly [number, number, number, number];
type Point = readonly [number, number];

const BACKGROUND_TOP: Rgba = [0x1d, 0x25, 0x30, 1];
const BACKGROUND_BOTTOM: Rgba = [0x0b, 0x0e, 0x13, 1];
const BORDER: Rgba = [0x3f, 0xcf, 0x6b, 0.35];
const BOLT_TOP: Rgba = [0x6b, 0xe8, 0x93, 1];
const BOLT_BOTTOM: Rgba = [0x2b, 0xb0, 0x55, 1];
const GLOW: Rgba = [0x3f, 0xcf, 0x6b, 0.3];

/** The bolt, in the unit square (y down): a wide top, a step in the middle and a sharp tip low on the left. */
const BOLT: readonly Point[] = [
  [0.53, 0.1],
  [0.72, 0.1],
  [0.57, 0.41],
  [0.73, 0.41],
  [0.37, 0.9],
  [0.47, 0.55],
  [0.29, 0.55],
];

/** The RGBA pixels of the icon at `size` x `size`. */
export function drawIcon(size: number): Buffer {
  const small = size <= 24;
  // Small icons fill the square (every pixel counts) and skip the glow and the border, which would only blur them.
  const margin = small ? 0 : 0.035;
  const radius = small ? 0.18 : 0.2;
  const samples = size <= 64 ? 8 : 4;
  const pixels = Buffer.alloc(size * size * 4);

  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let square = 0;
      let border = 0;
      let bolt = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const d = roundedSquareDistance(x, y, margin, radius);
          if (d <= 0) {
            square++;
            if (!small && d > -0.016) border++;
            if (insidePolygon(x, y, BOLT)) bolt++;
          }
        }
      }
      const n = samples * samples;
      const cx = (px + 0.5) / size;
      const cy = (py + 0.5) / size;
      let color: Rgba = [0, 0, 0, 0];
      if (square > 0) {
        color = over(color, withAlpha(mix(BACKGROUND_TOP, BACKGROUND_BOTTOM, cy), square / n));
        if (!small) {
          const glow = Math.exp(-polygonDistance(cx, cy, BOLT) / 0.07);
          color = over(color, withAlpha(GLOW, (GLOW[3] * glow * square) / n));
          color = over(color, withAlpha(BORDER, (BORDER[3] * border) / n));
        }
        color = over(color, withAlpha(mix(BOLT_TOP, BOLT_BOTTOM, (cy - 0.1) / 0.8), bolt / n));
      }
      const at = (py * size + px) * 4;
      pixels[at] = channel(color[0]);
      pixels[at + 1] = channel(color[1]);
      pixels[at + 2] = channel(color[2]);
      pixels[at + 3] = Math.round(Math.min(1, Math.max(0, color[3])) * 255);
    }
  }
  return pixels;
}

/** The icon at `size` as a PNG file. */
export function iconPng(size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  drawIcon(size).copy(png.data);
  return PNG.sync.write(png, { colorType: 6 });
}

/** The .ico file: one image per size in ICO_SIZES, each drawn at that size. */
export async function iconIco(): Promise<Buffer> {
  return pngToIco(ICO_SIZES.map((size) => iconPng(size)));
}

/** Signed distance from (x, y) to a square inset by `margin` with corners of `radius`: negative inside. */
function roundedSquareDistance(x: number, y: number, margin: number, radius: number): number {
  const half = 0.5 - margin;
  const qx = Math.abs(x - 0.5) - (half - radius);
  const qy = Math.abs(y - 0.5) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Even-odd rule: the bolt is not convex. */
function insidePolygon(x: number, y: number, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance from (x, y) to the polygon's outline, 0 inside. */
function polygonDistance(x: number, y: number, polygon: readonly Point[]): number {
  if (insidePolygon(x, y, polygon)) return 0;
  let best = Infinity;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [ax, ay] = polygon[j]!;
    const [bx, by] = polygon[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

function mix(a: Rgba, b: Rgba, t: number): Rgba {
  const u = Math.min(1, Math.max(0, t));
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u, a[3] + (b[3] - a[3]) * u];
}

function withAlpha(color: Rgba, alpha: number): Rgba {
  return [color[0], color[1], color[2], alpha];
}

/** Porter-Duff "source over" on straight (not premultiplied) colours. */
function over(below: Rgba, above: Rgba): Rgba {
  const a = above[3] + below[3] * (1 - above[3]);
  if (a === 0) return [0, 0, 0, 0];
  const c = (i: 0 | 1 | 2) => (above[i] * above[3] + below[i] * below[3] * (1 - above[3])) / a;
  return [c(0), c(1), c(2), a];
}

function channel(value: number): number {
  return Math.round(Math.min(255, Math.max(0, value)));
}

async function main(): Promise<void> {
  const dir = resolve(__dirname, '..', 'resources');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'icon.png'), iconPng(PNG_SIZE));
  writeFileSync(join(dir, 'icon.ico'), await iconIco());
  console.log(`resources/icon.png (${PNG_SIZE} px), resources/icon.ico (${ICO_SIZES.join(', ')} px)`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
