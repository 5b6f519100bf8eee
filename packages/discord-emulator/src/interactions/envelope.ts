// The fields every interaction carries (who, where, permissions, token, locale...) and the
// dispatch itself, which starts the response deadline.
import { randomBytes } from 'node:crypto';
import { UserActionError } from '../errors.ts';
import type { EmulatorState } from '../state.ts';
import { channelPermissions, DM_PERMISSIONS, Permission } from '../world/permissions.ts';
import { serializeChannel, serializeMember, serializeUser, type JsonObject } from '../world/serialize.ts';
import { ChannelKind, type ChannelRecord, type GuildRecord } from '../world/types.ts';
import type { InteractionRecord } from './interaction-store.ts';

const InteractionContext = { Guild: 0, BotDM: 1 } as const;

export interface Invocation {
  userId: string;
  channelId: string;
  type: number;
  data: JsonObject;
  label: string;
  message?: JsonObject;
  commandName?: string;
  focusedOptionType?: number;
  sourceMessageId?: string;
}

export interface Place {
  channel: ChannelRecord;
  guild?: GuildRecord;
  /** The user's permissions in the channel (DMs: Discord's fixed DM set). */
  userPermissions: bigint;
}

/** Where a user acts: they must be able to see the channel, and the bot must be in the guild. */
export function placeOf(state: EmulatorState, userId: string, channelId: string): Place {
  state.world.requireUser(userId);
  const channel = state.world.requireChannel(channelId);
  if (channel.type === ChannelKind.DM) {
    if (channel.recipientId !== userId) throw new UserActionError(`Channel ${channelId} is not ${userId}'s DM with the bot`);
    return { channel, userPermissions: DM_PERMISSIONS };
  }
  if (channel.type !== ChannelKind.GuildText) throw new UserActionError(`Channel ${channelId} is not a text channel`);
  const guild = state.world.requireGuild(channel.guildId as string);
  if (!guild.members.has(userId)) throw new UserActionError(`User ${userId} is not a member of guild ${guild.id}`);
  if (!guild.members.has(state.bot.id)) throw new UserActionError(`The bot is not in guild ${guild.id}`);
  const userPermissions = channelPermissions(guild, channel, userId);
  if ((userPermissions & Permission.ViewChannel) === 0n) throw new UserActionError(`User ${userId} cannot view channel ${channelId}`);
  return { channel, guild, userPermissions };
}

export function buildInteraction(state: EmulatorState, invocation: Invocation): InteractionRecord {
  if (!state.gateway.hasSession()) {
    throw new UserActionError('No bot is connected to the gateway: log the client in before acting as a user');
  }
  const { channel, guild, userPermissions } = placeOf(state, invocation.userId, invocation.channelId);
  const user = state.world.requireUser(invocation.userId);
  const id = state.nextId();
  const token = `emu.${id}.${randomBytes(24).toString('base64url')}`;
  const payload: JsonObject = {
    id,
    application_id: state.settings.applicationId,
    type: invocation.type,
    data: invocation.data,
    channel: { ...serializeChannel(state.world, channel), ...(guild ? { permissions: userPermissions.toString() } : {}) },
    channel_id: channel.id,
    token,
    version: 1,
    locale: user.locale,
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (guild) {
    const member = guild.members.get(user.id);
    Object.assign(payload, {
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      guild_locale: guild.preferredLocale,
      member: { ...serializeMember(state.world, member!), permissions: userPermissions.toString() },
      app_permissions: channelPermissions(guild, channel, state.bot.id).toString(),
      authorizing_integration_owners: { '0': guild.id },
      context: InteractionContext.Guild,
    });
  } else {
    Object.assign(payload, {
      user: serializeUser(user),
      app_permissions: DM_PERMISSIONS.toString(),
      authorizing_integration_owners: { '0': '0' },
      context: InteractionContext.BotDM,
    });
  }
  if (invocation.message) payload.message = invocation.message;
  return {
    id,
    token,
    type: invocation.type,
    userId: user.id,
    channelId: channel.id,
    guildId: guild?.id,
    createdAt: state.clock.now(),
    payload,
    label: invocation.label,
    commandName: invocation.commandName,
    focusedOptionType: invocation.focusedOptionType,
    sourceMessageId: invocation.sourceMessageId,
    followUpIds: [],
  };
}

/** Sends INTERACTION_CREATE and arms the "unanswered interaction" violation timer. */
export function dispatchInteraction(state: EmulatorState, record: InteractionRecord): void {
  state.interactions.add(record);
  if (state.settings.reportUnansweredInteractions) {
    record.deadlineTimer = setTimeout(() => {
      if (record.response) return;
      state.log.addViolation({
        kind: 'unanswered-interaction',
        time: state.clock.now(),
        method: 'GATEWAY',
        path: `INTERACTION_CREATE ${record.id}`,
        route: `interaction ${record.label}`,
        status: 0,
        error: { message: `No initial response within ${state.settings.interactionDeadlineMs} ms ("This interaction failed")` },
        body: '',
      });
    }, state.settings.interactionDeadlineMs + 50);
    record.deadlineTimer.unref();
  }
  state.events.emitCopy('interactionCreate', () => [structuredClone(record.payload)]);
  state.gateway.dispatch('INTERACTION_CREATE', record.payload);
}
