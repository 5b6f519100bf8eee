// Clicks on a study session: answers (once each, privately locked in), Stop, a member's own line,
// and "Start another round".
import { isLive } from '../../../domain/session/round.ts';
import { renderOwnLine, renderSessionAnnouncement } from '../../../render/session.ts';
import { UserError } from '../../errors.ts';
import { forDiscord } from '../../payload.ts';
import { replyPrivatelyWith } from '../../respond.ts';
import { canStop, startSession } from '../../session/start.ts';
import type { ComponentHandler } from './types.ts';

const text = (content: string) => ({ content, embeds: [], components: [] });

type StopOutcome = { status: 'over' } | { status: 'refused'; startedBy: string } | { status: 'stopping' };

export const onSessionAnswer: ComponentHandler<'sessionAnswer'> = async (interaction, id, ctx) => {
  if (!interaction.inGuild()) throw new UserError('Study sessions live in server channels.');
  const { guildId, channelId } = interaction;
  await replyPrivatelyWith(interaction, ctx, async () => {
    const session = await ctx.sessions.store.get(guildId, channelId);
    if (session?.sessionId !== id.sessionId || !isLive(session))
      throw new UserError('This round is over, so the answer was not counted. Start a new one with `/ai300 session`.');
    if (session.current !== id.index || session.phase !== 'asking' || !session.deadline) {
      throw new UserError('This question is closed, so the answer was not counted. Answer the current question of the round.');
    }
    const outcome = await ctx.sessions.store.answer(
      guildId,
      id.sessionId,
      id.index,
      interaction.user.id,
      { letter: id.letter, at: ctx.now().getTime() },
      session.deadline,
    );
    if (outcome.status === 'duplicate')
      return text(`You already locked in **${outcome.letter}** for this question: one answer each, and the first one stands.`);
    if (outcome.status === 'closed') return text('⏱️ Too late: this question has closed, so that answer was not counted. Be quicker on the next one!');
    ctx.sessions.driver.noteAnswer(session, outcome.answers);
    return text(`🔒 Locked in: **${id.letter}**. Everyone sees the answer when time is up.`);
  });
};

export const onSessionStop: ComponentHandler<'sessionStop'> = async (interaction, id, ctx) => {
  if (!interaction.inGuild()) throw new UserError('Study sessions live in server channels.');
  const { guildId, channelId } = interaction;
  await replyPrivatelyWith(interaction, ctx, async () => {
    const stopping = await ctx.sessions.store.update<StopOutcome>(guildId, channelId, (session) => {
      if (session?.sessionId !== id.sessionId || !isLive(session)) return { result: { status: 'over' } };
      if (!canStop(session, interaction.user.id, interaction.memberPermissions)) return { result: { status: 'refused', startedBy: session.startedBy } };
      if (session.stopRequestedBy) return { result: { status: 'stopping' } };
      return { save: { ...session, stopRequestedBy: interaction.user.id }, result: { status: 'stopping' } };
    });
    if (stopping.status === 'over') throw new UserError('This round is already over.');
    if (stopping.status === 'refused') {
      throw new UserError(`Only <@${stopping.startedBy}>, who started this round, or a member with **Manage Messages** can stop it.`);
    }
    await ctx.sessions.driver.stepNow(guildId, channelId);
    return text('🛑 Round stopped: the answer is revealed and the scoreboard so far is posted in the channel.');
  });
};

export const onSessionMine: ComponentHandler<'sessionMine'> = async (interaction, id, ctx) => {
  if (!interaction.inGuild()) throw new UserError('Study sessions live in server channels.');
  const guildId = interaction.guildId;
  await replyPrivatelyWith(interaction, ctx, async () => {
    const final = await ctx.sessions.store.getFinal(guildId, id.sessionId);
    if (!final) throw new UserError("That round's scoreboard is no longer on record.");
    return text(renderOwnLine(final.scores, interaction.user.id));
  });
};

export const onSessionAgain: ComponentHandler<'sessionAgain'> = async (interaction, id, ctx) => {
  if (!interaction.inGuild()) throw new UserError('Study sessions live in server channels.');
  const session = await startSession(
    ctx,
    { guildId: interaction.guildId, channel: interaction.guild?.channels.cache.get(interaction.channelId) ?? null, userId: interaction.user.id },
    { ...(id.domain && { domain: id.domain }), questions: id.questions, seconds: id.seconds },
  );
  try {
    await interaction.reply(forDiscord(renderSessionAnnouncement(ctx.content, session)));
  } finally {
    // A saved round runs even if the announcement could not be delivered.
    await ctx.sessions.driver.launch(session);
  }
};
