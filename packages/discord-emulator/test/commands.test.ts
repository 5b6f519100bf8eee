// Application command registration through discord.js: global, guild, bulk overwrite, and
// Discord's validation of definitions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, PermissionFlagsBits, SlashCommandBuilder, type Client } from 'discord.js';
import { apiError, connectClient, startWorld, type TestWorld } from './helpers.ts';

describe('application commands', () => {
  let world: TestWorld;
  let client: Client;

  beforeAll(async () => {
    world = await startWorld();
    client = await connectClient(world.emu);
  });

  afterAll(async () => {
    await client.destroy();
    await world.emu.close();
  });

  beforeEach(() => world.emu.clearViolations());

  it('registers global commands with bulk overwrite, keeping ids of commands that stay', async () => {
    const quiz = new SlashCommandBuilder()
      .setName('quiz')
      .setDescription('Practice questions')
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
      .addSubcommand((s) =>
        s
          .setName('start')
          .setDescription('Start')
          .addIntegerOption((o) => o.setName('count').setDescription('How many').setMinValue(1).setMaxValue(20)),
      );
    const first = await client.application!.commands.set([quiz.toJSON(), { name: 'ping', description: 'Ping' }]);
    expect(first.map((c) => c.name).sort()).toEqual(['ping', 'quiz']);
    const quizId = first.find((c) => c.name === 'quiz')!.id;
    expect(world.emu.commands().find((c) => c.name === 'quiz')?.default_member_permissions).toBe('16');

    const second = await client.application!.commands.set([quiz.toJSON(), { name: 'stats', description: 'Stats' }]);
    expect(second.map((c) => c.name).sort()).toEqual(['quiz', 'stats']);
    expect(second.find((c) => c.name === 'quiz')!.id).toBe(quizId);
    expect(
      world.emu
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['quiz', 'stats']);
    world.emu.assertNoViolations();
  });

  it('creates, edits, fetches and deletes guild commands separately from global ones', async () => {
    const { guild, emu } = world;
    const created = await client.application!.commands.create({ name: 'guildonly', description: 'Guild only' }, guild.id);
    expect(created.guildId).toBe(guild.id);
    expect(emu.commands(guild.id).map((c) => c.name)).toEqual(['guildonly']);
    expect(emu.commands().some((c) => c.name === 'guildonly')).toBe(false);

    const edited = await client.application!.commands.edit(created.id, { description: 'Edited' }, guild.id);
    expect(edited.description).toBe('Edited');
    const fetched = await client.application!.commands.fetch({ guildId: guild.id });
    expect(fetched.map((c) => c.description)).toEqual(['Edited']);

    await client.application!.commands.delete(created.id, guild.id);
    expect(emu.commands(guild.id)).toEqual([]);
    const missing = await apiError(client.application!.commands.fetch(created.id, { guildId: guild.id, force: true }));
    expect(missing.code).toBe(10063);
    world.emu.clearViolations();
  });

  it('rejects an invalid definition with 50035 naming the field (schema)', async () => {
    const error = await apiError(
      client.application!.commands.create({
        name: 'long',
        description: 'x'.repeat(101),
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
    expect((error.rawError as any).errors.description._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    expect(world.emu.violations).toHaveLength(1);
    expect(world.emu.violations[0]).toMatchObject({ method: 'POST', route: '/applications/:appId/commands', status: 400 });
  });

  it('rejects names, option order and duplicates that Discord refuses (explicit rules)', async () => {
    const upper = await apiError(client.application!.commands.create({ name: 'Ping', description: 'Upper case' }));
    expect((upper.rawError as any).errors.name._errors[0].code).toBe('APPLICATION_COMMAND_INVALID_NAME');

    const order = await apiError(
      client.application!.commands.create({
        name: 'order',
        description: 'Required after optional',
        options: [
          { type: ApplicationCommandOptionType.String, name: 'a', description: 'a' },
          { type: ApplicationCommandOptionType.String, name: 'b', description: 'b', required: true },
        ],
      }),
    );
    expect((order.rawError as any).errors.options['1'].required._errors[0].code).toBe('APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID');

    const duplicate = await apiError(
      client.application!.commands.set([
        { name: 'same', description: 'one' },
        { name: 'same', description: 'two' },
      ]),
    );
    expect((duplicate.rawError as any).errors['1'].name._errors[0].code).toBe('APPLICATION_COMMANDS_DUPLICATE_NAME');

    const tooManyChoices = await apiError(
      client.application!.commands.create({
        name: 'choices',
        description: 'Too many choices',
        options: [
          {
            type: ApplicationCommandOptionType.String,
            name: 'pick',
            description: 'pick',
            choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `v${i}` })),
          },
        ],
      }),
    );
    expect((tooManyChoices.rawError as any).errors.options['0'].choices._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');

    const huge = await apiError(
      client.application!.commands.create({
        name: 'huge',
        description: 'd'.repeat(100),
        options: Array.from({ length: 25 }, (_, i) => ({
          type: ApplicationCommandOptionType.String,
          name: `o${i}`,
          description: 'd'.repeat(100),
          choices: Array.from({ length: 25 }, (_, k) => ({ name: `n${k}`.padEnd(10, 'n'), value: `v${k}`.padEnd(10, 'v') })),
        })),
      }),
    );
    expect((huge.rawError as any).errors._errors[0].code).toBe('APPLICATION_COMMAND_TOO_LARGE');
    expect(world.emu.violations).toHaveLength(5);
  });

  it('accepts permission bitfields as digit strings (the spec types them as integers)', async () => {
    const created = await client.application!.commands.create({
      name: 'admin',
      description: 'Admin only',
      default_member_permissions: '8',
    } as never);
    expect(created.defaultMemberPermissions?.bitfield).toBe(8n);
    world.emu.assertNoViolations();
  });
});
