// The study server the playground and the end-to-end tests share: one admin, two members,
// a study channel and a channel for the daily question.
import { Permission, type DiscordEmulator } from '@ai300/discord-emulator';

export interface StudyWorld {
  guildId: string;
  guildName: string;
  members: { id: string; name: string; admin: boolean }[];
  channels: { id: string; name: string; topic: string }[];
  /** Named handles for tests. */
  admin: string;
  member: string;
  otherMember: string;
  studyChannel: string;
  dailyChannel: string;
}

/** What the bot gets on invite: exactly the permissions the README asks for. */
export const BOT_PERMISSIONS = Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks;

/** The ids a world was built with, so the playground can rebuild it after a restart. */
export interface WorldIds {
  guildId: string;
  memberIds: string[];
  channelIds: string[];
}

export function worldIds(world: StudyWorld): WorldIds {
  return { guildId: world.guildId, memberIds: world.members.map((m) => m.id), channelIds: world.channels.map((c) => c.id) };
}

export function createStudyWorld(emulator: DiscordEmulator, name = 'AI-300 study group', ids?: WorldIds): StudyWorld {
  const guild = emulator.createGuild({ ...(ids && { id: ids.guildId }), name, adminRole: true, botPermissions: BOT_PERMISSIONS });
  const people = [
    { username: 'ana', name: 'Ana', admin: true },
    { username: 'ben', name: 'Ben', admin: false },
    { username: 'chloe', name: 'Chloé', admin: false },
  ];
  const members = people.map((person, i) => {
    const user = emulator.createUser({ ...(ids?.memberIds[i] && { id: ids.memberIds[i] }), username: person.username, globalName: person.name });
    emulator.addMember(guild.id, user.id, person.admin && guild.adminRoleId ? { roles: [guild.adminRoleId] } : {});
    return { id: user.id, name: person.name, admin: person.admin };
  });
  const channels = [
    { name: 'study', topic: 'Try /ai300 quiz, /ai300 session (switch member to play as a group), /ai300 cheatsheet ...' },
    { name: 'daily-question', topic: 'Admins: /ai300-daily set channel:#daily-question time:08:00' },
  ].map((channel, i) => ({ ...channel, id: emulator.createTextChannel(guild.id, { ...channel, ...(ids?.channelIds[i] && { id: ids.channelIds[i] }) }).id }));
  return {
    guildId: guild.id,
    guildName: name,
    members,
    channels,
    admin: members[0]!.id,
    member: members[1]!.id,
    otherMember: members[2]!.id,
    studyChannel: channels[0]!.id,
    dailyChannel: channels[1]!.id,
  };
}
