// Reporting a problem with a question: the button under every revealed question, the menu and the
// modal, one report per member per question, the admins' list and the maintainers' CSV.
import { describe, expect, it } from 'vitest';
import { questionHash, reportsToCsv } from '../../src/domain/reports.ts';
import { ai300, answer, buttons, clickLabel, content, daily, embedText, isEphemeral, questionIdOf, useE2E } from './harness.ts';
import type { E2E } from './harness.ts';
import type { APIMessage } from 'discord-api-types/v10';

/** Clicks 🚩 on a revealed question, picks what is wrong, and sends the modal with `comment`. */
async function report(e2e: E2E, userId: string, revealed: APIMessage, kind: string, comment: string, label: string | RegExp = 'Report a problem') {
  const picker = await clickLabel(e2e, userId, revealed, label).waitForReply();
  expect(isEphemeral(picker)).toBe(true);
  const menu = (picker.components![0] as { components: { custom_id: string }[] }).components[0]!;
  const opener = e2e.emulator.select({ userId, messageId: picker.id, customId: menu.custom_id, values: [kind] });
  const modal = await opener.modal();
  expect(modal.title).toMatch(/^Report [a-z]+-\d{3}$/);
  return e2e.emulator.submitModal({ userId, interactionId: opener.id, fields: { comment } }).waitForReply();
}

describe('reporting a problem with a question', () => {
  const e2e = useE2E();
  let reportedId = '';

  it('takes a report from a quiz reveal, thanks the member privately and keeps one per member', async () => {
    const user = e2e.world.member;
    const question = await ai300(e2e, user, 'quiz').waitForReply();
    reportedId = questionIdOf(question);
    const revealed = await answer(e2e, user, question, 'wrong').waitForUpdate();
    const thanks = await report(e2e, user, revealed, 'wrong-key', 'I think "B" is right: the page says so.');
    expect(isEphemeral(thanks)).toBe(true);
    expect(thanks.content).toContain(`Thank you: your report on **${reportedId}** is recorded`);
    const again = await report(e2e, user, revealed, 'typo', '');
    expect(again.content).toContain(`You already reported **${reportedId}** in this server`);
    const stored = await e2e.bot.ctx.reports.forGuild(e2e.world.guildId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      questionId: reportedId,
      reporterId: user,
      kind: 'wrong-key',
      comment: 'I think "B" is right: the page says so.',
      questionHash: questionHash(content().questionById.get(reportedId)!),
    });
  });

  it('refuses "Something else" without a comment, with a clear private message, and records nothing', async () => {
    const user = e2e.world.otherMember;
    const question = await ai300(e2e, user, 'quiz').waitForReply();
    const revealed = await answer(e2e, user, question, 'right').waitForUpdate();
    const refused = await report(e2e, user, revealed, 'other', '   ');
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.content).toContain('For "Something else", please say in the comment what is wrong. Nothing was recorded');
    expect(await e2e.bot.ctx.reports.forGuild(e2e.world.guildId)).toHaveLength(1);
  });

  it('offers the report button on a daily reveal and on each diagnostic verdict', async () => {
    await daily(e2e, e2e.world.admin, 'now', { channel: e2e.world.dailyChannel }).waitForReply();
    const post = e2e.emulator.messages(e2e.world.dailyChannel).at(-1)!;
    const privateReveal = await answer(e2e, e2e.world.otherMember, post, 'right').waitForReply();
    expect(buttons(privateReveal).map((b) => b.label)).toEqual(['Report a problem']);
    let step = await ai300(e2e, e2e.world.otherMember, 'diagnostic').waitForReply();
    const first = questionIdOf(step);
    step = await answer(e2e, e2e.world.otherMember, step, 'right').waitForUpdate();
    const thanks = await report(e2e, e2e.world.otherMember, step, 'unclear', 'Choice C reads two ways.', 'Report question 1');
    expect(thanks.content).toContain(`your report on **${first}**`);
  });

  it("lists the server's reports to Manage Server only, and exports them as CSV", async () => {
    expect(() =>
      e2e.emulator.slash({ userId: e2e.world.member, channelId: e2e.world.studyChannel, command: 'ai300-admin', subcommand: 'reports', options: {} }),
    ).toThrow(/default_member_permissions/);
    e2e.emulator.setCommandOverride(e2e.world.guildId, 'ai300-admin', e2e.world.member, true);
    const refused = await e2e.emulator
      .slash({ userId: e2e.world.member, channelId: e2e.world.studyChannel, command: 'ai300-admin', subcommand: 'reports', options: {} })
      .waitForReply();
    expect(refused.content).toContain('You need the **Manage Server** permission');
    const list = await e2e.emulator
      .slash({ userId: e2e.world.admin, channelId: e2e.world.studyChannel, command: 'ai300-admin', subcommand: 'reports', options: {} })
      .waitForReply();
    expect(isEphemeral(list)).toBe(true);
    const text = embedText(list);
    expect(text).toContain('Question reports in this server (2)');
    expect(text).toContain(`${reportedId} · The answer key is wrong`);
    expect(text).toContain('I think "B" is right');
    const csv = reportsToCsv(await e2e.bot.ctx.reports.all());
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('at,questionId,questionHash,guildId,reporterId,kind,comment');
    expect(lines).toHaveLength(3);
    expect(csv).toContain('"I think ""B"" is right: the page says so."');
  });
});
