// Discord's rules, each triggered through a real discord.js client: schema and explicit limits
// (50035), double acknowledgement (40060), late responses (10062), expired tokens (50027),
// unknown messages (10008), editing others' messages (50005) and bad tokens (401).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Routes, type ChatInputCommandInteraction, type Client, type DiscordAPIError, type TextChannel } from 'discord.js';
import type { DiscordEmulator } from '../src/index.ts';
import { apiError, connectClient, HandlerErrors, startWorld, type TestWorld } from './helpers.ts';

/** What the /say handler replies with, and what /choices answers autocomplete with. */
let nextPayload: Record<string, unknown> = {};
let nextChoices: { name: string; value: string }[] = [];
let lastInteraction: ChatInputCommandInteraction | undefined;
let replyDelayMs = 0;

const errors = new HandlerErrors();

const row = (...components: Record<string, unknown>[]) => ({ type: 1, components });
const button = (customId: string, label = 'Go') => ({ type: 2, style: 1, label, custom_id: customId });

function installHandler(client: Client): void {
  client.on(
    'interactionCreate',
    errors.wrap(async (interaction) => {
      if (interaction.isAutocomplete()) return interaction.respond(nextChoices);
      if (!interaction.isChatInputCommand()) return;
      lastInteraction = interaction;
      if (replyDelayMs) await new Promise((resolve) => setTimeout(resolve, replyDelayMs));
      if (interaction.commandName === 'say') return interaction.reply(nextPayload as never);
      if (interaction.commandName === 'twice') {
        await interaction.reply('first');
        // discord.js refuses a second reply itself, so go around it like a buggy bot would.
        return interaction.client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: 'second' } },
          auth: false,
        });
      }
      return undefined;
    }),
  );
}

const commands = [
  { name: 'say', description: 'Reply with the prepared payload' },
  { name: 'twice', description: 'Replies twice' },
  { name: 'choices', description: 'Autocomplete', options: [{ type: 3, name: 'q', description: 'q', autocomplete: true }] },
];

async function replyError(world: { emu: DiscordEmulator; alice: string; general: string }, payload: Record<string, unknown>): Promise<DiscordAPIError> {
  nextPayload = payload;
  world.emu.slash({ userId: world.alice, channelId: world.general, command: 'say' });
  return (await errors.next()) as DiscordAPIError;
}

describe('strict like Discord', () => {
  let world: TestWorld;
  let client: Client;

  beforeAll(async () => {
    // Rejected replies leave interactions unanswered; only the deadline test wants those reported
    // (otherwise their timers would add violations to whichever test runs 3 s later).
    world = await startWorld({ reportUnansweredInteractions: false });
    client = await connectClient(world.emu, installHandler);
    await client.application!.commands.set(commands);
  });

  afterAll(async () => {
    await client.destroy();
    await world.emu.close();
  });

  beforeEach(() => {
    world.emu.clearViolations();
    errors.list.length = 0;
    replyDelayMs = 0;
  });

  it('rejects an embed description over 4096 with 50035 naming the field, and records the violation', async () => {
    const error = await replyError(world, { embeds: [{ description: 'x'.repeat(4097) }] });
    expect(error.status).toBe(400);
    expect(error.code).toBe(50035);
    expect((error.rawError as any).errors.data.embeds['0'].description._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const [violation] = world.emu.violations.filter((v) => v.kind === 'request');
    expect(violation).toMatchObject({ method: 'POST', route: '/interactions/:interactionId/:token/callback', status: 400 });
    expect(violation!.error).toMatchObject({ code: 50035 });
    expect(violation!.body).toContain('"description":"xxxx');
  });

  it('rejects a wrong type in the body (schema) naming the field', async () => {
    const error = await replyError(world, { content: 'ok', embeds: [{ title: 'T', color: 'red' }] });
    expect(error.code).toBe(50035);
    expect((error.rawError as any).errors.data.embeds['0'].color._errors[0].code).toBe('NUMBER_TYPE_COERCE');
  });

  it('enforces the 6000-character embed total across embeds', async () => {
    const error = await replyError(world, { embeds: [{ description: 'a'.repeat(3000) }, { description: 'b'.repeat(3001) }] });
    expect(error.code).toBe(50035);
    expect((error.rawError as any).errors.data.embeds._errors[0].code).toBe('MAX_EMBED_SIZE_EXCEEDED');
  });

  it('enforces custom_id length and uniqueness, rows, buttons per row and select options', async () => {
    const long = await replyError(world, { content: 'x', components: [row(button('c'.repeat(101)))] });
    expect((long.rawError as any).errors.data.components['0'].components['0'].custom_id._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');

    const duplicate = await replyError(world, { content: 'x', components: [row(button('same')), row(button('same'))] });
    expect((duplicate.rawError as any).errors.data.components['1'].components['0'].custom_id._errors[0].code).toBe('COMPONENT_CUSTOM_ID_DUPLICATED');

    const rows = await replyError(world, { content: 'x', components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))) });
    expect((rows.rawError as any).errors.data.components._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');

    const wide = await replyError(world, { content: 'x', components: [row(...Array.from({ length: 6 }, (_, i) => button(`w${i}`)))] });
    expect((wide.rawError as any).errors.data.components['0'].components._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');

    const options = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `o${i}` }));
    const select = await replyError(world, { content: 'x', components: [row({ type: 3, custom_id: 's', options })] });
    expect((select.rawError as any).errors.data.components['0'].components['0'].options._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');

    const content = await replyError(world, { content: 'c'.repeat(2001) });
    expect((content.rawError as any).errors.data.content._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    expect(world.emu.violations).toHaveLength(6);
  });

  it('rejects autocomplete results with more than 25 choices', async () => {
    nextChoices = Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    const handle = world.emu.autocomplete({ userId: world.alice, channelId: world.general, command: 'choices', focused: 'q' });
    const error = (await errors.next()) as DiscordAPIError;
    expect(error.code).toBe(50035);
    expect((error.rawError as any).errors.data.choices._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    expect(handle.response).toBeUndefined();
  });

  it('answers a second initial response with 40060', async () => {
    const handle = world.emu.slash({ userId: world.alice, channelId: world.general, command: 'twice' });
    const error = (await errors.next()) as DiscordAPIError;
    expect(error.status).toBe(400);
    expect(error.code).toBe(40060);
    expect((await handle.waitForReply()).content).toBe('first');
  });

  it('answers an initial response after the deadline with 10062, and reports the unanswered interaction', async () => {
    world.emu.settings.interactionDeadlineMs = 100;
    world.emu.settings.reportUnansweredInteractions = true;
    replyDelayMs = 250;
    try {
      nextPayload = { content: 'too late' };
      const handle = world.emu.slash({ userId: world.alice, channelId: world.general, command: 'say' });
      const error = (await errors.next()) as DiscordAPIError;
      expect(error.status).toBe(404);
      expect(error.code).toBe(10062);
      expect(handle.response).toBeUndefined();
      expect(world.emu.violations.map((v) => v.kind).sort()).toEqual(['request', 'unanswered-interaction']);
    } finally {
      world.emu.settings.interactionDeadlineMs = 3000;
      world.emu.settings.reportUnansweredInteractions = false;
    }
  });

  it('rejects follow-ups and edits after the 15-minute token lifetime with 50027', async () => {
    nextPayload = { content: 'on time' };
    await world.emu.slash({ userId: world.alice, channelId: world.general, command: 'say' }).waitForReply();
    // The emulator stores the reply before discord.js's reply() promise settles.
    await expect.poll(() => lastInteraction?.replied).toBe(true);
    const interaction = lastInteraction!;
    const followUp = await interaction.followUp('still valid');
    expect(followUp.content).toBe('still valid');

    world.emu.advanceTime(15 * 60 * 1000 + 1);
    const late = await apiError(interaction.followUp('too late'));
    expect(late.status).toBe(401);
    expect(late.code).toBe(50027);
    const edit = await apiError(interaction.editReply('too late'));
    expect(edit.code).toBe(50027);
  });

  it('answers edits of unknown messages with 10008 and edits of others’ messages with 50005', async () => {
    const channel = client.channels.cache.get(world.general) as TextChannel;
    const unknown = await apiError(channel.messages.edit('1234567890123456789', 'nope'));
    expect(unknown.status).toBe(404);
    expect(unknown.code).toBe(10008);

    const theirs = world.emu.postUserMessage({ userId: world.alice, channelId: world.general, content: 'mine' });
    const foreign = await apiError(channel.messages.edit(theirs.id, 'hijacked'));
    expect(foreign.status).toBe(403);
    expect(foreign.code).toBe(50005);
    expect(world.emu.getMessage(theirs.id)?.content).toBe('mine');

    nextPayload = { content: 'to delete' };
    await world.emu.slash({ userId: world.alice, channelId: world.general, command: 'say' }).waitForReply();
    await expect.poll(() => lastInteraction?.replied).toBe(true);
    await lastInteraction!.deleteReply();
    const gone = await apiError(lastInteraction!.editReply('edit deleted'));
    expect(gone.code).toBe(10008);
    expect(world.emu.violations.map((v) => (v.error as { code: number }).code)).toEqual([10008, 50005, 10008]);
  });

  it('answers a wrong bot token with 401 code 0', async () => {
    const response = await fetch(`${world.emu.apiUrl}/v10/users/@me`, { headers: { Authorization: 'Bot wrong' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 0, message: '401: Unauthorized' });
    const missing = await fetch(`${world.emu.apiUrl}/v10/channels/${world.general}/messages`);
    expect(missing.status).toBe(401);
  });
});

describe('explicit limits without the spec', () => {
  // With schema validation off, only the explicit checks remain: they must catch the same limits.
  let world: TestWorld;
  let client: Client;

  beforeAll(async () => {
    world = await startWorld({ schemaValidation: false, reportUnansweredInteractions: false });
    client = await connectClient(world.emu, installHandler);
    await client.application!.commands.set(commands);
  });

  afterAll(async () => {
    await client.destroy();
    await world.emu.close();
  });

  beforeEach(() => {
    errors.list.length = 0;
  });

  it('embed description, custom_id length and autocomplete choices are checked explicitly too', async () => {
    const description = await replyError(world, { embeds: [{ description: 'x'.repeat(4097) }] });
    expect((description.rawError as any).errors.data.embeds['0'].description._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const customId = await replyError(world, { content: 'x', components: [row(button('c'.repeat(101)))] });
    expect((customId.rawError as any).errors.data.components['0'].components['0'].custom_id._errors[0].code).toBe('BASE_TYPE_BAD_LENGTH');
    const empty = await replyError(world, { content: 'x', components: [row(button(''))] });
    expect((empty.rawError as any).errors.data.components['0'].components['0'].custom_id._errors[0].code).toBe('BASE_TYPE_BAD_LENGTH');

    nextChoices = Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    world.emu.autocomplete({ userId: world.alice, channelId: world.general, command: 'choices', focused: 'q' });
    const choices = (await errors.next()) as DiscordAPIError;
    expect((choices.rawError as any).errors.data.choices._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    nextChoices = [{ name: 'n'.repeat(101), value: 'v' }];
    world.emu.autocomplete({ userId: world.alice, channelId: world.general, command: 'choices', focused: 'q' });
    const name = (await errors.next()) as DiscordAPIError;
    expect((name.rawError as any).errors.data.choices['0'].name._errors[0].code).toBe('BASE_TYPE_BAD_LENGTH');
  });
});

describe('empty messages', () => {
  it('refuses a reply with nothing to show (50006)', async () => {
    const world = await startWorld({ reportUnansweredInteractions: false });
    const client = await connectClient(world.emu, installHandler);
    try {
      await client.application!.commands.set(commands);
      errors.list.length = 0;
      const error = await replyError(world, { content: '' });
      expect(error.code).toBe(50006);
    } finally {
      await client.destroy();
      await world.emu.close();
    }
  });
});
