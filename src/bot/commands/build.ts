// Turns a CommandGroup into what Discord registers and what the bot dispatches: the one place where
// commands are built, so every command has the same shape, checks and help line.
import { ApplicationCommandOptionType, ApplicationIntegrationType, SlashCommandBuilder, type APIApplicationCommandOption } from 'discord.js';
import type { Content } from '../../content/load.ts';
import type { HelpEntry } from '../../render/help.ts';
import { UserError } from '../errors.ts';
import type { CommandGroup, SlashCommand } from './types.ts';

export function buildCommand(group: CommandGroup, content: Content): SlashCommand {
  const byName = new Map(group.subcommands.map((sub) => [sub.name, sub]));
  // Contexts and integration types spelled out: Discord fills in defaults, and an explicit value
  // lets the start-up sync see that nothing changed.
  const builder = new SlashCommandBuilder()
    .setName(group.name)
    .setDescription(group.description)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(...group.contexts)
    .setNSFW(false);
  if (group.defaultMemberPermissions !== undefined) builder.setDefaultMemberPermissions(group.defaultMemberPermissions);
  for (const sub of group.subcommands) {
    builder.addSubcommand((s) => {
      const base = s.setName(sub.name).setDescription(sub.description);
      return sub.options ? sub.options(base, content) : base;
    });
  }
  return {
    name: group.name,
    data: builder.toJSON(),
    async execute(interaction, ctx) {
      group.guard?.(interaction);
      const sub = byName.get(interaction.options.getSubcommand());
      if (!sub) throw new UserError('That subcommand is not available any more. Discord may still be showing an old list; try again in a minute.');
      if (!sub.worksInDm && !interaction.inGuild()) throw new UserError(`\`/${group.name} ${sub.name}\` works in a server, not in direct messages.`);
      await sub.execute(interaction, ctx);
    },
    async autocomplete(interaction, ctx) {
      const sub = byName.get(interaction.options.getSubcommand());
      if (sub?.autocomplete) await sub.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    },
  };
}

/** `/ai300 miss tag:<tag> [domain] [note]`: required options first as name:<name>, optional ones in brackets. */
export function usageOf(commandName: string, subcommand: APIApplicationCommandOption): string {
  const options = subcommand.type === ApplicationCommandOptionType.Subcommand ? (subcommand.options ?? []) : [];
  const parts = options.map((option) => (option.required ? `${option.name}:<${option.name}>` : `[${option.name}]`));
  return [`/${commandName} ${subcommand.name}`, ...parts].join(' ');
}

/** One help line per subcommand of every built command, from the JSON Discord registers. */
export function helpEntries(groups: readonly CommandGroup[], built: readonly SlashCommand[]): HelpEntry[] {
  return built.flatMap((command) => {
    const audience = groups.find((g) => g.name === command.name)?.audience;
    return (command.data.options ?? []).map((sub) => ({
      usage: usageOf(command.name, sub),
      summary: audience ? `${audience}: ${sub.description}` : sub.description,
    }));
  });
}
