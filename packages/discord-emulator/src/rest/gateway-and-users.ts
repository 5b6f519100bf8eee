// GET /gateway(/bot), the bot's own user and application, other users, and DM channel creation.
import { unknownUser, invalidFormBody } from '../errors.ts';
import type { RouteDef } from '../http/router.ts';
import { GATEWAY_PATH } from '../gateway/gateway-server.ts';
import { isObject } from '../validation/problems.ts';
import { serializeChannel, serializeUser } from '../world/serialize.ts';

const wsUrl = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}${GATEWAY_PATH}`;

export const gatewayAndUserRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/gateway',
    auth: 'none',
    handle: ({ state }) => ({ body: { url: wsUrl(state.baseUrl) } }),
  },
  {
    method: 'GET',
    path: '/gateway/bot',
    auth: 'bot',
    handle: ({ state }) => ({
      body: {
        url: wsUrl(state.baseUrl),
        shards: state.settings.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    }),
  },
  {
    method: 'GET',
    path: '/users/@me',
    auth: 'bot',
    handle: ({ state }) => ({ body: { ...serializeUser(state.bot), verified: true, mfa_enabled: false, email: null, locale: 'en-US' } }),
  },
  {
    method: 'GET',
    path: '/users/:userId',
    auth: 'bot',
    handle: ({ state, params }) => {
      const user = state.world.users.get(params.userId as string);
      if (!user) throw unknownUser();
      return { body: serializeUser(user) };
    },
  },
  {
    method: 'GET',
    path: '/applications/@me',
    auth: 'bot',
    handle: ({ state }) => ({
      body: {
        id: state.settings.applicationId,
        name: state.bot.username,
        icon: null,
        description: '',
        summary: '',
        type: null,
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        owner: serializeUser(state.bot),
        team: null,
        bot: serializeUser(state.bot),
        integration_types_config: { '0': {} },
        install_params: null,
        approximate_guild_count: [...state.world.guilds.values()].filter((g) => g.members.has(state.bot.id)).length,
        redirect_uris: [],
        tags: [],
      },
    }),
  },
  {
    method: 'POST',
    path: '/users/@me/channels',
    auth: 'bot',
    handle: ({ state, body }) => {
      const recipientId = isObject(body) ? body.recipient_id : undefined;
      if (typeof recipientId !== 'string') {
        throw invalidFormBody([{ path: ['recipient_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
      }
      if (!state.world.users.has(recipientId)) throw unknownUser();
      return { body: serializeChannel(state.world, state.world.dmChannelFor(recipientId)) };
    },
  },
];
