// POST /interactions/{id}/{token}/callback: the initial response, once, within the deadline.
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import { invalidFormBody } from '../errors.ts';
import type { RouteContext, RouteDef } from '../http/router.ts';
import type { InteractionRecord } from '../interactions/interaction-store.ts';
import { createOriginalResponse, interactionForCallback } from '../interactions/responses.ts';
import { assertNotEmpty, editMessage } from '../messages/message-ops.ts';
import { asApiMessage, type StoredMessage } from '../messages/message-store.ts';
import { checkAutocompleteChoices, checkModal } from '../validation/callback-limits.ts';
import { checkMessageLimits } from '../validation/message-limits.ts';
import { isObject } from '../validation/problems.ts';
import type { RequestSchemaName } from '../validation/spec-validator.ts';
import { assertValidBody } from '../validation/validate.ts';
import type { JsonObject } from '../world/serialize.ts';

/** Callback types Discord accepts for each interaction type. */
const ALLOWED: Record<number, number[]> = {
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

const SCHEMA_FOR_TYPE: Record<number, RequestSchemaName> = {
  4: 'CreateMessageInteractionCallbackRequest',
  5: 'CreateMessageInteractionCallbackRequest',
  6: 'UpdateMessageInteractionCallbackRequest',
  7: 'UpdateMessageInteractionCallbackRequest',
  8: 'ApplicationCommandAutocompleteCallbackRequest',
  9: 'ModalInteractionCallbackRequest',
};

function handleCallback(ctx: RouteContext) {
  const { state, params, body, files } = ctx;
  const record = interactionForCallback(state, params.interactionId as string, params.token as string, ctx.receivedAt);
  const type = isObject(body) ? body.type : undefined;
  const allowed = ALLOWED[record.type] ?? [];
  if (typeof type !== 'number' || !allowed.includes(type)) {
    const message = `Value must be one of ${JSON.stringify(allowed)} for an interaction of type ${record.type}.`;
    throw invalidFormBody([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message }]);
  }
  const data = (isObject(body) && isObject(body.data) ? body.data : {}) as JsonObject;
  assertValidBody(state.settings, SCHEMA_FOR_TYPE[type], body, () => limitsFor(type, data, record));

  let message: StoredMessage | undefined;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
      assertNotEmpty(data, files);
      message = createOriginalResponse(state, record, data, files, false);
      break;
    case InteractionResponseType.DeferredChannelMessageWithSource:
      // Only the ephemeral flag of a deferral matters; the placeholder has no content yet.
      message = createOriginalResponse(state, record, { flags: Number(data.flags ?? 0) & MessageFlags.Ephemeral }, [], true);
      break;
    case InteractionResponseType.DeferredMessageUpdate:
      record.originalMessageId = record.sourceMessageId;
      message = record.sourceMessageId ? state.messages.get(record.sourceMessageId) : undefined;
      break;
    case InteractionResponseType.UpdateMessage: {
      record.originalMessageId = record.sourceMessageId;
      const source = record.sourceMessageId ? state.messages.get(record.sourceMessageId) : undefined;
      if (source) message = editMessage(state, source, data, files);
      break;
    }
    default:
      break;
  }

  record.response = { type, data: body && isObject(body) ? body.data : undefined, at: ctx.receivedAt };
  if (record.deadlineTimer) clearTimeout(record.deadlineTimer);
  state.events.emit('interactionResponse', { interactionId: record.id, type, data: record.response.data });

  if (ctx.query.get('with_response') !== 'true') return { status: 204 };
  return { body: callbackResponse(record, type, message) };
}

function limitsFor(type: number, data: JsonObject, record: InteractionRecord) {
  if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) return checkAutocompleteChoices(data, record.focusedOptionType ?? 3);
  if (type === InteractionResponseType.Modal) return checkModal(data);
  if (type === InteractionResponseType.DeferredChannelMessageWithSource || type === InteractionResponseType.DeferredMessageUpdate) return [];
  return checkMessageLimits(data, ['data']);
}

/** The `with_response=true` body (InteractionCallbackResponse in discord.js). */
function callbackResponse(record: InteractionRecord, type: number, message: StoredMessage | undefined) {
  const flags = Number(message?.data.flags ?? 0);
  return {
    interaction: {
      id: record.id,
      type: record.type,
      ...(message
        ? {
            response_message_id: String(message.data.id),
            response_message_loading: (flags & MessageFlags.Loading) !== 0,
            response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
          }
        : {}),
    },
    resource: { type, ...(message ? { message: asApiMessage(message.data) } : {}) },
  };
}

export const interactionCallbackRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/interactions/:interactionId/:token/callback',
    auth: 'none',
    bucket: 'none',
    globalExempt: true,
    handle: handleCallback,
  },
];
