// The REST proxy the shards share, against the emulator: requests pass through with their bodies,
// and a request Discord answers with 429 is retried whole, not sent again without its body.
import { startEmulator, type DiscordEmulator } from '@ai300/discord-emulator';
import { REST } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { startRestProxy, type RestProxy } from '../../src/sharding.ts';
import { createTestWorld, type StudyWorld } from '../helpers/studyWorld.ts';

describe('the shared REST proxy', () => {
  let emulator: DiscordEmulator;
  let proxy: RestProxy;
  let world: StudyWorld;
  let rest: REST;

  beforeAll(async () => {
    emulator = await startEmulator();
    world = createTestWorld(emulator);
    proxy = await startRestProxy(emulator.apiUrl, silentLogger);
    // A shard's REST client, pointed at the proxy.
    rest = new REST({ api: proxy.url }).setToken(emulator.token);
  });

  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('passes a request and its reply through', async () => {
    const sent = (await rest.post(Routes.channelMessages(world.studyChannel), { body: { content: 'through the proxy' } })) as { id: string };
    expect(emulator.messages(world.studyChannel).find((m) => m.id === sent.id)?.content).toBe('through the proxy');
  });

  it('retries a request answered with 429, body and all', async () => {
    emulator.faults.rateLimit({ method: 'POST', route: '/channels/:channelId/messages', retryAfterMs: 30, global: true, count: 1 });
    const sent = (await rest.post(Routes.channelMessages(world.studyChannel), { body: { content: 'after a 429' } })) as { id: string };
    expect(emulator.messages(world.studyChannel).find((m) => m.id === sent.id)?.content).toBe('after a 429');
    expect(emulator.requests.filter((r) => r.status === 429)).toHaveLength(1);
    emulator.clearViolations();
  });
});
