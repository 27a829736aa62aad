// npm run icon: draws media/icon.png, the 128×128 icon the Extensions view and the Marketplace
// show, from the activity bar artwork (media/identity-cloud.svg): its strokes in white on a
// rounded blue square, rendered by headless Chromium (Debian's, $CHROMIUM_PATH for another)
// through playwright-core. Run it again after changing the artwork, and commit both.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const SIZE = 128;
const BACKGROUND = '#0f5fa8';

const root = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'esbuild.mjs'))) return dir;
  }
  throw new Error(`no repository root above ${__dirname}`);
})();

async function main(): Promise<void> {
  const artwork = fs
    .readFileSync(path.join(root, 'media', 'identity-cloud.svg'), 'utf8')
    .replace(/\swidth="[^"]*"/, ' width="100%"')
    .replace(/\sheight="[^"]*"/, ' height="100%"');
  const html = `<!DOCTYPE html><html><body style="margin:0;background:transparent">
<div style="width:${SIZE}px;height:${SIZE}px;border-radius:${SIZE * 0.19}px;background:${BACKGROUND};color:#fff;
display:flex;align-items:center;justify-content:center">
<div style="width:${SIZE * 0.86}px;height:${SIZE * 0.86}px">${artwork}</div></div></body></html>`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(html);
    const file = path.join(root, 'media', 'icon.png');
    await page.screenshot({
      path: file,
      omitBackground: true,
      clip: { x: 0, y: 0, width: SIZE, height: SIZE },
    });
    console.log(`wrote ${path.relative(process.cwd(), file)} (${SIZE}×${SIZE})`);
  } finally {
    await browser.close();
  }
}

void main();
