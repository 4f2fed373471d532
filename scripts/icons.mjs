#!/usr/bin/env node
// Renders the app icon (renderer/assets/favicon.svg) to build/icon.png, 1024×1024 with a transparent
// background, in Chromium; electron-builder makes the macOS .icns, the Windows .ico and the Linux
// sizes from it. Run after changing the SVG (`node scripts/icons.mjs`) and commit the PNG.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const size = 1024;
const svg = readFileSync(new URL('../renderer/assets/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const image = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img src="${image}" width="${size}" height="${size}">`,
  );
  await page.locator('img').evaluate((img) => img.decode());
  const png = await page.screenshot({
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  writeFileSync(new URL('../build/icon.png', import.meta.url), png);
  console.log(`icons: build/icon.png ${size}×${size}, ${png.length} bytes`);
} finally {
  await browser.close();
}
