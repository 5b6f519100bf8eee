// The playground keeps a member's progress across restarts: same server, channels and members for
// the same data file; a data file without its saved server starts fresh, and says so.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { startPlayground } from '../../src/playground/start.ts';
import { content } from './harness.ts';

type Session = { guild: { id: string }; members: { id: string }[]; channels: { id: string }[] };

async function call<T>(url: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(
    `${url}${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const data = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(data.error);
  return data;
}

describe('the playground across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ai300-playground-'));
  const storeUrl = `sqlite://${join(dir, 'playground.sqlite')}`;
  let stop: (() => Promise<void>) | undefined;
  const start = async () => {
    const playground = await startPlayground({
      config: parseConfig({ PLAYGROUND_PORT: '0' }),
      content: content(),
      logger: silentLogger,
      storeUrl,
      quiet: true,
    });
    stop = playground.stop;
    return playground.url;
  };
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('keeps the same server, members and records for the same data file', async () => {
    let url = await start();
    const first = await call<Session>(url, '/api/session');
    const [ana] = first.members;
    const [study] = first.channels;
    await call(url, '/api/command', { as: ana!.id, channelId: study!.id, command: 'ai300', subcommand: 'quiz', options: {} });
    const { messages } = await call<{ messages: { id: string; components: { components: { label: string; custom_id: string }[] }[] }[] }>(
      url,
      `/api/messages?channel=${study!.id}&as=${ana!.id}`,
    );
    const button = messages.at(-1)!.components[0]!.components.find((b) => b.label === 'A')!;
    await call(url, '/api/click', { as: ana!.id, channelId: study!.id, messageId: messages.at(-1)!.id, customId: button.custom_id });
    await stop!();
    stop = undefined;

    url = await start();
    const second = await call<Session>(url, '/api/session');
    expect(second.guild.id).toBe(first.guild.id);
    expect(second.members.map((m) => m.id)).toEqual(first.members.map((m) => m.id));
    expect(second.channels.map((c) => c.id)).toEqual(first.channels.map((c) => c.id));
    await call(url, '/api/command', { as: ana!.id, channelId: study!.id, command: 'ai300', subcommand: 'stats', options: { private: 'true' } });
    const after = await call<{ messages: { embeds: { description?: string }[] }[] }>(url, `/api/messages?channel=${study!.id}&as=${ana!.id}`);
    expect(after.messages.at(-1)!.embeds[0]!.description).toContain('1 answer so far');
  });

  it('starts fresh and clears a data file whose saved server is missing', async () => {
    writeFileSync(join(dir, 'playground.sqlite.world.json'), 'not json');
    const url = await start();
    const session = await call<Session>(url, '/api/session');
    expect(session.members).toHaveLength(3);
    expect(existsSync(join(dir, 'playground.sqlite.world.json'))).toBe(true);
    const [ana] = session.members;
    await call(url, '/api/command', { as: ana!.id, channelId: session.channels[0]!.id, command: 'ai300', subcommand: 'stats', options: { private: 'true' } });
    const after = await call<{ messages: { embeds: { description?: string }[] }[] }>(url, `/api/messages?channel=${session.channels[0]!.id}&as=${ana!.id}`);
    expect(after.messages.at(-1)!.embeds[0]!.description).toContain('No answers yet');
  });
});
