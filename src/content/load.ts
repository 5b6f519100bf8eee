import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { DomainId } from './ids.ts';
import {
  distinctionsFileSchema,
  domainsFileSchema,
  outlineFileSchema,
  retiredFileSchema,
  questionFileSchema,
  tagsFileSchema,
  type Distinction,
  type Domain,
  type MissTagInfo,
  type OutlineDomain,
  type OutlineSkill,
  type Question,
} from './schema.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { type Content, type ContentProblem, InvalidContentError } from './model.ts';
import { validateContent } from './validate.ts';

export type { Content, ContentProblem } from './model.ts';
export { InvalidContentError, formatProblem } from './model.ts';

export const DEFAULT_CONTENT_DIR = `${join(PROJECT_ROOT, 'content')}/`;

function fieldPath(path: readonly PropertyKey[], data: unknown): string {
  let label = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      label += `[${key}]`;
      // Name list items by their id so an editor can find them without counting.
      const item = Array.isArray(node) ? node[key] : undefined;
      if (item && typeof item === 'object' && 'id' in item && typeof item.id === 'string') label += `(${item.id})`;
    } else {
      label += label ? `.${String(key)}` : String(key);
    }
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return label;
}

function readFile<S extends z.ZodType>(dir: string, file: string, schema: S, problems: ContentProblem[]): z.infer<S> | undefined {
  const shown = relative(dir, file);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push({ file: shown, field: '', message: `cannot be read as YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: shown, field: fieldPath(issue.path, data), message: issue.message });
    }
    return undefined;
  }
  return result.data;
}

/** A further rule over loaded content, from a layer above (render checks message sizes). */
export type ContentCheck = (content: Content) => ContentProblem[];

/** Reads and checks every content file. Returns the content, or every problem found. */
export function readContent(
  dir: string = DEFAULT_CONTENT_DIR,
  checks: readonly ContentCheck[] = [],
): { content?: Content; problems: ContentProblem[] /** Every file read, even when a rule failed: for reports. */; draft?: Content } {
  const problems: ContentProblem[] = [];
  const domains = readFile(dir, join(dir, 'domains.yaml'), domainsFileSchema, problems);
  const tags = readFile(dir, join(dir, 'tags.yaml'), tagsFileSchema, problems);
  const distinctions = readFile(dir, join(dir, 'distinctions.yaml'), distinctionsFileSchema, problems);
  const outline = readFile(dir, join(dir, 'outline.yaml'), outlineFileSchema, problems);
  const retired = readFile(dir, join(dir, 'retired.yaml'), retiredFileSchema, problems);
  const questionDir = join(dir, 'questions');
  const questionFiles = readdirSync(questionDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  const questions: Question[] = [];
  const questionFile = new Map<string, string>();
  for (const name of questionFiles) {
    const parsed = readFile(dir, join(questionDir, name), questionFileSchema, problems);
    if (!parsed) continue;
    const shown = `questions/${name}`;
    const fileDomain = basename(name, '.yaml').split('.')[0];
    if (fileDomain !== parsed.domain) {
      problems.push({ file: shown, field: 'domain', message: `is "${parsed.domain}" but the file name says "${fileDomain}"` });
    }
    for (const question of parsed.questions) {
      questions.push({ ...question, domain: parsed.domain });
      if (!questionFile.has(question.id)) questionFile.set(question.id, shown);
    }
  }
  if (!domains || !tags || !distinctions || !outline || !retired || problems.length > 0) return { problems };
  const retiredIds = new Set(retired.retired.map((r) => r.id));
  for (const question of questions) {
    if (retiredIds.has(question.id)) {
      problems.push({
        file: questionFile.get(question.id)!,
        field: `questions(${question.id}).id`,
        message: 'is retired (retired.yaml): give the question a new id',
      });
    }
  }

  const content = indexContent(domains.domains, tags.tags, distinctions.distinctions, questions, questionFile, outline.domains);
  problems.push(...validateContent(content));
  for (const check of checks) problems.push(...check(content));
  return problems.length > 0 ? { problems, draft: content } : { content, problems, draft: content };
}

export function indexContent(
  domains: Domain[],
  tags: MissTagInfo[],
  distinctions: Distinction[],
  questions: Question[],
  questionFile = new Map<string, string>(),
  outline: OutlineDomain[] = [],
): Content {
  const skillById = new Map<string, OutlineSkill>();
  for (const domain of outline) {
    for (const group of domain.groups) {
      for (const skill of group.skills) skillById.set(skill.id, { ...skill, group: group.id, domain: domain.id });
    }
  }
  const questionsByDomain = new Map<DomainId, Question[]>();
  for (const domain of domains) questionsByDomain.set(domain.id, []);
  for (const question of questions) questionsByDomain.get(question.domain)?.push(question);
  return {
    domains,
    outline,
    skillById,
    tags,
    distinctions,
    questions,
    domainById: new Map(domains.map((d) => [d.id, d])),
    tagById: new Map(tags.map((t) => [t.id, t])),
    distinctionById: new Map(distinctions.map((d) => [d.id, d])),
    questionById: new Map(questions.map((q) => [q.id, q])),
    questionsByDomain,
    questionFile,
  };
}

/** Loads content or throws InvalidContentError listing every problem. */
export function loadContent(dir: string = DEFAULT_CONTENT_DIR, checks: readonly ContentCheck[] = []): Content {
  const { content, problems } = readContent(dir, checks);
  if (!content) throw new InvalidContentError(problems);
  return content;
}
