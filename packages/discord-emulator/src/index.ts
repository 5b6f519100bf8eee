// Public entry point of the Discord emulator (see this package's README.md).
export { startEmulator, DiscordEmulator, fakeToken, DEFAULT_APPLICATION_ID } from './emulator.ts';
export type { EmulatorOptions, WaitOptions } from './emulator.ts';
export type { InteractionHandle, AutocompleteChoice, ModalData } from './interactions/interaction-handle.ts';
export type { SlashAction, AutocompleteAction, ClickAction, SelectAction, ModalSubmitAction } from './interactions/user-actions.ts';
export type { InteractionCallback } from './interactions/interaction-store.ts';
export type { OptionValue } from './interactions/slash-options.ts';
export type { EmulatorEventMap, EmulatorEventName, Violation, RequestLogEntry, InteractionResponseEvent } from './events.ts';
export type { RouteMatcher, RateLimitFault, ServerErrorFault, LatencyFault } from './http/faults.ts';
export type { RateLimitSettings, BucketModel } from './http/rate-limits.ts';
export type { EmulatorSettings } from './state.ts';
export { shardOf } from './gateway/gateway-server.ts';
export type { StoredAttachment } from './messages/attachment-store.ts';
export { UploadLimits } from './validation/attachment-limits.ts';
export type { CreateGuildOptions, GuildInfo, ChannelOptions } from './world/world-builder.ts';
export type { OverwriteInput, PermissionInput } from './world/world.ts';
export { UserActionError } from './errors.ts';
export { Permission, ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './world/permissions.ts';
export { warmUpValidators } from './validation/spec-validator.ts';
