import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { Content } from '../../content/load.ts';
import type { BotContext } from '../context.ts';

export interface Subcommand {
  name: string;
  description: string;
  /** Shown by /ai300 help. */
  usage: string;
  /** Works in a direct message with the bot (study commands); server-only ones say so. */
  worksInDm: boolean;
  /** Adds the options; content supplies choices such as domain names. */
  options?: (builder: SlashCommandSubcommandBuilder, content: Content) => SlashCommandSubcommandBuilder;
  execute: (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;
  autocomplete?: (interaction: AutocompleteInteraction, ctx: BotContext) => Promise<void>;
}

export interface SlashCommand {
  name: string;
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute: (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;
  autocomplete?: (interaction: AutocompleteInteraction, ctx: BotContext) => Promise<void>;
}
