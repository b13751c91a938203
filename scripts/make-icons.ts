/**
 * Renders assets/icon.svg to the PNG icons the manifest and AppSource use:
 * assets/icon-16.png, -32, -64, -80 and -128, transparent background.
 *
 *   npm run icons          (CHROMIUM=/path/to/chromium to use another browser)
 *
 * Headless Chromium draws the SVG at each size itself (no scaling of a bitmap), so the small
 * icons stay sharp. Needs Debian's `chromium` package (`apt-get install chromium`) or any
 * Chromium/Chrome binary; playwright-core only drives it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

const ASSETS = path.resolve(__dirname, '..', 'assets');

async function main(): Promise<void> {
  const svg = readFileSync(path.join(ASSETS, 'icon.svg'), 'utf8');
  // Chromium's crash reporter and profile stay out of the home folder.
  const scratch = mkdtempSync(path.join(tmpdir(), 'credit-cover-icons-'));
  process.env.XDG_CONFIG_HOME = scratch;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${sized}</body></html>`,
      );
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      const file = path.join(ASSETS, `icon-${size}.png`);
      writeFileSync(file, png);
      console.log(`${path.relative(process.cwd(), file)} (${png.length} bytes)`);
      await page.close();
    }
  } finally {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
