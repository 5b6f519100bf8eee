// Daily-question records: each server's channel schedules, each post with its answers, and
// each channel's running record (for weighting). Same partitioning and per-record locks as the
// study store: with shards on one database, only one process can claim a day's post.
import type { ChoiceLetter, DomainId, MissTag } from '../content/ids.ts';
import type { ChannelRecord } from '../domain/daily/pick.ts';
import type { DailySchedule } from '../domain/daily/schedule.ts';
import { addAnswer } from '../domain/mastery.ts';
import type { KeyValue } from './kv.ts';
import { guarded } from './studyStore.ts';

export interface ChannelSchedule extends DailySchedule {
  /** Set while a claimed day's post is being sent; cleared once it is out. */
  sendingPostId?: string;
  /** When that claim was made: a claim this old whose send never finished was lost with its process. */
  sendingSince?: number;
  lastPostId?: string;
  lastError?: { at: number; message: string };
  configuredBy: string;
  configuredAt: number;
}

/** The one daily post per channel whose buttons are still live. */
export interface OpenPost {
  postId: string;
  postedAt: number;
}

export interface DailyConfig {
  v: 1;
  channels: Record<string, ChannelSchedule>;
  /** Open posts by channel, scheduled or not: a new post, `off` or 24 hours closes them. */
  open?: Record<string, OpenPost>;
}

export interface DailyPost {
  v: 1;
  postId: string;
  guildId: string;
  channelId: string;
  questionId: string;
  domain: DomainId;
  localDate: string;
  postedAt: number;
  messageId?: string;
  answers: Record<string, ChoiceLetter>;
  revealed: boolean;
}

const RECENT_POSTS = 30;

const keys = {
  config: (guild: string) => `g:${guild}:daily`,
  post: (guild: string, postId: string) => `g:${guild}:post:${postId}`,
  channel: (guild: string, channel: string) => `g:${guild}:ch:${channel}`,
};

export type DailyAnswerOutcome = { status: 'recorded'; post: DailyPost } | { status: 'duplicate'; letter: ChoiceLetter } | { status: 'missing' };

export class DailyStore {
  constructor(private readonly kv: KeyValue) {}

  async getConfig(guild: string): Promise<DailyConfig> {
    return guarded('read', async () => (await this.kv.get<DailyConfig>(keys.config(guild))) ?? { v: 1, channels: {} });
  }

  async getConfigs(guilds: string[]): Promise<Map<string, DailyConfig>> {
    return guarded('read', async () => {
      const values = await this.kv.getMany<DailyConfig>(guilds.map(keys.config));
      const found = new Map<string, DailyConfig>();
      values.forEach((config, i) => {
        if (config && (Object.keys(config.channels).length > 0 || Object.keys(config.open ?? {}).length > 0)) found.set(guilds[i]!, config);
      });
      return found;
    });
  }

  /** Changes a server's schedules under its lock; `change` returns the result and whether to save. */
  async updateConfig<T>(guild: string, change: (config: DailyConfig) => { save: boolean; result: T }): Promise<T> {
    return guarded('update', () =>
      this.kv.atomically(keys.config(guild), async (records) => {
        const config = (await records.get<DailyConfig>(keys.config(guild))) ?? { v: 1, channels: {} };
        const copy: DailyConfig = { v: 1, channels: structuredClone(config.channels), ...(config.open && { open: { ...config.open } }) };
        const { save, result } = change(copy);
        if (save) await records.set(keys.config(guild), copy);
        return result;
      }),
    );
  }

  /** Marks `postId` as the channel's open post; returns the post it replaces, which the caller reveals. */
  async openPost(guild: string, channel: string, post: OpenPost): Promise<string | undefined> {
    return this.updateConfig(guild, (config) => {
      const previous = config.open?.[channel];
      if (previous?.postId === post.postId) return { save: false, result: undefined };
      config.open = { ...config.open, [channel]: post };
      return { save: true, result: previous?.postId };
    });
  }

  /** Takes the channel's open post off the list (to reveal it); undefined when none is open. */
  async closeOpenPost(guild: string, channel: string): Promise<string | undefined> {
    return this.updateConfig(guild, (config) => {
      const open = config.open?.[channel];
      if (!open) return { save: false, result: undefined };
      delete config.open![channel];
      return { save: true, result: open.postId };
    });
  }

  /** Takes every open post that went out at or before `cutoff` off the list (to reveal them). */
  async closeOpenPostsBefore(guild: string, cutoff: number): Promise<string[]> {
    return this.updateConfig(guild, (config) => {
      const expired = Object.entries(config.open ?? {}).filter(([, open]) => open.postedAt <= cutoff);
      for (const [channel] of expired) delete config.open![channel];
      return { save: expired.length > 0, result: expired.map(([, open]) => open.postId) };
    });
  }

  async getPost(guild: string, postId: string): Promise<DailyPost | undefined> {
    return guarded('read', () => this.kv.get<DailyPost>(keys.post(guild, postId)));
  }

  async savePost(post: DailyPost): Promise<void> {
    await guarded('write', () =>
      this.kv.atomically(keys.post(post.guildId, post.postId), (records) => records.set(keys.post(post.guildId, post.postId), post)),
    );
  }

  async updatePost(guild: string, postId: string, change: (post: DailyPost) => DailyPost): Promise<DailyPost | undefined> {
    return guarded('update', () =>
      this.kv.atomically(keys.post(guild, postId), async (records) => {
        const post = await records.get<DailyPost>(keys.post(guild, postId));
        if (!post) return undefined;
        const next = change(post);
        await records.set(keys.post(guild, postId), next);
        return next;
      }),
    );
  }

  /** One answer per member per post, decided under the post's lock. */
  async answerPost(guild: string, postId: string, userId: string, letter: ChoiceLetter): Promise<DailyAnswerOutcome> {
    return guarded('answer', () =>
      this.kv.atomically(keys.post(guild, postId), async (records) => {
        const post = await records.get<DailyPost>(keys.post(guild, postId));
        if (!post) return { status: 'missing' };
        const previous = post.answers[userId];
        if (previous) return { status: 'duplicate', letter: previous };
        const next = { ...post, answers: { ...post.answers, [userId]: letter } };
        await records.set(keys.post(guild, postId), next);
        return { status: 'recorded', post: next };
      }),
    );
  }

  async getChannel(guild: string, channel: string): Promise<ChannelRecord> {
    return guarded('read', async () => (await this.kv.get<ChannelRecord>(keys.channel(guild, channel))) ?? { tallies: {}, tagMisses: {}, recent: [] });
  }

  async recordChannelAnswer(guild: string, channel: string, domain: DomainId, tags: readonly MissTag[], correct: boolean): Promise<void> {
    await this.recordChannelAnswers(guild, channel, domain, tags, [correct]);
  }

  /** Several answers to one question in one write (a study session's question, once revealed). */
  async recordChannelAnswers(guild: string, channel: string, domain: DomainId, tags: readonly MissTag[], outcomes: readonly boolean[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.updateChannel(guild, channel, (record) => {
      const tagMisses = { ...record.tagMisses };
      let tally = record.tallies[domain];
      for (const correct of outcomes) {
        if (!correct) for (const tag of tags) tagMisses[tag] = (tagMisses[tag] ?? 0) + 1;
        tally = addAnswer(tally, correct);
      }
      return { ...record, tallies: { ...record.tallies, [domain]: tally }, tagMisses };
    });
  }

  async notePosted(guild: string, channel: string, questionId: string): Promise<void> {
    await this.updateChannel(guild, channel, (record) => ({
      ...record,
      recent: [...record.recent.filter((id) => id !== questionId), questionId].slice(-RECENT_POSTS),
    }));
  }

  private async updateChannel(guild: string, channel: string, change: (record: ChannelRecord) => ChannelRecord): Promise<void> {
    await guarded('update', () =>
      this.kv.atomically(keys.channel(guild, channel), async (records) => {
        const record = (await records.get<ChannelRecord>(keys.channel(guild, channel))) ?? { tallies: {}, tagMisses: {}, recent: [] };
        await records.set(keys.channel(guild, channel), change(record));
      }),
    );
  }
}
