// The /ai300 command: its definition (built from content, no side effects) and a dispatch table.
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Content } from '../../../content/load.ts';
import { UserError } from '../../errors.ts';
import type { SlashCommand } from '../types.ts';
import { ai300Subcommands } from './registry.ts';

export function createAi300Command(content: Content): SlashCommand {
  const subcommands = ai300Subcommands();
  const byName = new Map(subcommands.map((sub) => [sub.name, sub]));
  // Contexts and integration types spelled out: Discord fills in defaults, and an explicit value
  // lets the start-up sync see that nothing changed.
  const builder = new SlashCommandBuilder()
    .setName('ai300')
    .setDescription('AI-300 study companion: cheat sheet, quizzes, stats')
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setNSFW(false);
  for (const sub of subcommands) {
    builder.addSubcommand((s) => {
      const base = s.setName(sub.name).setDescription(sub.description);
      return sub.options ? sub.options(base, content) : base;
    });
  }
  const find = (name: string) => {
    const sub = byName.get(name);
    if (!sub) throw new UserError('That subcommand is not available any more. Discord may still be showing an old list; try again in a minute.');
    return sub;
  };
  return {
    name: 'ai300',
    data: builder.toJSON(),
    async execute(interaction, ctx) {
      const sub = find(interaction.options.getSubcommand());
      if (!sub.worksInDm && !interaction.inGuild()) throw new UserError(`\`/ai300 ${sub.name}\` works in a server, not in direct messages.`);
      await sub.execute(interaction, ctx);
    },
    async autocomplete(interaction, ctx) {
      const sub = byName.get(interaction.options.getSubcommand());
      if (sub?.autocomplete) await sub.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    },
  };
}
