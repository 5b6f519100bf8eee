// /ai300-admin: server tools for members with Manage Server. Hidden from others by default, and
// checked again when run (a server can override who sees a command).
import { type BaseInteraction, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { UserError } from '../../errors.ts';
import type { CommandGroup } from '../types.ts';
import { reports } from './reports.ts';

/** The command and its paging buttons check the same right; returns the server's id. */
export function requireManageGuild(interaction: Pick<BaseInteraction, 'guildId' | 'memberPermissions'>): string {
  if (!interaction.guildId) throw new UserError('`/ai300-admin` works in a server, not in direct messages.');
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('You need the **Manage Server** permission for `/ai300-admin`.');
  }
  return interaction.guildId;
}

export function adminGroup(): CommandGroup {
  return {
    name: 'ai300-admin',
    description: 'Server tools for AI-300 study admins',
    contexts: [InteractionContextType.Guild],
    defaultMemberPermissions: PermissionFlagsBits.ManageGuild,
    audience: 'Admins',
    subcommands: [reports],
    guard: requireManageGuild,
  };
}
