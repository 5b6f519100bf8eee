// Shared setup for emulator tests: a small world and a real discord.js client (Guilds intent only).
import { once } from 'node:events';
import { Client, DiscordAPIError, GatewayIntentBits } from 'discord.js';
import { startEmulator, type DiscordEmulator, type EmulatorOptions, type GuildInfo } from '../src/index.ts';

export interface TestWorld {
  emu: DiscordEmulator;
  guild: GuildInfo;
  alice: string;
  bob: string;
  general: string;
}

/** Emulator with guild "Study Hall" (admin role), users alice and bob, and #general. */
export async function startWorld(options: EmulatorOptions = {}): Promise<TestWorld> {
  const emu = await startEmulator(options);
  const guild = emu.createGuild({ name: 'Study Hall', adminRole: true });
  const alice = emu.createUser({ username: 'alice' }).id;
  const bob = emu.createUser({ username: 'bob' }).id;
  emu.addMember(guild.id, alice);
  emu.addMember(guild.id, bob);
  const general = emu.createTextChannel(guild.id, { name: 'general' }).id;
  return { emu, guild, alice, bob, general };
}

/** Logs a discord.js client into the emulator and waits for clientReady (all guilds received). */
export async function connectClient(emu: DiscordEmulator, setup?: (client: Client) => void): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
  setup?.(client);
  const ready = once(client, 'clientReady');
  await client.login(emu.token);
  await ready;
  return client;
}

/** The Discord API error a promise rejected with (fails the test if it resolved). */
export async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error;
    throw error;
  }
  throw new Error('Expected the request to be rejected by the emulator');
}

/** Collects errors thrown by async interaction handlers so tests can assert on them. */
export class HandlerErrors {
  readonly list: unknown[] = [];
  wrap<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): (...args: A) => void {
    return (...args: A) => {
      fn(...args).catch((error: unknown) => this.list.push(error));
    };
  }
  async next(timeoutMs = 3000): Promise<unknown> {
    const started = Date.now();
    while (this.list.length === 0) {
      if (Date.now() - started > timeoutMs) throw new Error('No handler error was raised');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.list.shift();
  }
}
