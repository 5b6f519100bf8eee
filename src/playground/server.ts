// The playground's web server: serves the page and turns what a member does on it into
// interactions on the emulator, exactly as Discord would send them to the bot.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { APIApplicationCommand, APIApplicationCommandOption, APIMessage } from 'discord-api-types/v10';
import { ApplicationCommandOptionType, InteractionResponseType } from 'discord-api-types/v10';
import type { DiscordEmulator, InteractionHandle, OptionValue } from '@ai300/discord-emulator';
import type { Logger } from '../logger.ts';
import type { StudyWorld } from './world.ts';
import { PROJECT_ROOT } from '../paths.ts';

const PAGE_DIR = `${join(PROJECT_ROOT, 'src/playground/page')}/`;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};
const LOADING_FLAG = 1 << 7;
const EPHEMERAL_FLAG = 1 << 6;

export interface PlaygroundControls {
  now(): Date;
  advanceClock(ms: number): void;
  /** Posts what is due; `upcoming` says when each schedule posts next. */
  sweep(): Promise<{ posted: number; failed: string[]; upcoming: { channelId: string; at: string; timezone: string }[] }>;
}

export class PlaygroundInputError extends Error {}

interface RawAction {
  as?: string;
  channelId?: string;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 100_000) throw new PlaygroundInputError('request too large');
  }
  try {
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  } catch {
    throw new PlaygroundInputError('request body is not JSON');
  }
}

function send(res: ServerResponse, status: number, data: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(data));
}

/** Converts what was typed ("quality", "#study", "@Ben", "true") into the option's real value. */
export function convertOptions(
  command: APIApplicationCommand,
  subcommand: string,
  raw: Record<string, string>,
  world: StudyWorld,
): Record<string, OptionValue> {
  const sub = command.options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand && o.name === subcommand) as
    | { options?: APIApplicationCommandOption[] }
    | undefined;
  if (!sub) throw new PlaygroundInputError(`/${command.name} has no subcommand "${subcommand}"`);
  const out: Record<string, OptionValue> = {};
  for (const [name, typed] of Object.entries(raw)) {
    const text = String(typed).trim();
    if (text === '') continue;
    const def = sub.options?.find((o) => o.name === name);
    if (!def) throw new PlaygroundInputError(`/${command.name} ${subcommand} has no option "${name}"`);
    switch (def.type) {
      case ApplicationCommandOptionType.String: {
        const choices = 'choices' in def ? def.choices : undefined;
        if (choices?.length) {
          const match = choices.find((c) => String(c.value).toLowerCase() === text.toLowerCase() || c.name.toLowerCase() === text.toLowerCase());
          if (!match) throw new PlaygroundInputError(`${name} must be one of: ${choices.map((c) => c.value).join(', ')}`);
          out[name] = String(match.value);
        } else out[name] = text;
        break;
      }
      case ApplicationCommandOptionType.Boolean:
        if (!['true', 'false'].includes(text.toLowerCase())) throw new PlaygroundInputError(`${name} must be true or false`);
        out[name] = text.toLowerCase() === 'true';
        break;
      case ApplicationCommandOptionType.Integer:
      case ApplicationCommandOptionType.Number:
        if (!Number.isFinite(Number(text))) throw new PlaygroundInputError(`${name} must be a number`);
        out[name] = Number(text);
        break;
      case ApplicationCommandOptionType.Channel: {
        const channel = world.channels.find((c) => c.name === text.replace(/^#/, '') || c.id === text);
        if (!channel) throw new PlaygroundInputError(`${name}: no channel "${text}" (try #${world.channels[0]!.name})`);
        out[name] = channel.id;
        break;
      }
      case ApplicationCommandOptionType.User: {
        const member = world.members.find((m) => m.name.toLowerCase() === text.replace(/^@/, '').toLowerCase() || m.id === text);
        if (!member) throw new PlaygroundInputError(`${name}: no member "${text}"`);
        out[name] = member.id;
        break;
      }
      default:
        out[name] = text;
    }
  }
  return out;
}

function viewMessage(message: APIMessage, viewerId: string) {
  const flags = Number(message.flags ?? 0);
  const metadata = message.interaction_metadata as { user?: { id: string }; name?: string } | undefined;
  return {
    id: message.id,
    author: { id: message.author.id, bot: Boolean(message.author.bot) },
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    timestamp: message.timestamp,
    ephemeral: (flags & EPHEMERAL_FLAG) !== 0,
    thinking: (flags & LOADING_FLAG) !== 0,
    usedBy: metadata?.user?.id,
    commandName: metadata?.name,
    mine: metadata?.user?.id === viewerId,
  };
}

export function createPlaygroundServer(emulator: DiscordEmulator, world: StudyWorld, controls: PlaygroundControls, logger: Logger): Server {
  const listeners = new Set<ServerResponse>();
  const notify = (channelId?: string) => {
    for (const res of listeners) res.write(`event: change\ndata: ${JSON.stringify({ channelId })}\n\n`);
  };
  emulator.on('messageCreate', (message) => notify((message as APIMessage).channel_id));
  emulator.on('messageUpdate', (message) => notify((message as APIMessage).channel_id));
  emulator.on('messageDelete', () => notify());

  const commandNamed = (name: string) => {
    const command = [...emulator.commands(world.guildId), ...emulator.commands()].find((c) => c.name === name);
    if (!command) throw new PlaygroundInputError(`/${name} is not registered (yet): is the bot still starting?`);
    return command;
  };
  const actor = (body: RawAction) => {
    const member = world.members.find((m) => m.id === body.as);
    const channel = world.channels.find((c) => c.id === body.channelId);
    if (!member || !channel) throw new PlaygroundInputError('pick a member and a channel');
    return { userId: member.id, channelId: channel.id };
  };

  /** After a click or a modal: a modal the bot opened goes back to the page to be filled in. */
  const answered = async (handle: InteractionHandle) => {
    const callback = await handle.callback();
    return callback.type === InteractionResponseType.Modal ? { modal: callback.data, interactionId: handle.id } : { ok: true };
  };

  const routes: Record<string, (req: IncomingMessage, url: URL) => Promise<unknown>> = {
    'GET /api/session': async () => ({
      guild: { id: world.guildId, name: world.guildName },
      channels: world.channels,
      members: world.members,
      botId: emulator.applicationId,
      botName: emulator.botUser.username,
      commands: [...emulator.commands(world.guildId), ...emulator.commands()],
      now: controls.now().toISOString(),
    }),
    'GET /api/messages': async (_req, url) => {
      const viewer = url.searchParams.get('as') ?? '';
      const channelId = url.searchParams.get('channel') ?? '';
      if (!world.channels.some((c) => c.id === channelId)) throw new PlaygroundInputError('unknown channel');
      return { messages: emulator.messages(channelId, { as: viewer }).map((m) => viewMessage(m, viewer)), now: controls.now().toISOString() };
    },
    'POST /api/command': async (req) => {
      const body = await readJson(req);
      const command = commandNamed(String(body.command));
      const options = convertOptions(command, String(body.subcommand), (body.options ?? {}) as Record<string, string>, world);
      const who = actor(body);
      const allowed = command.default_member_permissions == null || world.members.find((m) => m.id === who.userId)?.admin;
      // Discord does not offer such a command to the member at all; typed anyway, it says this.
      if (!allowed) throw new PlaygroundInputError(`You do not have permission to use /${command.name}.`);
      const handle = emulator.slash({ ...who, command: command.name, subcommand: String(body.subcommand), options });
      await handle.callback();
      return { ok: true };
    },
    'POST /api/autocomplete': async (req) => {
      const body = await readJson(req);
      const command = commandNamed(String(body.command));
      const raw = { ...((body.options ?? {}) as Record<string, string>) };
      const focused = String(body.focused);
      const typed = raw[focused] ?? '';
      delete raw[focused];
      const options = { ...convertOptions(command, String(body.subcommand), raw, world), [focused]: typed };
      const handle = emulator.autocomplete({ ...actor(body), command: command.name, subcommand: String(body.subcommand), options, focused });
      return { choices: await handle.choices() };
    },
    'POST /api/click': async (req) => {
      const body = await readJson(req);
      const handle = emulator.click({ userId: actor(body).userId, messageId: String(body.messageId), customId: String(body.customId) });
      return answered(handle);
    },
    'POST /api/select': async (req) => {
      const body = await readJson(req);
      const handle = emulator.select({
        userId: actor(body).userId,
        messageId: String(body.messageId),
        customId: String(body.customId),
        values: (body.values as string[]) ?? [],
      });
      return answered(handle);
    },
    'POST /api/modal': async (req) => {
      const body = await readJson(req);
      const fields = Object.fromEntries(Object.entries((body.fields ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      const handle = emulator.submitModal({ userId: actor(body).userId, interactionId: String(body.interactionId), fields });
      return answered(handle);
    },
    'POST /api/clock': async (req) => {
      const body = await readJson(req);
      const ms = Number(body.advanceMs);
      if (!Number.isFinite(ms) || ms <= 0 || ms > 31 * 86_400_000) throw new PlaygroundInputError('advanceMs must be between 1 ms and 31 days');
      controls.advanceClock(ms);
      const sweep = await controls.sweep();
      return { now: controls.now().toISOString(), ...sweep };
    },
    'POST /api/sweep': async () => controls.sweep(),
  };

  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      try {
        if (req.method === 'GET' && url.pathname === '/api/events') {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': connected\n\n');
          listeners.add(res);
          req.on('close', () => listeners.delete(res));
          return;
        }
        const route = routes[`${req.method} ${url.pathname}`];
        if (route) {
          send(res, 200, await route(req, url));
          return;
        }
        if (req.method === 'GET') {
          const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
          if (!/^[a-z0-9-]+\.(html|js|css|png)$/.test(file)) throw new PlaygroundInputError('not found');
          const data = await readFile(join(PAGE_DIR, file)).catch(() => undefined);
          if (!data) {
            send(res, 404, { error: 'not found' });
            return;
          }
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(data);
          return;
        }
        send(res, 404, { error: 'not found' });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const expected = error instanceof PlaygroundInputError || (error as Error)?.name === 'UserActionError';
        if (!expected) logger.warn({ err: error, path: url.pathname }, 'playground request failed');
        if (!res.headersSent) send(res, expected ? 400 : 500, { error: message });
      }
    })();
  });
}
