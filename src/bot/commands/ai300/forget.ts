import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { Subcommand } from '../types.ts';
import { buildCustomId } from '../../../render/customId.ts';

export const forget: Subcommand = {
  name: 'forget',
  description: 'Erase your answers, misses and reviews in this server (asks first)',
  worksInDm: true,
  async execute(interaction) {
    const owner = interaction.user.id;
    await interaction.reply({
      flags: MessageFlags.Ephemeral,
      content: '⚠️ This erases your answers, logged misses, review schedule and streak **in this server**. It cannot be undone.',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Danger,
              label: 'Erase my records',
              custom_id: buildCustomId({ kind: 'forget', ownerId: owner, confirm: true }),
            },
            {
              type: ComponentType.Button,
              style: ButtonStyle.Secondary,
              label: 'Keep them',
              custom_id: buildCustomId({ kind: 'forget', ownerId: owner, confirm: false }),
            },
          ],
        },
      ],
    });
  },
};
