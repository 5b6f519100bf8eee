// Validation building blocks without a client: the spec validator, explicit limits, permissions.
import { describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { validateAgainstSpec } from '../src/validation/spec-validator.ts';
import { checkMessageLimits } from '../src/validation/message-limits.ts';
import { checkCommandLimits } from '../src/validation/command-limits.ts';
import { checkAutocompleteChoices } from '../src/validation/callback-limits.ts';
import { channelPermissions, ALL_PERMISSIONS } from '../src/world/permissions.ts';
import { World } from '../src/world/world.ts';

describe('spec validation', () => {
  it('accepts permission bitfields as digit strings and integers, rejects other strings', () => {
    const base = { name: 'cmd', description: 'd' };
    expect(validateAgainstSpec('ApplicationCommandCreateRequest', { ...base, default_member_permissions: '8' })).toEqual([]);
    expect(validateAgainstSpec('ApplicationCommandCreateRequest', { ...base, default_member_permissions: 8 })).toEqual([]);
    expect(validateAgainstSpec('ApplicationCommandCreateRequest', { ...base, default_member_permissions: 'eight' })).toEqual([
      expect.objectContaining({ path: ['default_member_permissions'] }),
    ]);
  });

  it('reports the field inside the matching branch of a type-tagged union', () => {
    const errors = validateAgainstSpec('ApplicationCommandCreateRequest', {
      name: 'cmd',
      description: 'd',
      options: [{ type: 3, name: 'n'.repeat(33), description: 'd' }],
    });
    expect(errors).toEqual([{ path: ['options', 0, 'name'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 32 or fewer in length.' }]);
    const unknownType = validateAgainstSpec('ApplicationCommandCreateRequest', {
      name: 'cmd',
      description: 'd',
      options: [{ type: 99, name: 'x', description: 'd' }],
    });
    expect(unknownType[0]).toMatchObject({ path: ['options', 0, 'type'], code: 'BASE_TYPE_CHOICES' });
  });

  it('names missing required fields', () => {
    expect(validateAgainstSpec('ApplicationCommandCreateRequest', { description: 'no name' })).toEqual([
      { path: ['name'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' },
    ]);
  });
});

describe('explicit limits', () => {
  it('counts embed fields, footer and author toward the 6000 total', () => {
    const embed = {
      title: 't'.repeat(256),
      description: 'd'.repeat(4096),
      fields: Array.from({ length: 2 }, () => ({ name: 'n'.repeat(256), value: 'v'.repeat(520) })), // 256+4096+2*776+100 = 6004
      footer: { text: 'f'.repeat(100) },
    };
    const errors = checkMessageLimits({ embeds: [embed] });
    expect(errors).toEqual([{ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }]);
  });

  it('limits embed title, field name/value, footer and author, and 25 fields', () => {
    const errors = checkMessageLimits({
      embeds: [
        {
          title: 't'.repeat(257),
          fields: [...Array.from({ length: 25 }, () => ({ name: 'n', value: 'v' })), { name: 'n'.repeat(257), value: 'v'.repeat(1025) }],
          footer: { text: 'f'.repeat(2049) },
          author: { name: 'a'.repeat(257) },
        },
      ],
    });
    expect(errors.map((e) => e.path.join('.'))).toEqual([
      'embeds.0.title',
      'embeds.0.fields',
      'embeds.0.fields.25.name',
      'embeds.0.fields.25.value',
      'embeds.0.footer.text',
      'embeds.0.author.name',
    ]);
  });

  it('limits button labels, select placeholders and option text, and 10 embeds', () => {
    const errors = checkMessageLimits({
      embeds: Array.from({ length: 11 }, () => ({ description: 'x' })),
      components: [
        { type: 1, components: [{ type: 2, style: 1, custom_id: 'b', label: 'l'.repeat(81) }] },
        {
          type: 1,
          components: [
            { type: 3, custom_id: 's', placeholder: 'p'.repeat(151), options: [{ label: 'l'.repeat(101), value: 'v', description: 'd'.repeat(101) }] },
          ],
        },
      ],
    });
    expect(errors.map((e) => e.path.join('.'))).toEqual([
      'embeds',
      'components.0.components.0.label',
      'components.1.components.0.placeholder',
      'components.1.components.0.options.0.label',
      'components.1.components.0.options.0.description',
    ]);
  });

  it('checks command names, descriptions, nesting and 25 options', () => {
    expect(checkCommandLimits({ name: 'ok-name', description: 'fine' })).toEqual([]);
    expect(checkCommandLimits({ name: 'has space', description: 'x' })[0]?.code).toBe('APPLICATION_COMMAND_INVALID_NAME');
    expect(checkCommandLimits({ name: 'nodesc' })[0]?.path).toEqual(['description']);
    const tooMany = checkCommandLimits({
      name: 'many',
      description: 'd',
      options: Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'd' })),
    });
    expect(tooMany[0]).toMatchObject({ path: ['options'], code: 'BASE_TYPE_MAX_LENGTH' });
    const mixed = checkCommandLimits({
      name: 'mixed',
      description: 'd',
      options: [
        { type: 1, name: 'sub', description: 'd' },
        { type: 3, name: 'str', description: 'd' },
      ],
    });
    expect(mixed[0]?.code).toBe('APPLICATION_COMMAND_OPTIONS_TYPE_INVALID');
  });

  it('checks autocomplete choice values against the focused option type', () => {
    expect(checkAutocompleteChoices({ choices: [{ name: 'a', value: 1 }] }, 4)).toEqual([]);
    expect(checkAutocompleteChoices({ choices: [{ name: 'a', value: 'one' }] }, 4)[0]?.path).toEqual(['data', 'choices', 0, 'value']);
    expect(checkAutocompleteChoices({ choices: [{ name: '', value: 'x' }] }, 3)[0]?.path).toEqual(['data', 'choices', 0, 'name']);
  });
});

describe('permissions', () => {
  const setup = () => {
    let n = 100n;
    const world = new World(
      () => String(n++),
      () => 0,
    );
    const owner = world.addUser({ username: 'owner' });
    const user = world.addUser({ username: 'user' });
    const guild = world.addGuild({ name: 'g', ownerId: owner.id });
    const role = world.addRole(guild.id, { name: 'helper', permissions: PermissionFlagsBits.ManageMessages });
    const admin = world.addRole(guild.id, { name: 'admin', permissions: PermissionFlagsBits.Administrator });
    world.addMember(guild.id, user.id, [role.id]);
    return { world, owner, user, guild, role, admin };
  };

  it('applies @everyone, role and member overwrites in order', () => {
    const { world, user, guild, role } = setup();
    const channel = world.addChannel({
      guildId: guild.id,
      type: 0,
      name: 'c',
      overwrites: [
        { id: guild.id, type: 0, allow: 0n, deny: PermissionFlagsBits.SendMessages },
        { id: role.id, type: 0, allow: PermissionFlagsBits.SendMessages, deny: PermissionFlagsBits.AddReactions },
        { id: user.id, type: 1, allow: PermissionFlagsBits.AddReactions, deny: PermissionFlagsBits.ManageMessages },
      ],
    });
    const permissions = channelPermissions(guild, channel, user.id);
    expect(permissions & PermissionFlagsBits.SendMessages).toBe(PermissionFlagsBits.SendMessages);
    expect(permissions & PermissionFlagsBits.AddReactions).toBe(PermissionFlagsBits.AddReactions);
    expect(permissions & PermissionFlagsBits.ManageMessages).toBe(0n);
  });

  it('gives owners and administrators everything, and nothing without View Channel', () => {
    const { world, owner, user, guild, admin } = setup();
    const hidden = world.addChannel({
      guildId: guild.id,
      type: 0,
      name: 'h',
      overwrites: [{ id: guild.id, type: 0, allow: 0n, deny: PermissionFlagsBits.ViewChannel }],
    });
    expect(channelPermissions(guild, hidden, owner.id)).toBe(ALL_PERMISSIONS);
    expect(channelPermissions(guild, hidden, user.id)).toBe(0n);
    guild.members.get(user.id)!.roleIds.push(admin.id);
    expect(channelPermissions(guild, hidden, user.id)).toBe(ALL_PERMISSIONS);
  });
});
