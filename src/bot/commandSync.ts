// Registers the commands only when they differ from what Discord already has, so restarts do
// not churn Discord's command cache. REST only: the deploy script needs no gateway connection.
import {
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import type { Logger } from '../logger.ts';

type WantedCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

const sameList = (a: readonly unknown[] | null | undefined, b: readonly unknown[] | null | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** Whether Discord's stored command already matches ours, in the fields we set (Discord adds ids, versions and defaults). */
export function sameCommand(have: APIApplicationCommand, want: WantedCommand): boolean {
  if (
    have.name !== want.name ||
    have.description !== want.description ||
    (have.type ?? 1) !== (want.type ?? 1) ||
    (have.nsfw ?? false) !== (want.nsfw ?? false) ||
    (have.default_member_permissions ?? null) !== (want.default_member_permissions ?? null) ||
    !sameList(have.contexts, want.contexts) ||
    !sameList(have.integration_types, want.integration_types) ||
    JSON.stringify(have.name_localizations ?? {}) !== JSON.stringify(want.name_localizations ?? {}) ||
    JSON.stringify(have.description_localizations ?? {}) !== JSON.stringify(want.description_localizations ?? {})
  ) {
    return false;
  }
  return JSON.stringify((have.options ?? []).map(normalizeOption)) === JSON.stringify((want.options ?? []).map(normalizeOption));
}

type OptionLike = Partial<Record<string, unknown>> & { type: number; name: string };

/** An option with Discord's defaults filled in and its keys in one order, so equal options compare equal. */
function normalizeOption(option: APIApplicationCommandOption | OptionLike): Record<string, unknown> {
  const o = option as OptionLike;
  const nests = o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup;
  const choices = o.choices as { name: string; value: unknown; name_localizations?: unknown }[] | undefined;
  return {
    type: o.type,
    name: o.name,
    description: o.description,
    required: nests ? undefined : (o.required ?? false),
    autocomplete: o.autocomplete ?? false,
    choices: choices?.map((c) => ({ name: c.name, value: c.value, name_localizations: c.name_localizations ?? {} })),
    channel_types: Array.isArray(o.channel_types) ? [...(o.channel_types as number[])].sort((a, b) => a - b) : undefined,
    min_value: o.min_value,
    max_value: o.max_value,
    min_length: o.min_length,
    max_length: o.max_length,
    name_localizations: o.name_localizations ?? {},
    description_localizations: o.description_localizations ?? {},
    options: Array.isArray(o.options) ? (o.options as OptionLike[]).map(normalizeOption) : undefined,
  };
}

export async function applicationIdOf(rest: REST): Promise<string> {
  return ((await rest.get(Routes.currentApplication())) as APIApplication).id;
}

export async function syncCommands(
  rest: REST,
  applicationId: string,
  commands: WantedCommand[],
  logger: Logger,
  guildId?: string,
): Promise<'unchanged' | 'updated'> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const existing = (await rest.get(route)) as APIApplicationCommand[];
  const same = existing.length === commands.length && commands.every((want) => existing.some((have) => sameCommand(have, want)));
  if (same) {
    logger.info({ scope: guildId ?? 'global', count: commands.length }, 'commands already up to date');
    return 'unchanged';
  }
  await rest.put(route, { body: commands });
  logger.info({ scope: guildId ?? 'global', count: commands.length }, 'commands registered');
  return 'updated';
}
