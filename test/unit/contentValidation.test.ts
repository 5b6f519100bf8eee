import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatProblem } from '../../src/content/load.ts';
import { readCheckedContent as readContent } from '../../src/render/contentChecks.ts';
import { fixtureQuestion, validBank, writeContent, type QuestionBank } from '../helpers/contentFixture.ts';

function problemsFor(change: (bank: QuestionBank) => void, edit?: (dir: string) => void): string[] {
  const bank = validBank();
  change(bank);
  return readContent(writeContent(bank, edit)).problems.map(formatProblem);
}

function editYaml(dir: string, file: string, change: (data: any) => void): void {
  const path = join(dir, file);
  const data = parse(readFileSync(path, 'utf8'));
  change(data);
  writeFileSync(path, stringify(data));
}

describe('content validation', () => {
  it('accepts a complete fixture', () => {
    const result = readContent(writeContent(validBank()));
    expect(result.problems).toEqual([]);
    expect(result.content?.questions).toHaveLength(500);
  });

  it('names file and field for a schema error', () => {
    const problems = problemsFor((bank) => {
      bank.lifecycle[2]!.choices = ['only', 'three', 'choices'];
    });
    expect(problems).toContainEqual('questions/lifecycle.yaml: questions[2](lifecycle-003).choices: needs exactly four choices');
  });

  it('rejects duplicate ids', () => {
    const problems = problemsFor((bank) => {
      bank.quality.push({ ...fixtureQuestion('quality', 99), id: 'quality-001' });
    });
    expect(problems.some((p) => p.includes('questions(quality-001)') && p.includes('duplicate id'))).toBe(true);
  });

  it('rejects a duplicate stem and a near-duplicate stem', () => {
    const problems = problemsFor((bank) => {
      bank.infra.push({ ...fixtureQuestion('infra', 90), stem: bank.infra[0]!.stem });
      bank.infra.push({ ...fixtureQuestion('infra', 91), stem: `${bank.infra[1]!.stem.replace('Which option fits?', 'Which choice fits best?')}` });
    });
    expect(problems.some((p) => p.includes('questions(infra-090).stem: duplicate of infra-001'))).toBe(true);
    expect(problems.some((p) => p.includes('questions(infra-091).stem: near-duplicate of infra-002'))).toBe(true);
  });

  it('rejects choices repeated within a question', () => {
    const problems = problemsFor((bank) => {
      bank.genaiops[0]!.choices = ['Same text', 'same text.', 'Other', 'Another'];
    });
    expect(problems).toContainEqual('questions/genaiops.yaml: questions(genaiops-001).choices: two choices are the same');
  });

  it('rejects an answer that is not one of the choices', () => {
    const problems = problemsFor((bank) => {
      bank.optimization[0]!.answer = 'E';
    });
    expect(problems.some((p) => p.startsWith('questions/optimization.yaml: questions[0](optimization-001).answer'))).toBe(true);
  });

  it('rejects unknown domains, tags and distinctions', () => {
    const unknownTag = problemsFor((bank) => {
      bank.infra[0]!.tags = ['networking'];
    });
    expect(unknownTag.some((p) => p.startsWith('questions/infra.yaml: questions[0](infra-001).tags[0]'))).toBe(true);
    const unknownDistinction = problemsFor((bank) => {
      bank.infra[0]!.distinction = 'cats-vs-dogs';
    });
    expect(unknownDistinction).toContainEqual('questions/infra.yaml: questions(infra-001).distinction: unknown distinction "cats-vs-dogs"');
    const unknownDomain = problemsFor(
      () => undefined,
      (dir) => editYaml(dir, 'distinctions.yaml', (data) => (data.distinctions[0].domain = 'security')),
    );
    expect(unknownDomain.some((p) => p.startsWith('distinctions.yaml: distinctions[0](experiment-vs-production-run).domain'))).toBe(true);
  });

  it('rejects missing explanations', () => {
    const noExplanation = problemsFor((bank) => {
      bank.lifecycle[0]!.explanation = '';
    });
    expect(noExplanation.some((p) => p.includes('(lifecycle-001).explanation: must not be empty'))).toBe(true);
    const noWhyNot = problemsFor((bank) => {
      delete bank.lifecycle[0]!.whyNot.C;
    });
    expect(noWhyNot).toContainEqual('questions/lifecycle.yaml: questions(lifecycle-001).whyNot.C: missing: say why C is wrong');
  });

  it('rejects a domain below its minimum count', () => {
    const problems = problemsFor((bank) => {
      bank.genaiops.pop();
    });
    expect(problems).toContainEqual('questions/genaiops.yaml: questions: has 119 questions; the exam weight needs at least 120');
  });

  it('rejects a missing, unknown or mismatched skill', () => {
    const problems = problemsFor((bank) => {
      delete (bank.infra[0] as { skill?: string }).skill;
      bank.infra[1]!.skill = '9.9.9';
      bank.infra[2]!.skill = '2.1.3';
    });
    expect(problems).toContainEqual('questions/infra.yaml: questions(infra-001).skill: missing: name the outline skill it tests (outline.yaml)');
    expect(problems).toContainEqual('questions/infra.yaml: questions(infra-002).skill: unknown skill "9.9.9" (see outline.yaml)');
    expect(problems).toContainEqual('questions/infra.yaml: questions(infra-003).skill: skill 2.1.3 belongs to domain "lifecycle", not "infra"');
  });

  it('rejects a skill with fewer than five questions', () => {
    const problems = problemsFor((bank) => {
      for (const question of bank.lifecycle) if (question.skill === '2.1.3') question.skill = '2.1.4';
      bank.lifecycle.find((q) => q.skill === '2.1.4')!.skill = '2.1.3';
    });
    expect(problems).toContainEqual('outline.yaml: skill 2.1.3: has 1 questions; every skill needs at least 5 (Use notebooks for experimentation)');
  });

  it('rejects answer letters outside 20-30% each', () => {
    const problems = problemsFor((bank) => {
      for (const domain of Object.values(bank)) {
        for (const question of domain.filter((q) => q.answer === 'D').slice(0, 8)) {
          question.answer = 'A';
          question.whyNot = { B: 'B is wrong.', C: 'C is wrong.', D: 'D is wrong.' };
        }
      }
    });
    expect(problems.some((p) => /^questions: answer: A keys 3\d% of the questions; each letter must key 20-30%$/.test(p))).toBe(true);
    expect(problems.some((p) => /^questions: answer: D keys 1\d% of the questions/.test(p))).toBe(true);
  });

  it('needs a distinction in every skill group, each in a group of its own domain', () => {
    const problems = problemsFor(
      () => undefined,
      (dir) =>
        editYaml(dir, 'distinctions.yaml', (data) => {
          data.distinctions = data.distinctions.filter((d: { group: string }) => d.group !== '5.2');
          data.distinctions[0].group = '4.1';
          data.distinctions[1].group = '9.9';
        }),
    );
    expect(problems).toContainEqual(
      'distinctions.yaml: distinctions: skill group 5.2 (Implement advanced fine-tuning and model customization) needs at least one distinction',
    );
    expect(problems).toContainEqual(
      'distinctions.yaml: distinctions(experiment-vs-production-run).group: group 4.1 belongs to domain "quality", not "lifecycle"',
    );
    expect(problems).toContainEqual('distinctions.yaml: distinctions(registry-vs-artifact-storage).group: unknown skill group "9.9" (see outline.yaml)');
  });

  it('refuses a retired id', () => {
    const problems = problemsFor(
      () => undefined,
      (dir) => writeFileSync(join(dir, 'retired.yaml'), stringify({ retired: [{ id: 'quality-003', why: 'replaced' }] })),
    );
    expect(problems).toContainEqual('questions/quality.yaml: questions(quality-003).id: is retired (retired.yaml): give the question a new id');
  });

  it('rejects text that would break Discord limits once rendered', () => {
    const longStem = problemsFor((bank) => {
      bank.quality[0]!.stem = `${'word '.repeat(185)}?`;
    });
    expect(longStem.some((p) => p.includes('(quality-001).stem: must be at most 900 characters'))).toBe(true);
    // Each rule within its own limit, but a domain page listing them all breaks the 6000 total.
    const longRule = problemsFor(
      () => undefined,
      (dir) =>
        editYaml(dir, 'distinctions.yaml', (data) => {
          for (const d of data.distinctions.slice(0, 12)) {
            d.domain = 'genaiops';
            d.rule = `${'r'.repeat(499)}.`;
          }
        }),
    );
    expect(longRule.some((p) => p.startsWith('domains.yaml: domains(genaiops): rendered message too large: embeds in total'))).toBe(true);
  });

  it('rejects a file whose domain does not match its name', () => {
    const problems = problemsFor(
      () => undefined,
      (dir) => editYaml(dir, 'questions/quality.yaml', (data) => (data.domain = 'optimization')),
    );
    expect(problems).toContainEqual('questions/quality.yaml: domain: is "optimization" but the file name says "quality"');
  });

  it('reports YAML syntax errors with the file name', () => {
    const problems = problemsFor(
      () => undefined,
      (dir) => writeFileSync(join(dir, 'tags.yaml'), 'tags: [unclosed'),
    );
    expect(problems.some((p) => p.startsWith('tags.yaml: cannot be read as YAML'))).toBe(true);
  });
});
