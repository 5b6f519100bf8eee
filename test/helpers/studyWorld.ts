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

export function createTestWorld(emulator: DiscordEmulator): StudyWorld {
  const guild = emulator.createGuild({ name: 'Test study group', adminRole: true, botPermissions: BOT_PERMISSIONS });
  const [admin, member, otherMember] = ['ana', 'ben', 'chloe'].map((username, i) => {
    const user = emulator.createUser({ username });
    emulator.addMember(guild.id, user.id, i === 0 && guild.adminRoleId ? { roles: [guild.adminRoleId] } : {});
    return user.id;
  });
  const studyChannel = emulator.createTextChannel(guild.id, { name: 'study' }).id;
  const dailyChannel = emulator.createTextChannel(guild.id, { name: 'daily-question' }).id;
  return { guildId: guild.id, admin: admin!, member: member!, otherMember: otherMember!, studyChannel, dailyChannel };
}
