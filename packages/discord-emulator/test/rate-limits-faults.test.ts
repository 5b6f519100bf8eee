// Rate limits (global, per route, per channel) and injected faults (429, 500, latency).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client, TextChannel } from 'discord.js';
import { connectClient, startWorld, type TestWorld } from './helpers.ts';

const MESSAGES_ROUTE = '/channels/:channelId/messages';

describe('rate limits and faults', () => {
  let world: TestWorld;
  let client: Client;
  let channel: TextChannel;

  beforeAll(async () => {
    // A short per-channel window keeps the "discord.js waits for the bucket" test fast.
    world = await startWorld({ rateLimits: { messageCreate: { limit: 3, windowMs: 400 } } });
    client = await connectClient(world.emu);
    channel = client.channels.cache.get(world.general) as TextChannel;
  });

  afterAll(async () => {
    await client.destroy();
    await world.emu.close();
  });

  beforeEach(() => {
    world.emu.clearViolations();
    world.emu.faults.clear();
    world.emu.resetRateLimits();
  });

  const statuses = (route: string, since: number) =>
    world.emu.requests
      .slice(since)
      .filter((r) => r.route === route)
      .map((r) => r.status);

  it('a route 429 is retried by discord.js after retry_after and then succeeds', async () => {
    const since = world.emu.requests.length;
    world.emu.faults.rateLimit({ method: 'POST', route: MESSAGES_ROUTE, retryAfterMs: 150, count: 2 });
    const started = Date.now();
    const message = await channel.send('after route limit');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(message.content).toBe('after route limit');
    expect(statuses(MESSAGES_ROUTE, since)).toEqual([429, 429, 200]);
    expect(world.emu.messages(world.general).filter((m) => m.content === 'after route limit')).toHaveLength(1);
    world.emu.assertNoViolations(); // injected faults are not violations
  });

  it('a global 429 (X-RateLimit-Global) is retried and then succeeds', async () => {
    const since = world.emu.requests.length;
    world.emu.faults.rateLimit({ global: true, retryAfterMs: 200, path: `/channels/${world.general}/messages` });
    const started = Date.now();
    await channel.send('after global limit');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(statuses(MESSAGES_ROUTE, since)).toEqual([429, 200]);
    expect(world.emu.requests.slice(since).find((r) => r.status === 429)?.injected).toBe('rate-limit');
  });

  it('an injected 500 is retried by discord.js', async () => {
    const since = world.emu.requests.length;
    world.emu.faults.serverError({ route: MESSAGES_ROUTE, count: 2 });
    const message = await channel.send('after server errors');
    expect(message.content).toBe('after server errors');
    expect(statuses(MESSAGES_ROUTE, since)).toEqual([500, 500, 200]);
    world.emu.assertNoViolations();
  });

  it('adds latency to matching routes', async () => {
    const remove = world.emu.faults.latency({ route: MESSAGES_ROUTE, ms: 200 });
    const started = Date.now();
    await channel.send('slow');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    remove();
    const fast = Date.now();
    await channel.send('fast');
    expect(Date.now() - fast).toBeLessThan(150);
  });

  it('reports per-channel buckets in headers so discord.js waits instead of hitting 429', async () => {
    const since = world.emu.requests.length;
    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, (_, i) => channel.send(`burst ${i}`)));
    // 3 per 400 ms: the 4th and 5th wait for the bucket reset.
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(statuses(MESSAGES_ROUTE, since)).toEqual([200, 200, 200, 200, 200]);
    world.emu.assertNoViolations();

    const response = await fetch(`${world.emu.apiUrl}/v10/channels/${world.general}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bot ${world.emu.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'raw' }),
    });
    expect(response.headers.get('x-ratelimit-limit')).toBe('3');
    expect(response.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(response.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);
  });

  it('answers a burst above 50 requests per second with a global 429 and records violations', async () => {
    const responses = await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${world.emu.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${world.emu.token}` } })),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(50);
    expect(limited).toHaveLength(10);
    const first = limited[0]!;
    expect(first.headers.get('x-ratelimit-global')).toBe('true');
    expect(first.headers.get('x-ratelimit-scope')).toBe('global');
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await first.json()) as { message: string; retry_after: number; global: boolean };
    expect(body.global).toBe(true);
    expect(body.retry_after).toBeGreaterThan(0);
    expect(body.message).toBe('You are being rate limited.');
    expect(world.emu.violations.filter((v) => v.status === 429)).toHaveLength(10);
  });

  it('exempts interaction callbacks from the global limit', async () => {
    await client.application!.commands.set([{ name: 'ping', description: 'Ping' }]);
    client.on('interactionCreate', (i) => {
      if (i.isChatInputCommand()) void i.reply('pong');
    });
    world.emu.resetRateLimits();
    await Promise.all(Array.from({ length: 50 }, () => fetch(`${world.emu.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${world.emu.token}` } })));
    const reply = await world.emu.slash({ userId: world.alice, channelId: world.general, command: 'ping' }).waitForReply();
    expect(reply.content).toBe('pong');
    world.emu.assertNoViolations();
  });
});
