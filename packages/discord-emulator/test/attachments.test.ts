// File uploads on interaction responses, updates, follow-ups and webhook edits: kept, served at
// their URL, referenced from embeds with attachment://, and refused where Discord refuses them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags, Routes, type Client, type Interaction } from 'discord.js';
import { UploadLimits } from '../src/index.ts';
import { connectClient, startWorld, type TestWorld } from './helpers.ts';

const image = (text: string) => Buffer.from(`\x89PNG fake image ${text}`);
let lastToken = '';

async function handle(interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    lastToken = interaction.token;
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('swap').setLabel('Swap').setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setCustomId('clear').setLabel('Clear').setStyle(ButtonStyle.Secondary),
    );
    if (interaction.commandName === 'chart') {
      await interaction.reply({
        embeds: [{ title: 'Chart', image: { url: 'attachment://chart.png' } }],
        files: [{ attachment: image('one'), name: 'chart.png', description: 'a chart' }],
        components: [row],
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    if (interaction.commandName === 'later') {
      await interaction.deferReply();
      await interaction.editReply({ content: 'edited with a file', files: [{ attachment: image('edit'), name: 'edit.png' }] });
      await interaction.followUp({ content: 'a follow-up with a file', files: [{ attachment: image('follow'), name: 'follow.png' }] });
      return;
    }
    await interaction.reply({ content: 'big', files: [{ attachment: Buffer.alloc(UploadLimits.fileBytes + 1), name: 'big.bin' }] }).catch(() => undefined);
    return;
  }
  if (interaction.isButton() && interaction.customId === 'swap') {
    await interaction.update({
      embeds: [{ title: 'Chart 2', image: { url: 'attachment://chart2.png' } }],
      files: [{ attachment: image('two'), name: 'chart2.png' }],
    });
    return;
  }
  if (interaction.isButton()) await interaction.update({ content: 'no chart', embeds: [], files: [] });
}

describe('attachments', () => {
  let world: TestWorld;
  let client: Client;

  beforeAll(async () => {
    world = await startWorld();
    client = await connectClient(world.emu, (c) => c.on('interactionCreate', (i) => void handle(i)));
    await client.application!.commands.set([
      { name: 'chart', description: 'A reply with an image' },
      { name: 'later', description: 'A deferred reply edited with a file' },
      { name: 'big', description: 'A file over the upload limit' },
    ]);
  });

  afterAll(async () => {
    await client.destroy();
    await world.emu.close();
  });

  beforeEach(() => world.emu.clearViolations());

  it('keeps the bytes of a reply, serves them at the URL, and points the embed image at it', async () => {
    const { emu, alice, general } = world;
    const reply = await emu.slash({ userId: alice, channelId: general, command: 'chart' }).waitForReply();
    const [attachment] = reply.attachments;
    expect(attachment).toMatchObject({ filename: 'chart.png', description: 'a chart', size: image('one').length });
    expect(reply.embeds[0]!.image?.url).toBe(attachment!.url);
    expect(emu.attachment(attachment!.id)?.data.equals(image('one'))).toBe(true);
    const served = await fetch(attachment!.url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(image('one'))).toBe(true);
    expect((await fetch(`${emu.baseUrl}/attachments/1/2/missing.png`)).status).toBe(404);
    emu.assertNoViolations();
  });

  it('replaces the files on an update, and an empty file list removes them', async () => {
    const { emu, alice, general } = world;
    const reply = await emu.slash({ userId: alice, channelId: general, command: 'chart' }).waitForReply();
    const swapped = await emu.click({ userId: alice, messageId: reply.id, customId: 'swap' }).waitForUpdate();
    expect(swapped.attachments.map((a) => a.filename)).toEqual(['chart2.png']);
    expect(emu.attachment(swapped.attachments[0]!.url)?.data.equals(image('two'))).toBe(true);
    expect(swapped.embeds[0]!.image?.url).toBe(swapped.attachments[0]!.url);
    const cleared = await emu.click({ userId: alice, messageId: reply.id, customId: 'clear' }).waitForUpdate();
    expect(cleared.attachments).toEqual([]);
    emu.assertNoViolations();
  });

  it('takes files on a webhook edit and on a follow-up', async () => {
    const { emu, alice, general } = world;
    const handle = emu.slash({ userId: alice, channelId: general, command: 'later' });
    const follow = await handle.waitForFollowUp(0);
    const edited = (await handle.original())!;
    expect(edited.attachments.map((a) => a.filename)).toEqual(['edit.png']);
    expect(follow.attachments.map((a) => a.filename)).toEqual(['follow.png']);
    expect(emu.attachment(follow.attachments[0]!.id)?.data.equals(image('follow'))).toBe(true);
    emu.assertNoViolations();
  });

  it('refuses a file over the upload limit (40005) and an attachment id that names nothing (50035)', async () => {
    const { emu, alice, general } = world;
    const big = emu.slash({ userId: alice, channelId: general, command: 'big' });
    await expect.poll(() => emu.violations.length).toBeGreaterThan(0);
    expect(emu.violations[0]).toMatchObject({ status: 413, error: { code: 40005 } });
    emu.clearViolations();
    big.callback().catch(() => undefined);

    await emu.slash({ userId: alice, channelId: general, command: 'chart' }).waitForReply();
    const error = await client.rest
      .patch(Routes.webhookMessage(client.application!.id, lastToken), { body: { attachments: [{ id: '7' }] } })
      .then(() => undefined)
      .catch((e: { code?: number }) => e);
    expect(error?.code).toBe(50035);
    emu.clearViolations();
  });

  it('refuses more than ten files in one message', async () => {
    const { emu, alice, general } = world;
    await emu.slash({ userId: alice, channelId: general, command: 'chart' }).waitForReply();
    const files = Array.from({ length: UploadLimits.filesPerMessage + 1 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from(String(i)) }));
    const error = await client.rest
      .patch(Routes.webhookMessage(client.application!.id, lastToken), { body: { content: 'many' }, files })
      .then(() => undefined)
      .catch((e: { code?: number }) => e);
    expect(error?.code).toBe(50035);
    emu.clearViolations();
  });
});
