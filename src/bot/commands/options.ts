// Options shared by several subcommands.
import { MessageFlags, type ChatInputCommandInteraction, type SlashCommandSubcommandBuilder } from 'discord.js';
import type { Content } from '../../content/load.ts';
import { isDomainId, isMissTag, type DomainId, type MissTag } from '../../content/ids.ts';

export function addDomainOption(builder: SlashCommandSubcommandBuilder, content: Content, description: string, required = false) {
  return builder.addStringOption((option) =>
    option
      .setName('domain')
      .setDescription(description)
      .setRequired(required)
      .addChoices(...content.domains.map((d) => ({ name: `${d.name} (${d.weight.min}-${d.weight.max}%)`, value: d.id }))),
  );
}

export function addTagOption(builder: SlashCommandSubcommandBuilder, content: Content, description: string, required = false) {
  return builder.addStringOption((option) =>
    option
      .setName('tag')
      .setDescription(description)
      .setRequired(required)
      .addChoices(...content.tags.map((t) => ({ name: t.name, value: t.id }))),
  );
}

export function addPrivateOption(builder: SlashCommandSubcommandBuilder) {
  return builder.addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you (default: post it in the channel)'));
}

export function domainOf(interaction: ChatInputCommandInteraction): DomainId | undefined {
  const value = interaction.options.getString('domain');
  return value && isDomainId(value) ? value : undefined;
}

export function tagOf(interaction: ChatInputCommandInteraction): MissTag | undefined {
  const value = interaction.options.getString('tag');
  return value && isMissTag(value) ? value : undefined;
}

/** Whether the user asked for a private answer (`private:true`). */
export function isPrivate(interaction: ChatInputCommandInteraction): boolean {
  return interaction.options.getBoolean('private') ?? false;
}

/** Lookups are public unless the user asks for privacy. */
export function visibility(interaction: ChatInputCommandInteraction): { flags?: MessageFlags.Ephemeral } {
  return interaction.options.getBoolean('private') ? { flags: MessageFlags.Ephemeral } : {};
}
