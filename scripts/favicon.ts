/**
 * `node scripts/favicon.ts`: draws public/favicon.svg at 16, 32 and 48 pixels in Chromium (the
 * browser of the end-to-end tests, /usr/bin/chromium or CHROME_PATH) and packs the three PNGs
 * into public/favicon.ico, for browsers and feed readers that ask for /favicon.ico by themselves.
 * Run it after changing the SVG, and commit both files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../e2e/chromium.ts';
import { writeInside } from '../src/lib/output.ts';

const sizes = [16, 32, 48] as const;

/** An ICO file holding one PNG per size (the PNG form of ICO entries, read since Windows Vista). */
function packIco(images: readonly { size: number; png: Uint8Array }[]): Uint8Array {
  const header = 6;
  const entry = 16;
  let offset = header + entry * images.length;
  const out = new DataView(new ArrayBuffer(offset + images.reduce((sum, image) => sum + image.png.length, 0)));
  out.setUint16(2, 1, true); // an icon
  out.setUint16(4, images.length, true);
  images.forEach(({ size, png }, index) => {
    const at = header + entry * index;
    out.setUint8(at, size >= 256 ? 0 : size);
    out.setUint8(at + 1, size >= 256 ? 0 : size);
    out.setUint16(at + 4, 1, true); // colour planes
    out.setUint16(at + 6, 32, true); // bits per pixel
    out.setUint32(at + 8, png.length, true);
    out.setUint32(at + 12, offset, true);
    new Uint8Array(out.buffer).set(png, offset);
    offset += png.length;
  });
  return new Uint8Array(out.buffer);
}

const publicDir = new URL('../public/', import.meta.url).pathname;
const svg = readFileSync(join(publicDir, 'favicon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env['CHROME_PATH'] || '/usr/bin/chromium',
  args: chromiumArgs,
});
try {
  const images = [];
  for (const size of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    images.push({ size, png: await page.screenshot({ omitBackground: true, type: 'png' }) });
    await page.close();
  }
  const file = writeInside(publicDir, 'favicon.ico', packIco(images));
  console.log(`wrote ${file} (${sizes.join(', ')} px)`);
} finally {
  await browser.close();
}
