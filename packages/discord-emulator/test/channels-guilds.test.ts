// Channel message routes and guild reads through discord.js, with the bot's permission checks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MessageFlags, PermissionFlagsBits, type Client, type TextChannel } from 'discord.js';
import { apiError, connectClient, startWorld, type TestWorld } from './helpers.ts';

describe('channel messages and guild reads', () => {
  let world: TestWorld;
  let client: Client;
  let locked: string;
  let hidden: string;

  beforeAll(async () => {
    world = await startWorld();
    const { emu, guild } = world;
    locked = emu.createTextChannel(guild.id, {
      name: 'locked',
      overwrites: [{ id: emu.applicationId, type: 'member', deny: PermissionFlagsBits.SendMessages }],
    }).id;
    hidden = emu.createTextChannel(guild.id, { name: 'hidden', overwrites: [{ id: guild.id, type: 'role', deny: PermissionFlagsBits.ViewChannel }] }).id;
    client = await connectClient(emu, (c) =>
      c.on('interactionCreate', (i) => {
        if (i.isChatInputCommand()) void i.reply({ content: 'secret', flags: MessageFlags.Ephemeral });
      }),
    );
    await client.application!.commands.set([{ name: 'secret', description: 'Ephemeral' }]);
  });

  afterAll(async () => {
    await client.destroy();
    await world.emu.close();
  });

  beforeEach(() => world.emu.clearViolations());

  it('creates, fetches, edits and deletes the bot’s own messages', async () => {
    const channel = client.channels.cache.get(world.general) as TextChannel;
    const sent = await channel.send({ content: `hello <@${world.alice}>`, embeds: [{ title: 'Card', description: 'Q?' }] });
    expect(sent.author.id).toBe(world.emu.applicationId);
    expect(sent.mentions.users.has(world.alice)).toBe(true);
    const stored = world.emu.getMessage(sent.id)!;
    expect(stored.embeds[0]).toMatchObject({ type: 'rich', title: 'Card' });

    const fetched = await channel.messages.fetch({ message: sent.id, force: true });
    expect(fetched.content).toBe(sent.content);
    const edited = await sent.edit('edited');
    expect(edited.editedTimestamp).not.toBeNull();
    expect(world.emu.getMessage(sent.id)?.content).toBe('edited');
    const reply = await sent.reply('a reply');
    expect(world.emu.getMessage(reply.id)?.message_reference?.message_id).toBe(sent.id);

    const list = await channel.messages.fetch({ limit: 10 });
    expect(list.first()?.id).toBe(reply.id); // newest first
    await sent.delete();
    expect(world.emu.getMessage(sent.id)).toBeUndefined();
    world.emu.assertNoViolations();
  });

  it('creates one message per enforced nonce within five minutes, as Discord does', async () => {
    const channel = client.channels.cache.get(world.general) as TextChannel;
    const before = world.emu.messages(world.general).length;
    const first = await channel.send({ content: 'once', nonce: 'post-1', enforceNonce: true });
    const again = await channel.send({ content: 'once again?', nonce: 'post-1', enforceNonce: true });
    expect(again.id).toBe(first.id);
    expect(world.emu.getMessage(first.id)?.content).toBe('once');
    // Without enforce_nonce, or with another nonce, a new message each time.
    const unenforced = await channel.send({ content: 'twice', nonce: 'post-1' });
    const other = await channel.send({ content: 'other', nonce: 'post-2', enforceNonce: true });
    expect(new Set([first.id, unenforced.id, other.id]).size).toBe(3);
    expect(world.emu.messages(world.general).length).toBe(before + 3);
    // Past the window the nonce is free again.
    world.emu.advanceTime(5 * 60_000 + 1);
    const later = await channel.send({ content: 'later', nonce: 'post-1', enforceNonce: true });
    expect(later.id).not.toBe(first.id);
    world.emu.assertNoViolations();
  });

  it('accepts multipart uploads (payload_json + files) as attachments', async () => {
    const channel = client.channels.cache.get(world.general) as TextChannel;
    const sent = await channel.send({ content: 'notes', files: [{ attachment: Buffer.from('flashcards'), name: 'cards.txt' }] });
    expect(sent.attachments.first()?.name).toBe('cards.txt');
    expect(world.emu.getMessage(sent.id)?.attachments).toEqual([expect.objectContaining({ filename: 'cards.txt', size: 10 })]);
  });

  it('never returns ephemeral messages through channel routes', async () => {
    const reply = await world.emu.slash({ userId: world.alice, channelId: world.general, command: 'secret' }).waitForReply();
    const channel = client.channels.cache.get(world.general) as TextChannel;
    const list = await channel.messages.fetch({ limit: 100 });
    expect(list.has(reply.id)).toBe(false);
    const error = await apiError(channel.messages.fetch({ message: reply.id, force: true }));
    expect(error.code).toBe(10008);
  });

  it('answers Missing Permissions (50013) and Missing Access (50001) from overwrites', async () => {
    const lockedChannel = client.channels.cache.get(locked) as TextChannel;
    const noSend = await apiError(lockedChannel.send('blocked'));
    expect(noSend.status).toBe(403);
    expect(noSend.code).toBe(50013);
    const noView = await apiError(client.rest.post(`/channels/${hidden}/messages`, { body: { content: 'x' } }));
    expect(noView.code).toBe(50001);
    const unknown = await apiError(client.rest.post('/channels/1234567890123456789/messages', { body: { content: 'x' } }));
    expect(unknown.code).toBe(10003);
    expect(world.emu.violations.map((v) => v.status)).toEqual([403, 403, 404]);
  });

  it('serves the guild, its channels, roles and members', async () => {
    const guild = await client.guilds.fetch({ guild: world.guild.id, force: true });
    expect(guild.name).toBe('Study Hall');
    const channels = await guild.channels.fetch();
    expect(channels.size).toBe(3);
    const roles = await guild.roles.fetch();
    expect(roles.map((r) => r.name).sort()).toEqual(['@everyone', 'Admin']);
    const alice = await guild.members.fetch({ user: world.alice, force: true });
    expect(alice.user.username).toBe('alice');
    const missing = await apiError(guild.members.fetch({ user: '1234567890123456789', force: true }));
    expect(missing.code).toBe(10007);
    const snapshot = world.emu.snapshot();
    expect(snapshot.guilds.map((g) => g.channels.length)).toEqual([3]);
    expect(snapshot.users.map((u) => u.username)).toEqual(expect.arrayContaining(['alice', 'bob', 'StudyBot']));
  });

  it('sends DMs through the DM channel', async () => {
    const user = await client.users.fetch(world.alice);
    const dm = await user.send('study reminder');
    expect(dm.channelId).toBe(world.emu.dmChannel(world.alice));
    expect(world.emu.messages(dm.channelId).map((m) => m.content)).toEqual(['study reminder']);
  });
});
