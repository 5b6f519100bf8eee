// Opens the playground in Debian's chromium, runs /ai300 quiz, answers, and sees the explanation.
// Skipped (with a message) where no chromium is installed; .ci/run installs it.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { loadCheckedContent } from '../../src/render/contentChecks.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { startPlayground } from '../../src/playground/start.ts';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!CHROMIUM) console.warn("Browser test skipped: no chromium found (install Debian's chromium package to run it).");

describe.skipIf(!CHROMIUM)('playground in a browser', () => {
  let browser: Browser;
  let playground: Awaited<ReturnType<typeof startPlayground>>;

  beforeAll(async () => {
    const config = parseConfig({ PLAYGROUND_PORT: '0' });
    playground = await startPlayground({ config, content: loadCheckedContent(), logger: silentLogger, storeUrl: 'memory://', quiet: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
  });

  it('runs /ai300 quiz, takes an answer and shows the explanation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(playground.url);
    await page.locator('#channels li').first().waitFor();
    const box = page.locator('#command');
    await box.pressSequentially('/ai300 qu');
    await page.locator('#suggestions li', { hasText: '/ai300 quiz' }).waitFor();
    await box.press('Enter'); // picks the suggested subcommand
    await expect.poll(() => box.inputValue()).toBe('/ai300 quiz ');
    await box.press('Enter'); // sends it
    const question = page.locator('article.message.ephemeral').last();
    await question.locator('button', { hasText: /^A$/ }).waitFor();
    expect(await question.locator('.ephemeral-note').textContent()).toMatch(/Only you can see this/);
    await question.locator('button', { hasText: /^B$/ }).click();
    const reveal = page.locator('article.message.ephemeral').last();
    await reveal.locator('.field-name', { hasText: 'Why not the others' }).waitFor();
    const text = await reveal.textContent();
    expect(text).toMatch(/Correct: [ABCD]|Not quite: you chose B, the answer is [ACD]/);
    expect(await reveal.locator('button', { hasText: 'Next question' }).isVisible()).toBe(true);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/playground-quiz.png' });
  });
});
