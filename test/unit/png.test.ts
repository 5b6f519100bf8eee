import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { drawExamChart } from '../../src/render/charts/examChart.ts';
import { encodeOpaquePng } from '../../src/render/charts/png.ts';
import { EXAM_CHART_FIXTURE } from '../helpers/chartFixtures.ts';

/** Decodes a PNG with Skia (the canvas library) and returns its RGBA pixels. */
async function decode(png: Buffer): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, rgba: g.getImageData(0, 0, image.width, image.height).data };
}

describe('encodeOpaquePng', () => {
  it('gives back every pixel exactly, through an independent decoder', async () => {
    const width = 37;
    const height = 23;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba[i * 4] = (i * 7) % 256;
      rgba[i * 4 + 1] = (i * 13) % 256;
      rgba[i * 4 + 2] = (i * 29) % 256;
      rgba[i * 4 + 3] = 255;
    }
    const png = encodeOpaquePng(rgba, width, height);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    const decoded = await decode(png);
    expect(decoded.width).toBe(width);
    expect(decoded.height).toBe(height);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(rgba))).toBe(true);
  });

  it('is refused by the decoder when a byte is corrupted (the chunks carry real checksums)', async () => {
    const rgba = new Uint8Array(4 * 4 * 4).fill(200);
    const png = encodeOpaquePng(rgba, 4, 4);
    const corrupt = Buffer.from(png);
    corrupt[20] = corrupt[20]! ^ 0xff; // inside IHDR, covered by its CRC
    await expect(loadImage(corrupt)).rejects.toThrow();
    expect((await decode(png)).width).toBe(4);
  });

  it('keeps a real chart exactly: the charts are opaque to the edges, so nothing is lost without alpha', async () => {
    const canvas = drawExamChart(EXAM_CHART_FIXTURE);
    const pixels = canvas.data();
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) throw new Error(`pixel ${(i - 3) / 4} is not opaque`);
    const decoded = await decode(encodeOpaquePng(pixels, canvas.width, canvas.height));
    expect(Buffer.from(decoded.rgba).equals(pixels)).toBe(true);
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => encodeOpaquePng(new Uint8Array(10), 2, 2)).toThrow(/expected 16 bytes/);
  });
});
