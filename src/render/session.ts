// A study session's messages: the announcement, each public question with its time left and live
// answer count, its reveal with the running top 5, the final scoreboard, and a member's own line.
import { TimestampStyles, time, userMention } from '@discordjs/builders';
import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed } from 'discord-api-types/v10';
import { CHOICE_LETTERS, type ChoiceLetter } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import type { Question } from '../content/schema.ts';
import { missedMostDomain, scoreboard, type EndReason, type QuestionResult, type ScoreLine, type SessionRecord } from '../domain/session/round.ts';
import { BASE_POINTS, SPEED_BONUS } from '../domain/session/rules.ts';
import { drillButton } from './actions.ts';
import { buildCustomId } from './customId.ts';
import type { MessagePayload } from './limits.ts';
import { answerButtons } from './question.ts';
import { reportButton } from './report.ts';
import { COLORS, DOMAIN_EMOJI, percent } from './style.ts';

const MEDALS = ['🥇', '🥈', '🥉'];
const RUNNING_TOP = 5;
const FINAL_TOP = 10;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function sessionTitle(content: Content, session: SessionRecord, question: Question, closed = false): string {
  const domain = content.domainById.get(question.domain)!;
  return `🎯 Session · question ${session.current + 1}/${session.questionIds.length}${closed ? ' (closed)' : ''} · ${DOMAIN_EMOJI[domain.id]} ${domain.name}`;
}

function stopButton(sessionId: string): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Stop the round', custom_id: buildCustomId({ kind: 'sessionStop', sessionId }) };
}

function choiceLines(question: Question, answer?: ChoiceLetter): string {
  return question.choices.map((choice, i) => `${answer === CHOICE_LETTERS[i] ? '✅ ' : ''}**${CHOICE_LETTERS[i]}.** ${choice}`).join('\n');
}

function answerIdFor(session: SessionRecord) {
  return (letter: ChoiceLetter) => buildCustomId({ kind: 'sessionAnswer', sessionId: session.sessionId, index: session.current, letter });
}

/** The public reply to `/ai300 session`: what the round is and how to play. */
export function renderSessionAnnouncement(content: Content, session: SessionRecord): MessagePayload {
  const focus = session.domain
    ? `${DOMAIN_EMOJI[session.domain]} ${content.domainById.get(session.domain)!.name}`
    : "all domains, leaning toward this channel's weak spots";
  return {
    embeds: [
      {
        title: '🎯 Study session starting',
        color: COLORS.neutral,
        description: [
          `${userMention(session.startedBy)} started a round: **${plural(session.questionIds.length, 'question')}**, **${session.seconds} s** each, on ${focus}.`,
          'Everyone in this channel can play: pick A-D under each question. Your answer stays private until the reveal; one answer per question.',
          `A right answer scores ${BASE_POINTS}, plus up to ${SPEED_BONUS} for speed. Every answer also counts in your own stats and review queue.`,
        ].join('\n\n'),
      },
    ],
    components: [],
  };
}

/** A live question: A-D, time left, the answer count so far, and Stop. */
export function renderSessionQuestion(content: Content, session: SessionRecord, question: Question, answerCount: number): MessagePayload {
  const embed: APIEmbed = {
    title: sessionTitle(content, session, question),
    color: COLORS.brand,
    description: `${question.stem}\n\n${choiceLines(question)}`,
    fields: [
      { name: 'Time', value: `closes ${time(new Date(session.deadline ?? 0), TimestampStyles.RelativeTime)}`, inline: true },
      { name: 'Answers', value: `${answerCount} so far`, inline: true },
    ],
    footer: { text: `${question.id} · one answer each · it stays private until the reveal` },
  };
  return { embeds: [embed], components: [answerButtons(answerIdFor(session)), { type: ComponentType.ActionRow, components: [stopButton(session.sessionId)] }] };
}

function rankedLines(session: SessionRecord, top: number): string {
  const ranked = scoreboard(session.scores).slice(0, top);
  if (ranked.length === 0) return 'Nobody has scored yet.';
  return ranked
    .map(
      (line) => `${MEDALS[line.rank - 1] ?? `**${line.rank}.**`} ${userMention(line.userId)} · **${line.points}** pts · ${line.correct}/${line.answered} right`,
    )
    .join('\n');
}

function resultLine(result: QuestionResult): string {
  if (result.answered === 0) return 'Nobody answered this one.';
  return `${result.correct} of ${result.answered} right (${percent(result.correct / result.answered)})`;
}

/** A closed question: buttons off, the answer and explanation for all, who was fastest, the running top 5. */
export function renderSessionReveal(content: Content, session: SessionRecord, question: Question, result: QuestionResult): MessagePayload {
  const fastest = result.fastest.map((f, i) => `${MEDALS[i]} ${userMention(f.userId)} (${seconds(f.ms)})`).join(' · ');
  const next =
    session.phase === 'revealed' && session.nextAt !== undefined
      ? `Next question ${time(new Date(session.nextAt), TimestampStyles.RelativeTime)}.`
      : 'That was the last question: the final scoreboard is below.';
  const embed: APIEmbed = {
    title: sessionTitle(content, session, question, true),
    color: COLORS.correct,
    description: `${question.stem}\n\n${choiceLines(question, question.answer)}\n\n**Answer: ${question.answer}.** ${question.explanation}`,
    fields: [
      { name: 'How the channel did', value: resultLine(result), inline: true },
      ...(fastest ? [{ name: 'Fastest right answers', value: fastest }] : []),
      { name: `Scoreboard (top ${RUNNING_TOP})`, value: rankedLines(session, RUNNING_TOP) },
      { name: 'Next', value: next },
    ],
    footer: { text: question.id },
  };
  const tools: APIButtonComponent[] = [reportButton(question.id)];
  if (session.phase === 'revealed') tools.push(stopButton(session.sessionId));
  return { embeds: [embed], components: [answerButtons(answerIdFor(session), true), { type: ComponentType.ActionRow, components: tools }] };
}

const END_TITLES: Record<EndReason, string> = {
  finished: '🏁 Session over',
  stopped: '🛑 Session stopped',
  idle: '💤 Session ended: no answers',
  interrupted: '⏸️ Session ended',
};

function endNote(session: SessionRecord): string {
  const played = session.results.length;
  switch (session.endReason) {
    case 'stopped':
      return `${userMention(session.stopRequestedBy ?? session.startedBy)} stopped the round after ${plural(played, 'question')}.`;
    case 'idle':
      return `Nobody answered two questions in a row, so the round ended after ${plural(played, 'question')}.`;
    case 'interrupted':
      return `I was offline for too long to go on, so the round ended after ${plural(played, 'question')}.`;
    default:
      return `All ${plural(played, 'question')} played.`;
  }
}

/** The final scoreboard: top 10, the group's totals, the domain it missed most, and what next. */
export function renderSessionFinal(content: Content, session: SessionRecord): MessagePayload {
  const answered = session.results.reduce((sum, r) => sum + r.answered, 0);
  const correct = session.results.reduce((sum, r) => sum + r.correct, 0);
  const missed = missedMostDomain(session.results);
  const players = Object.keys(session.scores).length;
  const fields = [
    { name: `Scoreboard (top ${FINAL_TOP} of ${plural(players, 'player')})`, value: rankedLines(session, FINAL_TOP) },
    {
      name: 'The group',
      value: answered === 0 ? 'No answers this round.' : `${plural(answered, 'answer')}, ${correct} right (${percent(correct / answered)})`,
      inline: true,
    },
  ];
  if (missed) {
    const domain = content.domainById.get(missed.domain)!;
    fields.push({
      name: 'Missed most',
      value: `${DOMAIN_EMOJI[domain.id]} ${domain.name}: ${missed.missed} of ${missed.answered} answers missed`,
      inline: true,
    });
  }
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: 'My line',
      custom_id: buildCustomId({ kind: 'sessionMine', sessionId: session.sessionId }),
    },
    {
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: 'Start another round',
      custom_id: buildCustomId({
        kind: 'sessionAgain',
        questions: session.questionIds.length,
        seconds: session.seconds,
        ...(session.domain && { domain: session.domain }),
      }),
    },
  ];
  if (missed) buttons.push(drillButton(content, { domain: missed.domain }));
  return {
    embeds: [
      {
        title: END_TITLES[session.endReason ?? 'finished'],
        color: COLORS.neutral,
        description: `${endNote(session)} Every answer counted in each player's own stats and review queue, and in this channel's record.`,
        fields,
      },
    ],
    components: [{ type: ComponentType.ActionRow, components: buttons }],
  };
}

/** A member's own line of a round, privately. */
export function renderOwnLine(scores: Record<string, ScoreLine>, userId: string): string {
  const ranked = scoreboard(scores);
  const mine = ranked.find((line) => line.userId === userId);
  if (!mine) return 'You did not answer in this round, so you have no line on its scoreboard.';
  return `You finished **#${mine.rank} of ${ranked.length}** with **${mine.points}** points: ${mine.correct} of ${plural(mine.answered, 'answer')} right.`;
}
