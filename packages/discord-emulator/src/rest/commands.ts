// Application command registration, global and per guild, with Discord's validation.
import { DiscordHttpError, ErrorCode, invalidFormBody, missingAccess, unknownCommand } from '../errors.ts';
import type { RouteContext, RouteDef } from '../http/router.ts';
import { asApiCommand } from '../commands/command-registry.ts';
import { checkCommandLimits, checkCommandList, CommandLimits, CommandType } from '../validation/command-limits.ts';
import { isObject } from '../validation/problems.ts';
import { assertValidBody } from '../validation/validate.ts';

/** The application id in the path must be ours; guild routes need the bot in that guild. */
function scope({ state, params }: RouteContext): string | undefined {
  if (params.appId !== state.settings.applicationId) throw missingAccess();
  const guildId = params.guildId;
  if (guildId !== undefined) {
    const guild = state.world.guilds.get(guildId);
    if (!guild?.members.has(state.bot.id)) throw missingAccess();
  }
  return guildId;
}

function listCommands(ctx: RouteContext) {
  return { body: ctx.state.commands.list(scope(ctx)).map(asApiCommand) };
}

function createCommand(ctx: RouteContext) {
  const guildId = scope(ctx);
  const body = ctx.body;
  assertValidBody(ctx.state.settings, 'ApplicationCommandCreateRequest', body, () => checkCommandLimits(body));
  const input = body as Record<string, unknown>;
  const type = typeof input.type === 'number' ? input.type : CommandType.ChatInput;
  const sameType = ctx.state.commands.list(guildId).filter((c) => c.type === type);
  const exists = sameType.some((c) => c.name === input.name);
  const max = type === CommandType.ChatInput ? CommandLimits.chatInputCommands : CommandLimits.contextMenuCommands;
  if (!exists && sameType.length >= max) {
    throw new DiscordHttpError(400, ErrorCode.MaxGlobalCommands, `Maximum number of application commands reached (${max})`);
  }
  const { command, created } = ctx.state.commands.upsert(input, guildId);
  ctx.state.events.emit('commandsChange', guildId ?? null);
  return { status: created ? 201 : 200, body: asApiCommand(command) };
}

function overwriteCommands(ctx: RouteContext) {
  const guildId = scope(ctx);
  const body = ctx.body;
  if (!Array.isArray(body)) {
    throw invalidFormBody([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
  }
  for (const [i, command] of body.entries()) assertValidBody(ctx.state.settings, 'ApplicationCommandUpdateRequest', command, undefined, [i]);
  assertValidBody(ctx.state.settings, undefined, body, () => checkCommandList(body));
  const commands = ctx.state.commands.overwrite(body as Record<string, unknown>[], guildId);
  ctx.state.events.emit('commandsChange', guildId ?? null);
  return { body: commands.map(asApiCommand) };
}

function getCommand(ctx: RouteContext) {
  const command = ctx.state.commands.get(ctx.params.commandId as string, scope(ctx));
  if (!command) throw unknownCommand();
  return { body: asApiCommand(command) };
}

function patchCommand(ctx: RouteContext) {
  const guildId = scope(ctx);
  const id = ctx.params.commandId as string;
  const existing = ctx.state.commands.get(id, guildId);
  if (!existing) throw unknownCommand();
  const body = ctx.body;
  assertValidBody(ctx.state.settings, 'ApplicationCommandPatchRequestPartial', body, () =>
    checkCommandLimits({ ...existing, ...(isObject(body) ? body : {}) }),
  );
  const command = ctx.state.commands.patch(id, body as Record<string, unknown>, guildId);
  ctx.state.events.emit('commandsChange', guildId ?? null);
  return { body: command ? asApiCommand(command) : undefined };
}

function deleteCommand(ctx: RouteContext) {
  const guildId = scope(ctx);
  if (!ctx.state.commands.delete(ctx.params.commandId as string, guildId)) throw unknownCommand();
  ctx.state.events.emit('commandsChange', guildId ?? null);
  return { status: 204 };
}

const routesFor = (base: string): RouteDef[] => [
  { method: 'GET', path: base, auth: 'bot', handle: listCommands },
  { method: 'POST', path: base, auth: 'bot', handle: createCommand },
  { method: 'PUT', path: base, auth: 'bot', handle: overwriteCommands },
  { method: 'GET', path: `${base}/:commandId`, auth: 'bot', handle: getCommand },
  { method: 'PATCH', path: `${base}/:commandId`, auth: 'bot', handle: patchCommand },
  { method: 'DELETE', path: `${base}/:commandId`, auth: 'bot', handle: deleteCommand },
];

export const commandRoutes: RouteDef[] = [...routesFor('/applications/:appId/commands'), ...routesFor('/applications/:appId/guilds/:guildId/commands')];
