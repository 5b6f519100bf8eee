// The study server the end-to-end tests and benchmarks run in: one admin, two members, a study
// channel and a channel for the daily question. Their own fixture, apart from the playground's.
import { type DiscordEmulator, Permission } from '@ai300/discord-emulator';

export interface StudyWorld {
  guildId: string;
  admin: string;
  member: string;
  otherMember: string;
  studyChannel: string;
  dailyChannel: string;
}

/** What the bot gets on invite: exactly the permissions the README asks for. */
export const BOT_PERMISSIONS = Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks;

/** `guildId` keeps a known server id (to place it on a shard); `name` tells worlds apart. */
export function createTestWorld(emulator: DiscordEmulator, options: { guildId?: string; name?: string } = {}): StudyWorld {
  const guild = emulator.createGuild({
    ...(options.guildId && { id: options.guildId }),
    name: options.name ?? 'Test study group',
    adminRole: true,
    botPermissions: BOT_PERMISSIONS,
  });
  const suffix = options.name ? `-${options.name.toLowerCase().replace(/\W+/g, '-')}` : '';
  const [admin, member, otherMember] = ['ana', 'ben', 'chloe'].map((username, i) => {
    const user = emulator.createUser({ username: `${username}${suffix}` });
    emulator.addMember(guild.id, user.id, i === 0 && guild.adminRoleId ? { roles: [guild.adminRoleId] } : {});
    return user.id;
  });
  const studyChannel = emulator.createTextChannel(guild.id, { name: 'study' }).id;
  const dailyChannel = emulator.createTextChannel(guild.id, { name: 'daily-question' }).id;
  return { guildId: guild.id, admin: admin!, member: member!, otherMember: otherMember!, studyChannel, dailyChannel };
}
