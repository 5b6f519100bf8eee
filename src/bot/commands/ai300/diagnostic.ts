import type { Subcommand } from '../types.ts';
import { DIAGNOSTIC_LENGTH } from '../../../domain/diagnostic.ts';
import { startDiagnosticRun } from '../../study/diagnosticRun.ts';
import { replyWith } from '../../respond.ts';

export const diagnostic: Subcommand = {
  name: 'diagnostic',
  description: `A ${DIAGNOSTIC_LENGTH}-question run across all five domains, weighted like the exam`,
  worksInDm: true,
  async execute(interaction, ctx) {
    await replyWith(interaction, ctx, () => startDiagnosticRun(interaction, ctx, interaction.user.id), { ephemeral: true });
  },
};
