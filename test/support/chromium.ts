/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser; stack notes). Pages
 * are photographed at a desktop and a phone size into test-artifacts/screenshots/<db>/, which CI
 * keeps.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = (): Promise<Browser> => {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: \`apt-get install chromium\` (as .ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = path.join(
  repoRoot,
  'test-artifacts',
  'screenshots',
  process.env.LATCH_TEST_DB ?? 'pglite',
);

export const sizes = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 320, height: 640 },
} as const;

/** Saves `name`-desktop.png and `name`-phone.png of the page as it is now. */
export const screenshot = async (page: Page, name: string) => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize();
  for (const [size, viewport] of Object.entries(sizes)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${size}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
};

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2 A/AA rules) on the page as it is now; returns the serious and critical
 * violations as `rule: target` lines (empty when there are none).
 */
export const accessibilityProblems = async (page: Page): Promise<string[]> => {
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })) })))`,
  );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
};
