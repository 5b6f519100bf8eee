import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  InteractionContextType,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { Content } from '../../content/load.ts';
import type { BotContext } from '../context.ts';

export interface Subcommand {
  name: string;
  description: string;
  /** Works in a direct message with the bot (study commands); server-only ones say so. */
  worksInDm: boolean;
  /** Adds the options; content supplies choices such as domain names. */
  options?: (builder: SlashCommandSubcommandBuilder, content: Content) => SlashCommandSubcommandBuilder;
  execute: (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;
  autocomplete?: (interaction: AutocompleteInteraction, ctx: BotContext) => Promise<void>;
}

/** One top-level command and its subcommands: every command the bot has is declared in this shape. */
export interface CommandGroup {
  name: string;
  description: string;
  contexts: readonly InteractionContextType[];
  /** Hides the command from members without these permissions (servers may override it). */
  defaultMemberPermissions?: bigint;
  /** Who the command is for, shown by help (for example "Admins"). */
  audience?: string;
  subcommands: readonly Subcommand[];
  /** Checked before any subcommand runs, because a server can override the default permissions. */
  guard?: (interaction: ChatInputCommandInteraction) => void;
}

/** A built command: the JSON Discord registers, and its dispatch. */
export interface SlashCommand {
  name: string;
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute: (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;
  autocomplete?: (interaction: AutocompleteInteraction, ctx: BotContext) => Promise<void>;
}
