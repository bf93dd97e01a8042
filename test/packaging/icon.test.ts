// The icon files electron-builder packs: resources/icon.ico with every size Windows asks for (electron-builder needs
// 256), resources/icon.png at 512, both exactly what scripts/make-icon.ts draws (so they are never edited by hand and
// never stale).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawIcon, ICO_SIZES, iconIco, PNG_SIZE } from '../../scripts/make-icon';
import { ROOT } from './paths';

const ico = () => readFileSync(join(ROOT, 'resources', 'icon.ico'));
const png = () => readFileSync(join(ROOT, 'resources', 'icon.png'));

describe('the icon', () => {
  it('is an .ico with 16, 24, 32, 48, 64, 128 and 256 px images of 32 bits', () => {
    const file = ico();
    expect(file.readUInt16LE(0)).toBe(0);
    expect(file.readUInt16LE(2)).toBe(1);
    const count = file.readUInt16LE(4);
    const entries = Array.from({ length: count }, (_, i) => {
      const at = 6 + 16 * i;
      return { size: file.readUInt8(at) || 256, height: file.readUInt8(at + 1) || 256, bits: file.readUInt16LE(at + 6), bytes: file.readUInt32LE(at + 8), offset: file.readUInt32LE(at + 12) };
    });
    expect(entries.map((e) => e.size)).toEqual([...ICO_SIZES]);
    for (const entry of entries) {
      expect(entry.height).toBe(entry.size);
      expect(entry.bits).toBe(32);
      expect(entry.offset + entry.bytes).toBeLessThanOrEqual(file.length);
    }
  });

  it('has a 512 px PNG, transparent in the corners and opaque in the middle', () => {
    const image = PNG.sync.read(png());
    expect([image.width, image.height]).toEqual([PNG_SIZE, PNG_SIZE]);
    const alpha = (x: number, y: number) => image.data[(y * image.width + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(PNG_SIZE / 2, PNG_SIZE / 2)).toBe(255);
  });

  it('is what scripts/make-icon.ts draws', async () => {
    // The PNG's pixels (its compressed bytes depend on the zlib of the Node that wrote it); the .ico stores raw pixels.
    expect(PNG.sync.read(png()).data.equals(drawIcon(PNG_SIZE))).toBe(true);
    expect((await iconIco()).equals(ico())).toBe(true);
  });
});
