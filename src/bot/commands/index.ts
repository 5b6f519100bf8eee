// Every top-level slash command the bot registers. Building them has no side effects, so the
// deploy script can import this without starting the client or the store.
import type { Content } from '../../content/load.ts';
import { ai300Group } from './ai300/index.ts';
import { createHelp } from './ai300/help.ts';
import { adminGroup } from './ai300-admin/index.ts';
import { dailyGroup } from './ai300-daily/index.ts';
import { buildCommand, helpEntries } from './build.ts';
import type { CommandGroup, SlashCommand } from './types.ts';

export function createCommands(content: Content): SlashCommand[] {
  // Help lists the built commands; it is built with them, so it reads them lazily.
  let entries: ReturnType<typeof helpEntries> = [];
  const groups: CommandGroup[] = [ai300Group(createHelp(() => entries)), dailyGroup(), adminGroup()];
  const commands = groups.map((group) => buildCommand(group, content));
  entries = helpEntries(groups, commands);
  return commands;
}
