// Interactions originated by the emulator and answered by a tiny inline discord.js handler.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  MessageFlags,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
} from 'discord.js';
import { UserActionError } from '../src/index.ts';
import { connectClient, startWorld, type TestWorld } from './helpers.ts';

const TOPICS = ['mlops', 'monitoring', 'pipelines', 'registries', 'deployment'];

/** What the handler saw of the last /quiz start, to assert types as discord.js parsed them. */
let seen: Record<string, unknown> = {};

async function handle(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    await interaction.respond(TOPICS.filter((t) => t.startsWith(focused.value)).map((t) => ({ name: t, value: t })));
    return;
  }
  if (interaction.isChatInputCommand()) return handleCommand(interaction);
  if (interaction.isModalSubmit()) {
    await interaction.reply(`noted: ${interaction.fields.getTextInputValue('text')}`);
    return;
  }
  if (interaction.isButton()) {
    await interaction.update({ content: `next by ${interaction.user.username}`, components: [] });
    return;
  }
  if (interaction.isStringSelectMenu()) {
    await interaction.deferUpdate();
    await interaction.editReply({ content: `picked ${interaction.values.join('+')}`, components: [] });
  }
}

async function handleCommand(interaction: ChatInputCommandInteraction): Promise<void> {
  switch (interaction.commandName) {
    case 'quiz': {
      seen = {
        group: interaction.options.getSubcommandGroup(false),
        sub: interaction.options.getSubcommand(),
        topic: interaction.options.getString('topic'),
        count: interaction.options.getInteger('count'),
        hard: interaction.options.getBoolean('hard'),
        rival: interaction.options.getUser('rival')?.username,
        rivalMember: interaction.options.getMember('rival') !== null,
        channelType: interaction.options.getChannel('where')?.type,
        role: interaction.options.getRole('role')?.name,
        inGuild: interaction.inGuild(),
        memberPerms: interaction.memberPermissions?.bitfield,
      };
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('next').setLabel('Next').setStyle(ButtonStyle.Primary),
        new ButtonBuilder().setCustomId('off').setLabel('Off').setStyle(ButtonStyle.Secondary).setDisabled(true),
      );
      await interaction.reply({ content: 'Question 1', components: [row] });
      return;
    }
    case 'pick': {
      const menu = new StringSelectMenuBuilder()
        .setCustomId('topic')
        .setMaxValues(2)
        .addOptions(TOPICS.map((t) => ({ label: t, value: t })));
      await interaction.reply({
        content: 'Pick topics',
        components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)],
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    case 'slow':
      await interaction.deferReply();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await interaction.editReply('done thinking');
      await interaction.followUp({ content: 'a private follow-up', flags: MessageFlags.Ephemeral });
      return;
    case 'defer-follow':
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp('replaces the placeholder');
      return;
    case 'fetchable': {
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      seen = { fetched: response.resource?.message?.content, responseId: response.interaction.responseMessageId };
      return;
    }
    case 'note': {
      const input = new TextInputBuilder().setCustomId('text').setLabel('Note').setStyle(TextInputStyle.Short).setMaxLength(20);
      await interaction.showModal(
        new ModalBuilder().setCustomId('note-modal').setTitle('New note').addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
      );
      return;
    }
    default:
      await interaction.reply(`unknown ${interaction.commandName}`);
  }
}

describe('interactions', () => {
  let world: TestWorld;
  let client: Client;
  let studyRole: string;

  beforeAll(async () => {
    world = await startWorld();
    studyRole = world.emu.createRole(world.guild.id, { name: 'Studying' }).id;
    client = await connectClient(world.emu, (c) => c.on('interactionCreate', (i) => void handle(i)));
    await client.application!.commands.set([
      {
        name: 'quiz',
        description: 'Quiz',
        options: [
          {
            type: ApplicationCommandOptionType.Subcommand,
            name: 'start',
            description: 'Start a quiz',
            options: [
              { type: ApplicationCommandOptionType.String, name: 'topic', description: 'Topic', required: true, autocomplete: true },
              { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'Count', min_value: 1, max_value: 20 },
              { type: ApplicationCommandOptionType.Boolean, name: 'hard', description: 'Hard mode' },
              { type: ApplicationCommandOptionType.User, name: 'rival', description: 'Rival' },
              { type: ApplicationCommandOptionType.Channel, name: 'where', description: 'Where', channel_types: [ChannelType.GuildText] },
              { type: ApplicationCommandOptionType.Role, name: 'role', description: 'Role' },
            ],
          },
          {
            type: ApplicationCommandOptionType.SubcommandGroup,
            name: 'review',
            description: 'Review',
            options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'due', description: 'Due cards' }],
          },
        ],
      },
      { name: 'pick', description: 'Pick topics' },
      { name: 'slow', description: 'Deferred' },
      { name: 'defer-follow', description: 'Deferred then follow-up' },
      { name: 'note', description: 'Opens a modal' },
      { name: 'fetchable', description: 'Reply with with_response' },
    ]);
  });

  afterAll(async () => {
    await client.destroy();
    await world.emu.close();
  });

  beforeEach(() => {
    world.emu.clearViolations();
    seen = {};
  });

  it('delivers a subcommand with typed options and resolved data', async () => {
    const { emu, alice, bob, general } = world;
    const handle = emu.slash({
      userId: alice,
      channelId: general,
      command: 'quiz',
      subcommand: 'start',
      options: { topic: 'mlops', count: 5, hard: true, rival: bob, where: general, role: studyRole },
    });
    const reply = await handle.waitForReply();
    expect(reply.content).toBe('Question 1');
    expect(reply.interaction_metadata).toMatchObject({ id: handle.id, type: 2, user: { id: alice } });
    expect(seen).toEqual({
      group: null,
      sub: 'start',
      topic: 'mlops',
      count: 5,
      hard: true,
      rival: 'bob',
      rivalMember: true,
      channelType: ChannelType.GuildText,
      role: 'Studying',
      inGuild: true,
      memberPerms: BigInt((handle.payload.member as { permissions: string }).permissions),
    });
    expect(handle.payload).toMatchObject({ guild_id: world.guild.id, channel_id: general, context: 0, version: 1 });
    expect(typeof handle.payload.app_permissions).toBe('string');
    emu.assertNoViolations();
  });

  it('delivers subcommand groups', async () => {
    const reply = await world.emu.slash({ userId: world.alice, channelId: world.general, command: 'quiz', group: 'review', subcommand: 'due' }).waitForReply();
    expect(reply.content).toBe('Question 1');
    expect(seen).toMatchObject({ group: 'review', sub: 'due', topic: null });
  });

  it('rejects what Discord would never send: unknown commands, options, wrong types, missing required', () => {
    const { emu, alice, general } = world;
    const base = { userId: alice, channelId: general, command: 'quiz', subcommand: 'start' };
    expect(() => emu.slash({ userId: alice, channelId: general, command: 'nope' })).toThrow(/No registered command \/nope/);
    expect(() => emu.slash({ userId: alice, channelId: general, command: 'quiz' })).toThrow(/requires a subcommand/);
    expect(() => emu.slash({ ...base, subcommand: 'stop', options: { topic: 'x' } })).toThrow(/no top-level subcommand "stop"/);
    expect(() => emu.slash({ ...base, options: { topic: 'x', level: 3 } })).toThrow(/no option "level"/);
    expect(() => emu.slash({ ...base, options: { topic: 'x', count: 'five' } })).toThrow(UserActionError);
    expect(() => emu.slash({ ...base, options: { topic: 'x', count: 2.5 } })).toThrow(/expected an integer/);
    expect(() => emu.slash({ ...base, options: { topic: 'x', count: 21 } })).toThrow(/above max_value 20/);
    expect(() => emu.slash({ ...base, options: { count: 2 } })).toThrow(/requires option "topic"/);
    expect(() => emu.slash({ ...base, options: { topic: 'x', rival: '123' } })).toThrow(/unknown user/);
  });

  it('round-trips autocomplete for the focused option', async () => {
    const handle = world.emu.autocomplete({
      userId: world.alice,
      channelId: world.general,
      command: 'quiz',
      subcommand: 'start',
      options: { topic: 'm' },
      focused: 'topic',
    });
    expect(await handle.choices()).toEqual([
      { name: 'mlops', value: 'mlops' },
      { name: 'monitoring', value: 'monitoring' },
    ]);
    expect(() => world.emu.autocomplete({ userId: world.alice, channelId: world.general, command: 'quiz', subcommand: 'start', focused: 'count' })).toThrow(
      /does not have autocomplete/,
    );
  });

  it('clicks a button on the reply and gets the updated message', async () => {
    const { emu, alice, bob, general } = world;
    const reply = await emu.slash({ userId: alice, channelId: general, command: 'quiz', subcommand: 'start', options: { topic: 'mlops' } }).waitForReply();
    expect(() => emu.click({ userId: bob, messageId: reply.id, customId: 'missing' })).toThrow(/no component "missing"/);
    expect(() => emu.click({ userId: bob, messageId: reply.id, customId: 'off' })).toThrow(/disabled/);
    const click = emu.click({ userId: bob, messageId: reply.id, customId: 'next' });
    expect(click.payload.message).toMatchObject({ id: reply.id });
    const updated = await click.waitForUpdate();
    expect(updated.id).toBe(reply.id);
    expect(updated.content).toBe('next by bob');
    expect(updated.components).toEqual([]);
    expect(emu.getMessage(reply.id)?.content).toBe('next by bob');
    emu.assertNoViolations();
  });

  it('selects from an ephemeral menu, only as its recipient', async () => {
    const { emu, alice, bob, general } = world;
    const menu = await emu.slash({ userId: alice, channelId: general, command: 'pick' }).waitForReply();
    expect(menu.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(emu.messages(general).some((m) => m.id === menu.id)).toBe(false);
    expect(emu.messages(general, { as: alice }).some((m) => m.id === menu.id)).toBe(true);
    expect(emu.messages(general, { as: bob }).some((m) => m.id === menu.id)).toBe(false);

    expect(() => emu.select({ userId: bob, messageId: menu.id, customId: 'topic', values: ['mlops'] })).toThrow(/ephemeral/);
    expect(() => emu.select({ userId: alice, messageId: menu.id, customId: 'topic', values: ['a', 'b', 'c'] })).toThrow(/1-2 value/);
    expect(() => emu.select({ userId: alice, messageId: menu.id, customId: 'topic', values: ['chemistry'] })).toThrow(/no option "chemistry"/);

    const picked = await emu.select({ userId: alice, messageId: menu.id, customId: 'topic', values: ['mlops', 'pipelines'] }).waitForUpdate();
    expect(picked.content).toBe('picked mlops+pipelines');
    emu.assertNoViolations();
  });

  it('shows a deferred reply as "thinking" until edited, then records follow-ups', async () => {
    const { emu, alice, bob, general } = world;
    const handle = emu.slash({ userId: alice, channelId: general, command: 'slow' });
    const callback = await handle.callback();
    expect(callback.type).toBe(5);
    expect((handle.original()?.flags ?? 0) & MessageFlags.Loading).toBe(MessageFlags.Loading);
    const reply = await handle.waitForReply();
    expect(reply.content).toBe('done thinking');
    expect(reply.flags! & MessageFlags.Loading).toBe(0);
    const followUp = await handle.waitForFollowUp(0);
    expect(followUp.content).toBe('a private follow-up');
    expect(followUp.interaction_metadata).toMatchObject({ original_response_message_id: reply.id });
    expect(emu.messages(general, { as: alice }).map((m) => m.id)).toContain(followUp.id);
    expect(emu.messages(general, { as: bob }).map((m) => m.id)).not.toContain(followUp.id);
    emu.assertNoViolations();
  });

  it('lets the first follow-up after a deferral replace the placeholder, keeping it ephemeral', async () => {
    const { emu, alice, general } = world;
    const handle = emu.slash({ userId: alice, channelId: general, command: 'defer-follow' });
    const reply = await handle.waitForReply();
    expect(reply.content).toBe('replaces the placeholder');
    expect(reply.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(handle.followUps()).toEqual([]);
  });

  it('sends DM interactions with `user` and no guild_id', async () => {
    const { emu, alice } = world;
    const dm = emu.dmChannel(alice);
    const handle = emu.slash({ userId: alice, channelId: dm, command: 'quiz', subcommand: 'start', options: { topic: 'mlops' } });
    expect(handle.payload.guild_id).toBeUndefined();
    expect(handle.payload.member).toBeUndefined();
    expect(handle.payload.user).toMatchObject({ id: alice, username: 'alice' });
    expect(handle.payload.context).toBe(1);
    expect((await handle.waitForReply()).channel_id).toBe(dm);
    expect(seen.inGuild).toBe(false);
  });

  it('returns the callback resource when discord.js asks with_response', async () => {
    const reply = await world.emu.slash({ userId: world.alice, channelId: world.general, command: 'fetchable' }).waitForReply();
    await expect.poll(() => seen.fetched).toBe('with response');
    expect(seen.responseId).toBe(reply.id);
  });

  it('opens a modal and submits it', async () => {
    const { emu, alice, bob, general } = world;
    const opener = emu.slash({ userId: alice, channelId: general, command: 'note' });
    const modal = await opener.modal();
    expect(modal).toMatchObject({ custom_id: 'note-modal', title: 'New note' });
    expect(() => emu.submitModal({ userId: bob, interactionId: opener.id, fields: { text: 'x' } })).toThrow(/another user/);
    expect(() => emu.submitModal({ userId: alice, interactionId: opener.id, fields: { text: 'x'.repeat(21) } })).toThrow(/at most 20/);
    const reply = await emu.submitModal({ userId: alice, interactionId: opener.id, fields: { text: 'review drift' } }).waitForReply();
    expect(reply.content).toBe('noted: review drift');
    emu.assertNoViolations();
  });

  it('names what it waited for when a wait times out', async () => {
    const { emu, alice, general } = world;
    const reply = await emu.slash({ userId: alice, channelId: general, command: 'quiz', subcommand: 'start', options: { topic: 'x' } }).waitForReply();
    const handle = emu.slash({ userId: alice, channelId: general, command: 'quiz', subcommand: 'start', options: { topic: 'y' } });
    await expect(handle.waitForFollowUp(0, 150)).rejects.toThrow(/Timed out after 150 ms waiting for follow-up #0 of interaction \/quiz start/);
    expect(reply.id).not.toBe(handle.original()?.id);
  });
});
