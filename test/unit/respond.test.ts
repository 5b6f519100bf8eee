// A defer that fails while the work still runs must reach the caller, not crash the process
// as an unhandled rejection (seen under heavy load, when an interaction expired before its defer).
import type { ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { replyWith } from '../../src/bot/respond.ts';
import { testContext } from '../helpers/botContext.ts';

describe('replying in time', () => {
  it('reports a failed defer to the caller once the work is done, with no unhandled rejection', async () => {
    const ctx = { ...(await testContext()), deferAfterMs: 5 };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const expired = new Error('Unknown interaction');
    // The parts of an interaction replyWith uses; the defer fails as Discord's 10062 would.
    const interaction = {
      deferReply: () => Promise.reject(expired),
      editReply: () => Promise.resolve(),
      reply: () => Promise.resolve(),
    } as unknown as ChatInputCommandInteraction;
    const slowWork = () => new Promise<{ embeds: []; components: [] }>((resolve) => setTimeout(() => resolve({ embeds: [], components: [] }), 50));
    try {
      await expect(replyWith(interaction, ctx, slowWork)).rejects.toBe(expired);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
