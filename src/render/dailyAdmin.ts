// Replies to /ai300-daily: what was set, stopped or posted, and every schedule's next post.
import { TimestampStyles, channelMention, time } from '@discordjs/builders';
import type { APIEmbed } from 'discord-api-types/v10';
import type { DomainId } from '../content/ids.ts';
import type { Content } from '../content/load.ts';
import { formatClockTime, formatLocal } from '../domain/daily/clock.ts';
import type { NextPost } from '../domain/daily/schedule.ts';
import { MIN_ANSWERS_TO_RANK } from '../domain/mastery.ts';
import { COLORS, percent } from './style.ts';

/** "Sat 28 Nov, 08:00 Europe/Paris (in 5 hours)": the wall clock in the channel's zone, and Discord's relative time. */
function wallClock(at: Date, timezone: string): string {
  return `${formatLocal(at, timezone)} ${timezone} (${time(at, TimestampStyles.RelativeTime)})`;
}

export function renderDailySet(channelId: string, minutes: number, timezone: string, next: NextPost): string {
  const clock = formatClockTime(minutes);
  const set = `☀️ Daily question set for ${channelMention(channelId)} at **${clock} ${timezone}**.`;
  if (next.dueNow) return `${set} ${clock} has passed today and today's question has not been posted: it posts within a minute.`;
  if (!next.today) return `${set} Today's question is already out, so the next one comes tomorrow: ${wallClock(next.at, timezone)}.`;
  return `${set} The first question comes today, ${wallClock(next.at, timezone)}.`;
}

export function renderDailyOff(channelId: string, closedOpenPost: boolean): string {
  const closed = closedOpenPost ? ' The open question there was closed and its answer revealed.' : '';
  return `Daily question turned off in ${channelMention(channelId)}.${closed} Past answers stay in everyone's stats.`;
}

export function renderDailyNow(channelId: string, scheduled: boolean, closedPrevious: boolean): string {
  const closed = closedPrevious ? ' The previous open question there was closed and its answer revealed.' : '';
  return `Posted a daily question in ${channelMention(channelId)}.${closed}${scheduled ? ' The scheduled one still comes at its time.' : ''}`;
}

export const NO_DAILY_SCHEDULES =
  'No daily question is set up in this server. Start one with `/ai300-daily set channel:#study time:08:00 timezone:Europe/Paris`.';

export interface DailyStatusEntry {
  channelName: string;
  minutes: number;
  timezone: string;
  next: NextPost;
  /** Answers given in the channel. */
  answers: number;
  /** The channel's weakest domain and its mastery, once the channel has enough answers to tell. */
  weakest?: { domain: DomainId; mastery: number };
  lastError?: { at: number; message: string };
}

export function renderDailyStatus(content: Content, entries: DailyStatusEntry[]): { embeds: APIEmbed[] } {
  const fields = entries.slice(0, 25).map((entry) => {
    const lines = [
      `⏰ Every day at ${formatClockTime(entry.minutes)} ${entry.timezone} · next: ${entry.next.dueNow ? 'due now (posts within a minute)' : wallClock(entry.next.at, entry.timezone)}`,
      entry.weakest
        ? `🎯 Weakest domain: **${content.domainById.get(entry.weakest.domain)!.name}** (${percent(entry.weakest.mastery)}, ${entry.answers} answers in this channel)`
        : entry.answers === 0
          ? '🎯 No answers yet: questions follow the exam weights until the channel has a record.'
          : `🎯 ${entry.answers} answer${entry.answers === 1 ? '' : 's'} so far: questions follow the exam weights until the channel has ${MIN_ANSWERS_TO_RANK}.`,
      ...(entry.lastError
        ? [`⚠️ Last attempt failed ${time(new Date(entry.lastError.at), TimestampStyles.RelativeTime)}: ${entry.lastError.message}. I will try again.`]
        : []),
    ];
    return { name: `#${entry.channelName}`, value: lines.join('\n').slice(0, 1024) };
  });
  return { embeds: [{ title: '☀️ Daily questions in this server', color: COLORS.brand, fields }] };
}
