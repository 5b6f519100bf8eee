// /ai300-daily: admins set up one question a day per channel. Hidden by default from members
// without Manage Channels, and checked again when run.
import { InteractionContextType, PermissionFlagsBits } from 'discord.js';
import type { CommandGroup } from '../types.ts';
import { postDailyNow } from './now.ts';
import { turnDailyOff } from './off.ts';
import { requireManageChannels } from './permissions.ts';
import { setDaily } from './set.ts';
import { dailyStatus } from './status.ts';

export function dailyGroup(): CommandGroup {
  return {
    name: 'ai300-daily',
    description: 'A daily AI-300 question in a channel, aimed at its weakest domain',
    contexts: [InteractionContextType.Guild],
    defaultMemberPermissions: PermissionFlagsBits.ManageChannels,
    audience: 'Admins',
    subcommands: [setDaily, turnDailyOff, dailyStatus, postDailyNow],
    guard: requireManageChannels,
  };
}
