// Guild reads: the guild, its channels, roles and members.
import { unknownMember } from '../errors.ts';
import type { RouteContext, RouteDef } from '../http/router.ts';
import { serializeChannel, serializeGuild, serializeMember, serializeRole } from '../world/serialize.ts';
import type { ChannelRecord } from '../world/types.ts';
import { guildForBot } from './access.ts';

function getGuild(ctx: RouteContext) {
  const guild = guildForBot(ctx.state, ctx.params.guildId as string);
  const body: Record<string, unknown> = serializeGuild(guild);
  if (ctx.query.get('with_counts') === 'true') {
    body.approximate_member_count = guild.members.size;
    body.approximate_presence_count = 0;
  }
  return { body };
}

function listChannels(ctx: RouteContext) {
  const guild = guildForBot(ctx.state, ctx.params.guildId as string);
  const channels = guild.channelIds
    .map((id) => ctx.state.world.channels.get(id))
    .filter((c): c is ChannelRecord => c !== undefined)
    .map((c) => serializeChannel(ctx.state.world, c));
  return { body: channels };
}

function getMember(ctx: RouteContext) {
  const guild = guildForBot(ctx.state, ctx.params.guildId as string);
  const member = guild.members.get(ctx.params.userId as string);
  if (!member) throw unknownMember();
  return { body: serializeMember(ctx.state.world, member) };
}

function listMembers(ctx: RouteContext) {
  const guild = guildForBot(ctx.state, ctx.params.guildId as string);
  const limit = Math.min(1000, Math.max(1, Number(ctx.query.get('limit') ?? 1)));
  const after = BigInt(ctx.query.get('after') ?? '0');
  const members = [...guild.members.values()]
    .filter((m) => BigInt(m.userId) > after)
    .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
    .slice(0, limit);
  return { body: members.map((m) => serializeMember(ctx.state.world, m)) };
}

function listRoles(ctx: RouteContext) {
  const guild = guildForBot(ctx.state, ctx.params.guildId as string);
  return { body: [...guild.roles.values()].map(serializeRole) };
}

export const guildRoutes: RouteDef[] = [
  { method: 'GET', path: '/guilds/:guildId', auth: 'bot', handle: getGuild },
  { method: 'GET', path: '/guilds/:guildId/channels', auth: 'bot', handle: listChannels },
  { method: 'GET', path: '/guilds/:guildId/members', auth: 'bot', handle: listMembers },
  { method: 'GET', path: '/guilds/:guildId/members/:userId', auth: 'bot', handle: getMember },
  { method: 'GET', path: '/guilds/:guildId/roles', auth: 'bot', handle: listRoles },
];
