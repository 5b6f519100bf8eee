import type { Subcommand } from '../types.ts';
import { SESSION_LIMITS } from '../../../domain/session/rules.ts';
import { renderSessionAnnouncement } from '../../../render/session.ts';
import { replyWith } from '../../respond.ts';
import { startSession } from '../../session/start.ts';
import { UserError } from '../../errors.ts';
import { addDomainOption, domainOf } from '../options.ts';

const { questions, seconds } = SESSION_LIMITS;

export const session: Subcommand = {
  name: 'session',
  description: 'A live quiz round for the whole channel: same question for all, a timer, a scoreboard',
  worksInDm: false,
  options: (builder, content) =>
    addDomainOption(builder, content, "Only this domain (default: leaning toward this channel's weak spots)")
      .addIntegerOption((o) =>
        o
          .setName('questions')
          .setDescription(`How many questions (${questions.min}-${questions.max}, default ${questions.default})`)
          .setMinValue(questions.min)
          .setMaxValue(questions.max),
      )
      .addIntegerOption((o) =>
        o
          .setName('seconds')
          .setDescription(`Seconds per question (${seconds.min}-${seconds.max}, default ${seconds.default})`)
          .setMinValue(seconds.min)
          .setMaxValue(seconds.max),
      ),
  async execute(interaction, ctx) {
    if (!interaction.inGuild()) throw new UserError('`/ai300 session` works in a server channel, not in direct messages.');
    const guildId = interaction.guildId;
    const domain = domainOf(interaction);
    let started: Awaited<ReturnType<typeof startSession>> | undefined;
    try {
      await replyWith(interaction, ctx, async () => {
        started = await startSession(
          ctx,
          { guildId, channel: interaction.guild?.channels.cache.get(interaction.channelId) ?? null, userId: interaction.user.id },
          { ...(domain && { domain }), questions: interaction.options.getInteger('questions'), seconds: interaction.options.getInteger('seconds') },
        );
        return renderSessionAnnouncement(ctx.content, started);
      });
    } finally {
      // A saved round runs even if the announcement could not be delivered.
      if (started) await ctx.sessions.driver.launch(started);
    }
  },
};
