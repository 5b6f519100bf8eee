// Interaction webhooks: @original (GET/PATCH/DELETE), follow-ups (POST) and follow-up messages
// by id. Tokens expire after the configured lifetime (Discord: 15 minutes).
import type { RouteContext, RouteDef } from '../http/router.ts';
import { createFollowUp, interactionForWebhook, interactionMessage } from '../interactions/responses.ts';
import { assertNotEmpty, editMessage } from '../messages/message-ops.ts';
import { asApiMessage } from '../messages/message-store.ts';
import { checkMessageLimits } from '../validation/message-limits.ts';
import { assertValidBody } from '../validation/validate.ts';
import type { JsonObject } from '../world/serialize.ts';

function record(ctx: RouteContext) {
  return interactionForWebhook(ctx.state, ctx.params.webhookId as string, ctx.params.token as string);
}

function getMessage(ctx: RouteContext) {
  const message = interactionMessage(ctx.state, record(ctx), ctx.params.messageId ?? '@original');
  return { body: asApiMessage(message.data) };
}

function patchMessage(ctx: RouteContext) {
  const interaction = record(ctx);
  const message = interactionMessage(ctx.state, interaction, ctx.params.messageId ?? '@original');
  assertValidBody(ctx.state.settings, 'IncomingWebhookUpdateRequestPartial', ctx.body, () => checkMessageLimits(ctx.body));
  const edited = editMessage(ctx.state, message, ctx.body as JsonObject, ctx.files);
  return { body: asApiMessage(edited.data) };
}

function deleteMessage(ctx: RouteContext) {
  const message = interactionMessage(ctx.state, record(ctx), ctx.params.messageId ?? '@original');
  ctx.state.messages.delete(String(message.data.id));
  return { status: 204 };
}

function postFollowUp(ctx: RouteContext) {
  const interaction = record(ctx);
  assertValidBody(ctx.state.settings, 'IncomingWebhookRequestPartial', ctx.body, () => checkMessageLimits(ctx.body));
  const payload = ctx.body as JsonObject;
  assertNotEmpty(payload, ctx.files);
  const message = createFollowUp(ctx.state, interaction, payload, ctx.files);
  return ctx.query.get('wait') === 'false' ? { status: 204 } : { body: asApiMessage(message.data) };
}

const original = '/webhooks/:webhookId/:token/messages/@original';
const byId = '/webhooks/:webhookId/:token/messages/:messageId';

export const webhookRoutes: RouteDef[] = [
  { method: 'POST', path: '/webhooks/:webhookId/:token', auth: 'none', handle: postFollowUp },
  { method: 'GET', path: original, auth: 'none', handle: getMessage },
  { method: 'PATCH', path: original, auth: 'none', handle: patchMessage },
  { method: 'DELETE', path: original, auth: 'none', handle: deleteMessage },
  { method: 'GET', path: byId, auth: 'none', handle: getMessage },
  { method: 'PATCH', path: byId, auth: 'none', handle: patchMessage },
  { method: 'DELETE', path: byId, auth: 'none', handle: deleteMessage },
];
