import { describe, expect, it } from 'vitest';
import { indexContent, type Content } from '../../src/content/load.ts';
import { searchDistinctions } from '../../src/content/queries.ts';
import type { Distinction } from '../../src/content/schema.ts';
import { realDistinctions, realDomains } from './inlineContent.ts';

const distinctions = realDistinctions();
const content: Content = indexContent(realDomains(), [], distinctions, []);
const ids = (query: string, from: Content = content) => searchDistinctions(from, query).map((d) => d.id);
const startsAWord = (text: string, word: string) => new RegExp(`(^|[^a-z0-9])${word}`).test(text.toLowerCase());
const inName = (d: Distinction, word: string) => startsAWord(`${d.name} ${d.id}`, word);

describe('searchDistinctions over content/distinctions.yaml', () => {
  it('finds "Model drift vs data drift" from "drift", in any case', () => {
    expect(ids('drift')[0]).toBe('model-drift-vs-data-drift');
    expect(ids('DRIFT')[0]).toBe('model-drift-vs-data-drift');
  });

  it('matches a prefix of a word in the name or the rule', () => {
    const found = ids('regis');
    expect(found).toEqual(expect.arrayContaining(['registry-vs-artifact-storage', 'workspace-vs-shared-registry']));
    expect(found).toContain('mlops-vs-genaiops'); // only its rule says "register"
  });

  it('matches only at the start of a word', () => {
    expect(ids('rift')).toEqual([]);
  });

  it('needs every typed word, each in the name or the rule', () => {
    expect(ids('data drift').sort()).toEqual(['data-drift-vs-data-quality', 'model-drift-vs-data-drift']);
    expect(ids('drift distribution').sort()).toEqual(['data-drift-vs-data-quality', 'model-drift-vs-data-drift']); // "distribution" is in their rules only
    expect(ids('drift endpoint')).toEqual([]);
  });

  it('returns [] when nothing matches', () => {
    expect(ids('kubernetes')).toEqual([]);
  });

  it('ranks name matches above rule-only matches', () => {
    for (const word of ['traffic', 'model', 'regis']) {
      const found = searchDistinctions(content, word);
      const firstRuleOnly = found.findIndex((d) => !inName(d, word));
      expect(firstRuleOnly).toBeGreaterThan(0);
      expect(found.slice(firstRuleOnly).some((d) => inName(d, word))).toBe(false);
    }
    expect(ids('traffic')[0]).toBe('traffic-split-vs-mirrored-traffic');
  });

  it('returns at most 25 results, or the given limit', () => {
    const doubled = indexContent(realDomains(), [], [...distinctions, ...distinctions.map((d) => ({ ...d, id: `${d.id}-copy` }))], []);
    expect(doubled.distinctions.length).toBeGreaterThan(25);
    expect(ids('vs', doubled)).toHaveLength(25);
    expect(searchDistinctions(doubled, '', 25)).toHaveLength(25);
    expect(searchDistinctions(content, 'vs', 3)).toHaveLength(3);
  });

  it('lists the distinctions in file order for an empty or punctuation-only query', () => {
    expect(ids('')).toEqual(distinctions.slice(0, 25).map((d) => d.id));
    expect(ids(' -- ')).toEqual(ids(''));
  });
});
