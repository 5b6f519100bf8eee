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

  /** A fresh page on the playground, once its channels have loaded. */
  async function openPlayground(viewport = { width: 1280, height: 900 }) {
    const page = await browser.newPage({ viewport });
    await page.goto(playground.url);
    await page.locator('#channels li').first().waitFor();
    return page;
  }

  /** Types a whole command and sends it, without picking a suggestion. */
  async function send(page: Awaited<ReturnType<typeof openPlayground>>, command: string) {
    const box = page.locator('#command');
    await box.fill(command);
    await box.press('Escape');
    await box.press('Enter');
  }

  it('runs /ai300 quiz, takes an answer and shows the explanation', async () => {
    const page = await openPlayground();
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

  it('loads without console errors, names the subcommand used, and completes a half-typed option name', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(playground.url);
    await page.locator('#channels li').first().waitFor();
    expect(errors).toEqual([]);
    const box = page.locator('#command');
    await box.fill('/ai300 quiz dom');
    await box.press('Tab');
    await expect.poll(() => box.inputValue()).toBe('/ai300 quiz domain:');
    await box.fill('/ai300 quiz foo');
    await box.press('Escape');
    await box.press('Enter');
    await expect.poll(() => page.locator('#error').textContent()).toContain('"foo" is not an option of /ai300 quiz');
    expect(await box.inputValue()).toBe('/ai300 quiz foo'); // nothing typed is silently dropped
    await box.fill('/ai300 cheatsheet');
    await box.press('Escape');
    await box.press('Enter');
    await page.locator('.used', { hasText: 'Ana used /ai300 cheatsheet' }).waitFor();
  });

  it('does not offer admin commands to a member, and refuses them like Discord when typed', async () => {
    const page = await openPlayground();
    await page.locator('#member').selectOption({ label: 'Ben' });
    const box = page.locator('#command');
    await box.fill('/ai300');
    await page.locator('#suggestions li').first().waitFor();
    const offered = await page.locator('#suggestions li').allTextContents();
    expect(offered.some((s) => s.startsWith('/ai300-daily') || s.startsWith('/ai300-admin'))).toBe(false);
    await box.fill('/ai300-daily status');
    await box.press('Escape');
    await box.press('Enter');
    await expect.poll(() => page.locator('#error').textContent()).toContain('You do not have permission to use /ai300-daily.');
  });

  it('reports a problem through the modal, with a character counter', async () => {
    const page = await openPlayground();
    await send(page, '/ai300 quiz');
    const question = page.locator('article.message.ephemeral').last();
    await question.locator('button', { hasText: /^A$/ }).click();
    await page.locator('article.message.ephemeral button', { hasText: 'Report a problem' }).last().click();
    await page.locator('article.message.ephemeral select').last().selectOption('unclear');
    await page.locator('#modal[open]').waitFor();
    await page.locator('#modal textarea').fill('Choice C reads two ways.');
    expect(await page.locator('#modal .counter').textContent()).toBe('24/500');
    await page.locator('#modal button[type=submit]').click();
    await page.locator('article.message.ephemeral', { hasText: 'Thank you: your report on' }).waitFor();
  });

  it('says when the next daily post is due after a sweep that posted nothing', async () => {
    const page = await openPlayground();
    await send(page, '/ai300-daily set channel:#daily-question time:23:59');
    await page.locator('article.message.ephemeral', { hasText: 'Daily question set for' }).waitFor();
    await page.locator('#sweep').click();
    await expect.poll(() => page.locator('#error').textContent()).toMatch(/No daily question was due\. Next: #daily-question|Posted 1 daily question/);
  });

  it('plays a study session as several members: each answer locked in privately, Stop for the starter only', async () => {
    const page = await openPlayground();
    await send(page, '/ai300 session questions:5 seconds:30');
    await page.locator('article.message', { hasText: 'Study session starting' }).waitFor();
    const question = () => page.locator('article.message', { hasText: 'Session · question 1/5' }).last();
    await question().locator('button', { hasText: /^A$/ }).waitFor();
    expect(await question().textContent()).toMatch(/closes in \d+ seconds/);
    await question().locator('button', { hasText: /^A$/ }).click();
    await page.locator('article.message.ephemeral', { hasText: 'Locked in: A' }).waitFor();
    for (const [member, letter] of [
      ['Ben', 'B'],
      ['Chloé', 'C'],
    ] as const) {
      await page.locator('#member').selectOption({ label: member });
      await question()
        .locator('button', { hasText: new RegExp(`^${letter}$`) })
        .click();
      await page.locator('article.message.ephemeral', { hasText: `Locked in: ${letter}` }).waitFor();
    }
    await question().locator('button', { hasText: /^A$/ }).click(); // Chloé again
    await page.locator('article.message.ephemeral', { hasText: 'You already locked in C' }).waitFor();
    await question().locator('button', { hasText: 'Stop the round' }).click();
    await page.locator('article.message.ephemeral', { hasText: 'who started this round, or a member with Manage Messages' }).waitFor();
    await page.locator('#member').selectOption({ label: 'Ana (admin)' });
    await question().locator('button', { hasText: 'Stop the round' }).click();
    const board = page.locator('article.message', { hasText: 'Session stopped' });
    await board.waitFor();
    expect(await board.textContent()).toMatch(/Scoreboard \(top 10 of 3 players\)/);
    expect(await page.locator('article.message', { hasText: '(closed)' }).last().textContent()).toMatch(/of 3 right/);
    await page.screenshot({ path: 'test-artifacts/playground-session.png' });
  });

  it('is usable 360 px wide: nothing overflows sideways', async () => {
    const page = await openPlayground({ width: 360, height: 740 });
    await send(page, '/ai300 cheatsheet');
    await page.locator('article.message .embed').first().waitFor();
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(360);
    expect(await page.locator('#command').isVisible()).toBe(true);
    await page.screenshot({ path: 'test-artifacts/playground-360.png', fullPage: true });
  });
});
