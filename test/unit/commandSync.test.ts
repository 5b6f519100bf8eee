import type { APIApplicationCommand } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createCommands } from '../../src/bot/commands/index.ts';
import { sameCommand } from '../../src/bot/commandSync.ts';
import { loadCheckedContent } from '../../src/render/contentChecks.ts';

const daily = createCommands(loadCheckedContent()).find((c) => c.name === 'ai300-daily')!.data;

/** What Discord returns for a command we sent: ids, a version and every default spelled out. */
function asDiscordStores(): APIApplicationCommand {
  const withDefaults = (options: any[] | undefined): any[] | undefined =>
    options?.map((o) => ({
      ...o,
      ...(o.type > 2 && { required: o.required ?? false }),
      name_localizations: null,
      description_localizations: null,
      options: withDefaults(o.options),
    }));
  return {
    ...(daily as any),
    id: '1',
    application_id: '2',
    version: '3',
    name_localizations: null,
    description_localizations: null,
    options: withDefaults(daily.options),
  };
}

describe('command sync compares what Discord stores with what we send', () => {
  it('sees no change when Discord only added ids and defaults', () => {
    expect(sameCommand(asDiscordStores(), daily)).toBe(true);
  });

  it('sees a changed description, option or permission', () => {
    const stored = asDiscordStores();
    expect(sameCommand({ ...stored, description: 'old text' }, daily)).toBe(false);
    expect(sameCommand({ ...stored, default_member_permissions: null }, daily)).toBe(false);
    const fewer = { ...stored, options: stored.options!.slice(1) };
    expect(sameCommand(fewer as APIApplicationCommand, daily)).toBe(false);
    const renamed = structuredClone(stored) as any;
    renamed.options[0].options[1].max_length = 9;
    expect(sameCommand(renamed, daily)).toBe(false);
  });
});
