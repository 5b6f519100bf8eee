// Discord's error shapes. REST handlers throw DiscordHttpError; the router turns it into
// `{ code, message, errors? }` with the right status, exactly like discord.com does.

/** Discord's nested form-body errors: `{ field: { 0: { name: { _errors: [...] } } } }`. */
export interface FieldErrorTree {
  [key: string]: FieldErrorTree | FieldErrorEntry[];
}

export interface FieldErrorEntry {
  code: string;
  message: string;
}

/** One problem with one field of a request body, before nesting. */
export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: FieldErrorTree;
}

export const ErrorCode = {
  General: 0,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownRole: 10011,
  UnknownWebhook: 10015,
  UnknownUser: 10013,
  UnknownApplication: 10002,
  UnknownApplicationCommand: 10063,
  UnknownInteraction: 10062,
  InteractionAlreadyAcknowledged: 40060,
  MissingAccess: 50001,
  CannotSendEmptyMessage: 50006,
  CannotEditOtherUsersMessage: 50005,
  InvalidFormBody: 50035,
  InvalidWebhookToken: 50027,
  MissingPermissions: 50013,
  InvalidJson: 50109,
  MaxGlobalCommands: 30032,
} as const;

export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: FieldErrorTree,
  ) {
    super(message);
    this.name = 'DiscordHttpError';
  }

  toBody(): DiscordErrorBody {
    return this.errors ? { code: this.code, message: this.message, errors: this.errors } : { code: this.code, message: this.message };
  }
}

export const unauthorized = () => new DiscordHttpError(401, ErrorCode.General, '401: Unauthorized');
export const notFound = () => new DiscordHttpError(404, ErrorCode.General, '404: Not Found');
export const unknownMessage = () => new DiscordHttpError(404, ErrorCode.UnknownMessage, 'Unknown Message');
export const unknownChannel = () => new DiscordHttpError(404, ErrorCode.UnknownChannel, 'Unknown Channel');
export const unknownGuild = () => new DiscordHttpError(404, ErrorCode.UnknownGuild, 'Unknown Guild');
export const unknownMember = () => new DiscordHttpError(404, ErrorCode.UnknownMember, 'Unknown Member');
export const unknownUser = () => new DiscordHttpError(404, ErrorCode.UnknownUser, 'Unknown User');
export const unknownWebhook = () => new DiscordHttpError(404, ErrorCode.UnknownWebhook, 'Unknown Webhook');
export const unknownCommand = () => new DiscordHttpError(404, ErrorCode.UnknownApplicationCommand, 'Unknown application command');
export const unknownInteraction = () => new DiscordHttpError(404, ErrorCode.UnknownInteraction, 'Unknown interaction');
export const alreadyAcknowledged = () => new DiscordHttpError(400, ErrorCode.InteractionAlreadyAcknowledged, 'Interaction has already been acknowledged.');
export const invalidWebhookToken = () => new DiscordHttpError(401, ErrorCode.InvalidWebhookToken, 'Invalid Webhook Token');
export const missingAccess = () => new DiscordHttpError(403, ErrorCode.MissingAccess, 'Missing Access');
export const missingPermissions = () => new DiscordHttpError(403, ErrorCode.MissingPermissions, 'Missing Permissions');
export const cannotEditOthersMessage = () => new DiscordHttpError(403, ErrorCode.CannotEditOtherUsersMessage, 'Cannot edit a message authored by another user');
export const emptyMessage = () => new DiscordHttpError(400, ErrorCode.CannotSendEmptyMessage, 'Cannot send an empty message');
export const invalidJson = () => new DiscordHttpError(400, ErrorCode.InvalidJson, 'The request body contains invalid JSON.');

/** Nests flat field errors into Discord's `errors` tree and wraps them in a 400 50035. */
export function invalidFormBody(fieldErrors: FieldError[]): DiscordHttpError {
  return new DiscordHttpError(400, ErrorCode.InvalidFormBody, 'Invalid Form Body', nestFieldErrors(fieldErrors));
}

export function nestFieldErrors(fieldErrors: FieldError[]): FieldErrorTree {
  const root: FieldErrorTree = {};
  for (const { path, code, message } of fieldErrors) {
    let node = root;
    for (const key of path) {
      const k = String(key);
      const next = node[k];
      if (next === undefined || Array.isArray(next)) node[k] = {};
      node = node[k] as FieldErrorTree;
    }
    const list = (node._errors as FieldErrorEntry[] | undefined) ?? [];
    list.push({ code, message });
    node._errors = list;
  }
  return root;
}

/** Raised by the test/playground API when a simulated user does something Discord's client would not allow. */
export class UserActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserActionError';
  }
}
