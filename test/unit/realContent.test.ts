import { describe, expect, it } from 'vitest';
import { CHOICE_LETTERS, DOMAIN_IDS, MIN_QUESTIONS_PER_DOMAIN } from '../../src/content/ids.ts';
import { loadCheckedContent } from '../../src/render/contentChecks.ts';
import { searchDistinctions } from '../../src/content/queries.ts';
import { createCommands } from '../../src/bot/commands/index.ts';
import { renderCheatsheetOverview, renderDomainDetail } from '../../src/render/cheatsheet.ts';
import { renderDistinction, renderDistinctionList } from '../../src/render/distinction.ts';
import { checkMessageLimits } from '../../src/render/limits.ts';
import { renderQuestionPrompt, renderQuestionReveal } from '../../src/render/question.ts';
import { renderDailyPost, renderDailyReveal } from '../../src/render/daily.ts';

const content = loadCheckedContent();

describe('the shipped content', () => {
  it('loads without problems and meets every domain minimum', () => {
    for (const domain of DOMAIN_IDS) {
      expect(content.questionsByDomain.get(domain)!.length, domain).toBeGreaterThanOrEqual(MIN_QUESTIONS_PER_DOMAIN[domain]);
    }
    expect(content.distinctions.filter((d) => d.source === 'seed')).toHaveLength(7);
    expect(content.distinctions.filter((d) => d.source === 'ours').length).toBeGreaterThanOrEqual(8);
  });

  it('keeps the cheat sheet weights', () => {
    const weights = Object.fromEntries(content.domains.map((d) => [d.id, `${d.weight.min}-${d.weight.max}`]));
    expect(weights).toEqual({ infra: '15-20', lifecycle: '25-30', genaiops: '20-25', quality: '10-15', optimization: '10-15' });
  });

  it('spreads answer letters so position gives nothing away', () => {
    const counts = Object.fromEntries(CHOICE_LETTERS.map((l) => [l, content.questions.filter((q) => q.answer === l).length]));
    for (const letter of CHOICE_LETTERS) {
      const share = counts[letter]! / content.questions.length;
      expect(share, `${letter}: ${counts[letter]}`).toBeGreaterThan(0.18);
      expect(share, `${letter}: ${counts[letter]}`).toBeLessThan(0.32);
    }
  });

  it('ties every distinction to questions or at least to a domain with questions', () => {
    for (const d of content.distinctions) expect(content.questionsByDomain.get(d.domain)!.length).toBeGreaterThan(0);
    const tested = new Set(content.questions.map((q) => q.distinction).filter(Boolean));
    expect(tested.size).toBeGreaterThanOrEqual(15);
  });

  it('renders every question, distinction and domain within Discord limits', () => {
    const id = (letter: string) => `qa:1:12345678901234567890:lifecycle-050:abcdefghij:${letter}:q:lifecycle:observability`;
    const payloads = [
      renderCheatsheetOverview(content),
      renderDistinctionList(content),
      ...content.domains.map((d) => renderDomainDetail(content, d.id)),
      ...content.distinctions.map((d) => renderDistinction(content, d)),
      ...content.questions.flatMap((q) => [
        renderQuestionPrompt(content, q, { heading: 'Diagnostic 10/10', customIdFor: id }),
        renderDailyPost(content, q, 'abcdefghij', 9999),
        renderDailyReveal(content, q, 'abcdefghij', { '1': 'A', '2': q.answer }),
        ...CHOICE_LETTERS.map((chosen) => renderQuestionReveal(content, q, chosen, { heading: 'Review', note: 'n'.repeat(300) })),
      ]),
    ];
    const problems = payloads.flatMap((p) => checkMessageLimits(p));
    expect(problems).toEqual([]);
    expect(payloads.length).toBeGreaterThan(content.questions.length * 6);
  });

  it('finds distinctions by any word of their name or rule', () => {
    expect(searchDistinctions(content, 'drift').map((d) => d.name)).toContain('Model drift vs data drift');
    expect(searchDistinctions(content, 'shadow').map((d) => d.id)).toEqual(['traffic-split-vs-mirrored-traffic']);
    expect(searchDistinctions(content, 'registry').length).toBeGreaterThanOrEqual(2);
    expect(searchDistinctions(content, 'zzz')).toEqual([]);
  });
});

describe('slash command definitions', () => {
  const commands = createCommands(content).map((c) => c.data);

  it('defines /ai300 with every subcommand and /ai300-daily for managers only', () => {
    const ai300 = commands.find((c) => c.name === 'ai300')!;
    expect(ai300.options!.map((o) => o.name)).toEqual([
      'help',
      'cheatsheet',
      'distinction',
      'quiz',
      'diagnostic',
      'exam',
      'review',
      'session',
      'miss',
      'stats',
      'leaderboard',
      'forget',
    ]);
    const daily = commands.find((c) => c.name === 'ai300-daily')!;
    expect(daily.options!.map((o) => o.name)).toEqual(['set', 'off', 'status', 'now']);
    expect(daily.default_member_permissions).toBe('16'); // Manage Channels
  });

  it("stays within Discord's size limits for a command", () => {
    for (const command of commands) {
      // Discord caps the combined characters of names, descriptions and choice values at 4000.
      let total = 0;
      const walk = (option: { name: string; description?: string; choices?: { name: string; value: string | number }[]; options?: unknown[] }) => {
        total += option.name.length + (option.description?.length ?? 0);
        for (const choice of option.choices ?? []) total += choice.name.length + String(choice.value).length;
        for (const child of (option.options ?? []) as (typeof option)[]) walk(child);
      };
      walk(command as never);
      expect(total, command.name).toBeLessThanOrEqual(4000);
      expect(command.description.length).toBeLessThanOrEqual(100);
    }
  });
});
