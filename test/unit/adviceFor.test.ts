import { describe, expect, it } from 'vitest';
import { adviceFor, tagsForDomain } from '../../src/content/queries.ts';
import { loadCheckedContent } from '../../src/render/contentChecks.ts';
import { renderDomainDetail } from '../../src/render/cheatsheet.ts';

const content = loadCheckedContent();

describe('advice fits the domain of the miss', () => {
  it("gives an infrastructure miss the domain's own advice where it has one, and the general advice elsewhere", () => {
    const infra = content.tagById.get('infrastructure')!;
    expect(adviceFor(content, 'infrastructure', 'genaiops')).toBe(infra.adviceByDomain!.genaiops);
    expect(adviceFor(content, 'infrastructure', 'genaiops')).toContain('Foundry');
    expect(adviceFor(content, 'infrastructure', 'infra')).toBe(infra.advice);
    expect(adviceFor(content, 'infrastructure')).toBe(infra.advice);
  });

  it('talks about compute cost, not RAG, for optimization misses in the infrastructure domain', () => {
    const advice = adviceFor(content, 'optimization', 'infra');
    expect(advice).toMatch(/compute/i);
    expect(advice).not.toMatch(/chunk|RAG|fine-tun/i);
  });

  it("shows each tag's advice for the domain in the cheat sheet's domain views", () => {
    let domainSpecific = 0;
    for (const domain of content.domains) {
      const view = JSON.stringify(renderDomainDetail(content, domain.id));
      for (const tag of tagsForDomain(content, domain.id)) {
        const advice = adviceFor(content, tag, domain.id);
        if (advice !== content.tagById.get(tag)!.advice) domainSpecific++;
        expect(view).toContain(JSON.stringify(advice).slice(1, 61));
      }
    }
    // At least one view shows advice written for its domain, so this test sees the difference.
    expect(domainSpecific).toBeGreaterThan(0);
  });
});
