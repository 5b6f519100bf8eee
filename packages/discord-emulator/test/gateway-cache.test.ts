// Login through the emulator: READY + GUILD_CREATE fill discord.js's caches, later world
// changes arrive as gateway events, and a dropped connection resumes.
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelType, PermissionFlagsBits, type Client } from 'discord.js';
import { connectClient, startWorld, type TestWorld } from './helpers.ts';

describe('gateway and caches', () => {
  let world: TestWorld;
  let client: Client;
  let locked: string;
  let hidden: string;

  beforeEach(async () => {
    world = await startWorld();
    const { emu, guild } = world;
    locked = emu.createTextChannel(guild.id, {
      name: 'announcements',
      overwrites: [{ id: emu.applicationId, type: 'member', deny: PermissionFlagsBits.SendMessages }],
    }).id;
    hidden = emu.createTextChannel(guild.id, {
      name: 'staff',
      overwrites: [{ id: guild.id, type: 'role', deny: PermissionFlagsBits.ViewChannel }],
    }).id;
    client = await connectClient(emu);
  });

  afterEach(async () => {
    await client.destroy();
    await world.emu.close();
  });

  it('fills guild, channel, role and member caches from READY and GUILD_CREATE', () => {
    const { emu, guild, general } = world;
    expect(client.user?.id).toBe(emu.applicationId);
    expect(client.application?.id).toBe(emu.applicationId);
    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.name).toBe('Study Hall');
    expect(cached?.available).toBe(true);
    expect(cached?.ownerId).toBe(guild.ownerId);
    expect([...(cached?.channels.cache.keys() ?? [])].sort()).toEqual([general, locked, hidden].sort());
    expect(cached?.channels.cache.get(general)?.type).toBe(ChannelType.GuildText);
    expect(cached?.roles.cache.map((r) => r.name).sort()).toEqual(['@everyone', 'Admin']);
    expect(cached?.roles.cache.get(guild.adminRoleId!)?.permissions.has(PermissionFlagsBits.Administrator)).toBe(true);
    expect(cached?.members.me?.id).toBe(emu.applicationId);
    expect(cached?.memberCount).toBe(4); // owner, alice, bob, bot
  });

  it("computes the bot's permissions with channel overwrites", () => {
    const { guild, general } = world;
    const cached = client.guilds.cache.get(guild.id)!;
    const me = cached.members.me!;
    const inGeneral = cached.channels.cache.get(general)!.permissionsFor(me)!;
    const inLocked = cached.channels.cache.get(locked)!.permissionsFor(me)!;
    const inHidden = cached.channels.cache.get(hidden)!.permissionsFor(me)!;
    expect(inGeneral.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(inLocked.has(PermissionFlagsBits.ViewChannel)).toBe(true);
    expect(inLocked.has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(inHidden.has(PermissionFlagsBits.ViewChannel)).toBe(false);
  });

  it('dispatches CHANNEL_CREATE, CHANNEL_UPDATE (overwrites) and CHANNEL_DELETE', async () => {
    const { emu, guild, general } = world;
    const created = once(client, 'channelCreate');
    const extra = emu.createTextChannel(guild.id, { name: 'quiz' }).id;
    await created;
    expect(client.channels.cache.get(extra)?.isTextBased()).toBe(true);

    const updated = once(client, 'channelUpdate');
    emu.setChannelOverwrites(general, [{ id: emu.applicationId, type: 'member', deny: PermissionFlagsBits.SendMessages }]);
    await updated;
    const me = client.guilds.cache.get(guild.id)!.members.me!;
    expect(client.guilds.cache.get(guild.id)!.channels.cache.get(general)!.permissionsFor(me)!.has(PermissionFlagsBits.SendMessages)).toBe(false);

    const deleted = once(client, 'channelDelete');
    emu.deleteChannel(extra);
    await deleted;
    expect(client.channels.cache.has(extra)).toBe(false);
  });

  it('sends GUILD_CREATE for a guild created after login', async () => {
    const joined = once(client, 'guildCreate');
    const info = world.emu.createGuild({ name: 'Late Guild', botPermissions: PermissionFlagsBits.Administrator });
    const [guild] = await joined;
    expect(guild.id).toBe(info.id);
    expect(guild.members.me?.permissions.has(PermissionFlagsBits.Administrator)).toBe(true);
  });

  it('resumes after a dropped connection, replays missed events and still receives interactions', async () => {
    const { emu, guild, alice, general } = world;
    await client.application!.commands.set([{ name: 'ping', description: 'Ping' }]);
    client.on('interactionCreate', (i) => {
      if (i.isChatInputCommand()) void i.reply('pong');
    });
    const resumed = emu.waitFor('gatewayResume', () => true, { timeoutMs: 5000 });
    expect(emu.dropGatewayConnection()).toBe(1);
    // Created while the bot is disconnected: must be replayed on RESUME.
    const missed = emu.createTextChannel(guild.id, { name: 'while-offline' }).id;
    const [, replayed] = await resumed;
    expect(replayed).toBeGreaterThanOrEqual(1);
    await expect.poll(() => client.channels.cache.has(missed)).toBe(true);

    const reply = await emu.slash({ userId: alice, channelId: general, command: 'ping' }).waitForReply();
    expect(reply.content).toBe('pong');
    emu.assertNoViolations();
  });
});
