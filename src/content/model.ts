// The shape of loaded content, apart from loading it, so the rules and reports that read it
// (validate.ts, coverage.ts) and the loader that runs them do not import each other.
import type { DomainId, MissTag } from './ids.ts';
import type { Distinction, Domain, MissTagInfo, OutlineDomain, OutlineSkill, Question } from './schema.ts';

export interface Content {
  domains: Domain[];
  /** The official skills outline: domains, skill groups and skills with their ids. */
  outline: OutlineDomain[];
  skillById: Map<string, OutlineSkill>;
  tags: MissTagInfo[];
  distinctions: Distinction[];
  questions: Question[];
  domainById: Map<DomainId, Domain>;
  tagById: Map<MissTag, MissTagInfo>;
  distinctionById: Map<string, Distinction>;
  questionById: Map<string, Question>;
  questionsByDomain: Map<DomainId, Question[]>;
  /** Where each question was read from, for error messages. */
  questionFile: Map<string, string>;
}

export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}: ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

export class InvalidContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'InvalidContentError';
  }
}
