// The full REST route table of the emulator.
import { channelRoutes } from '../rest/channels.ts';
import { commandRoutes } from '../rest/commands.ts';
import { gatewayAndUserRoutes } from '../rest/gateway-and-users.ts';
import { guildRoutes } from '../rest/guilds.ts';
import { interactionCallbackRoutes } from '../rest/interaction-callback.ts';
import { webhookRoutes } from '../rest/webhooks.ts';
import { Router } from './router.ts';

export function createRouter(): Router {
  const router = new Router();
  router.add(...gatewayAndUserRoutes, ...commandRoutes, ...interactionCallbackRoutes, ...webhookRoutes, ...channelRoutes, ...guildRoutes);
  return router;
}
