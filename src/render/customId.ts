// One grammar for every component id: `<kind>:<version>:<arg>:<arg>...`, at most 100 characters.
// Pure (no discord.js), so render builds ids and the bot's router parses them with the same code.
// Each kind has its own version: bumping one turns only that kind's old buttons into a clear
// "this has changed" message.
import { PERIODS, type Period } from '../domain/periods.ts';
import { isReportKind, type ReportKind } from '../domain/reports.ts';
import { CHOICE_LETTERS, DOMAIN_IDS, MISS_TAGS, type ChoiceLetter, type DomainId, type MissTag } from '../content/ids.ts';

export const CUSTOM_ID_MAX = 100;
const SNOWFLAKE = /^\d{5,20}$/;
/** Content ids (questions, distinctions); the schema caps them at the same length. */
export const CONTENT_ID_MAX = 60;
const TOKEN = new RegExp(`^[a-z0-9-]{1,${CONTENT_ID_MAX}}$`);
const SERVE = /^[a-z0-9]{1,16}$/;

export type QuizMode = 'quiz' | 'review' | 'distinction';

/** What a mock-exam button does; the position is the question it acts on or goes to. */
export type ExamAction = 'answer' | 'go' | 'flag' | 'submit' | 'confirm' | 'abandon';
const EXAM_ACTION_CODE: Record<ExamAction, string> = { answer: 'a', go: 'g', flag: 'f', submit: 's', confirm: 'c', abandon: 'x' };

export type CustomId =
  /** Cheat-sheet domain switcher (select menu): anyone may use it. */
  | { kind: 'cheatsheet' }
  /** "Quiz me on this" under a distinction: serves the clicker a question. */
  | { kind: 'distinctionQuiz'; distinctionId: string }
  /** An answer to a personal question; `serve` makes a double click count once. */
  | { kind: 'answer'; ownerId: string; questionId: string; serve: string; letter: ChoiceLetter; mode: QuizMode; domain?: DomainId; tag?: MissTag }
  /** "Next question" with the filters of the quiz it came from. */
  | { kind: 'next'; ownerId: string; mode: QuizMode; domain?: DomainId; tag?: MissTag }
  /** An answer inside a diagnostic run kept in the store. */
  | { kind: 'diagnostic'; ownerId: string; runId: string; position: number; letter: ChoiceLetter }
  /** An answer to a channel's daily post. */
  | { kind: 'daily'; postId: string; letter: ChoiceLetter }
  /** Leaderboard paging. */
  | { kind: 'leaderboard'; ownerId: string; domain?: DomainId; period: Period; page: number }
  /** Confirmation of `/ai300 forget`. */
  | { kind: 'forget'; ownerId: string; confirm: boolean }
  /** "Drill <domain or tag>" under advice: a private question for whoever clicked. */
  | { kind: 'drill'; domain?: DomainId; tag?: MissTag }
  /** "Start the diagnostic" under an empty record: a private run for whoever clicked. */
  | { kind: 'startDiagnostic' }
  /** "Report a problem" under a revealed question. */
  | { kind: 'report'; questionId: string }
  /** The menu of what is wrong, before the comment. */
  | { kind: 'reportKind'; questionId: string }
  /** The report's modal: what is wrong travels in its id. */
  | { kind: 'reportForm'; questionId: string; reportKind: ReportKind }
  /** Paging through a server's reports (admins). */
  | { kind: 'reportsPage'; ownerId: string; page: number }
  /** An answer to a study session's question (the channel and server come with the click). */
  | { kind: 'sessionAnswer'; sessionId: string; index: number; letter: ChoiceLetter }
  /** Stop a study session (its starter, or a member with Manage Messages). */
  | { kind: 'sessionStop'; sessionId: string }
  /** A member's own line of an ended session's scoreboard, privately. */
  | { kind: 'sessionMine'; sessionId: string }
  /** "Start another round" under a final scoreboard, with the same settings. */
  | { kind: 'sessionAgain'; domain?: DomainId; questions: number; seconds: number }
  /** A button of a mock exam in progress; `letter` only with `answer`. */
  | { kind: 'exam'; ownerId: string; examId: string; action: ExamAction; position: number; letter?: ChoiceLetter }
  /** The exam's "Go to…" menu; `part` tells the menus of questions 1-25 and 26-50 apart. */
  | { kind: 'examGoto'; ownerId: string; examId: string; part: number }
  /** Paging through a finished exam's missed questions. */
  | { kind: 'examResult'; ownerId: string; examId: string; page: number };

export type ParseResult = { ok: true; id: CustomId } | { ok: false; reason: 'malformed' | 'unknown-kind' | 'stale-version'; detail: string };

/** Prefix and current version per kind. */
const KINDS: Record<CustomId['kind'], { prefix: string; version: string }> = {
  cheatsheet: { prefix: 'cs', version: '1' },
  distinctionQuiz: { prefix: 'dq', version: '1' },
  answer: { prefix: 'qa', version: '1' },
  next: { prefix: 'qn', version: '1' },
  diagnostic: { prefix: 'dg', version: '1' },
  daily: { prefix: 'dy', version: '1' },
  leaderboard: { prefix: 'lb', version: '1' },
  forget: { prefix: 'fg', version: '1' },
  drill: { prefix: 'dr', version: '1' },
  startDiagnostic: { prefix: 'sd', version: '1' },
  report: { prefix: 'rp', version: '1' },
  reportKind: { prefix: 'rk', version: '1' },
  reportForm: { prefix: 'rf', version: '1' },
  reportsPage: { prefix: 'rl', version: '1' },
  sessionAnswer: { prefix: 'sa', version: '1' },
  sessionStop: { prefix: 'sx', version: '1' },
  sessionMine: { prefix: 'sm', version: '1' },
  sessionAgain: { prefix: 'sg', version: '1' },
  exam: { prefix: 'ex', version: '1' },
  examGoto: { prefix: 'eg', version: '1' },
  examResult: { prefix: 'er', version: '1' },
};
const MODE_CODE: Record<QuizMode, string> = { quiz: 'q', review: 'r', distinction: 'd' };

export function buildCustomId(id: CustomId): string {
  const args = argsOf(id);
  const value = [KINDS[id.kind].prefix, KINDS[id.kind].version, ...args].join(':');
  if (value.length > CUSTOM_ID_MAX) throw new Error(`custom_id over ${CUSTOM_ID_MAX} characters: ${value}`);
  return value;
}

function argsOf(id: CustomId): string[] {
  switch (id.kind) {
    case 'cheatsheet':
      return [];
    case 'distinctionQuiz':
      return [id.distinctionId];
    case 'answer':
      return [id.ownerId, id.questionId, id.serve, id.letter, MODE_CODE[id.mode], id.domain ?? '-', id.tag ?? '-'];
    case 'next':
      return [id.ownerId, MODE_CODE[id.mode], id.domain ?? '-', id.tag ?? '-'];
    case 'diagnostic':
      return [id.ownerId, id.runId, String(id.position), id.letter];
    case 'daily':
      return [id.postId, id.letter];
    case 'leaderboard':
      return [id.ownerId, id.domain ?? '-', id.period, String(id.page)];
    case 'forget':
      return [id.ownerId, id.confirm ? 'y' : 'n'];
    case 'drill':
      return [id.domain ?? '-', id.tag ?? '-'];
    case 'startDiagnostic':
      return [];
    case 'report':
    case 'reportKind':
      return [id.questionId];
    case 'reportForm':
      return [id.questionId, id.reportKind];
    case 'reportsPage':
      return [id.ownerId, String(id.page)];
    case 'sessionAnswer':
      return [id.sessionId, String(id.index), id.letter];
    case 'sessionStop':
    case 'sessionMine':
      return [id.sessionId];
    case 'sessionAgain':
      return [id.domain ?? '-', String(id.questions), String(id.seconds)];
    case 'exam':
      return [id.ownerId, id.examId, EXAM_ACTION_CODE[id.action], String(id.position), id.letter ?? '-'];
    case 'examGoto':
      return [id.ownerId, id.examId, String(id.part)];
    case 'examResult':
      return [id.ownerId, id.examId, String(id.page)];
  }
}

const KIND_BY_PREFIX = new Map(Object.entries(KINDS).map(([kind, { prefix }]) => [prefix, kind as CustomId['kind']]));

function fail(reason: 'malformed' | 'unknown-kind' | 'stale-version', detail: string): ParseResult {
  return { ok: false, reason, detail };
}

function isLetter(value: string | undefined): value is ChoiceLetter {
  return (CHOICE_LETTERS as readonly string[]).includes(value ?? '');
}

function parseMode(code: string | undefined): QuizMode | undefined {
  return (Object.keys(MODE_CODE) as QuizMode[]).find((mode) => MODE_CODE[mode] === code);
}

function optional<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined | null {
  if (value === '-') return undefined;
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : null;
}

/** Parses any custom_id; never throws. */
export function parseCustomId(raw: string): ParseResult {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > CUSTOM_ID_MAX) return fail('malformed', 'bad length');
  const [prefix, version, ...args] = raw.split(':');
  const kind = KIND_BY_PREFIX.get(prefix ?? '');
  if (!kind) return fail('unknown-kind', `unknown prefix "${prefix}"`);
  if (version !== KINDS[kind].version) return fail('stale-version', `version ${version} of ${kind}`);
  const id = parseArgs(kind, args);
  return id ? { ok: true, id } : fail('malformed', `bad arguments for ${kind}`);
}

function parseArgs(kind: CustomId['kind'], args: string[]): CustomId | undefined {
  switch (kind) {
    case 'cheatsheet':
      return args.length === 0 ? { kind } : undefined;
    case 'distinctionQuiz': {
      const [distinctionId] = args;
      return args.length === 1 && TOKEN.test(distinctionId ?? '') ? { kind, distinctionId: distinctionId! } : undefined;
    }
    case 'answer': {
      const [ownerId, questionId, serve, letter, modeCode, domainArg, tagArg] = args;
      const mode = parseMode(modeCode);
      const domain = optional(domainArg, DOMAIN_IDS);
      const tag = optional(tagArg, MISS_TAGS);
      if (args.length !== 7 || !SNOWFLAKE.test(ownerId ?? '') || !TOKEN.test(questionId ?? '') || !SERVE.test(serve ?? '')) return undefined;
      if (!isLetter(letter) || !mode || domain === null || tag === null) return undefined;
      return { kind, ownerId: ownerId!, questionId: questionId!, serve: serve!, letter, mode, ...(domain && { domain }), ...(tag && { tag }) };
    }
    case 'next': {
      const [ownerId, modeCode, domainArg, tagArg] = args;
      const mode = parseMode(modeCode);
      const domain = optional(domainArg, DOMAIN_IDS);
      const tag = optional(tagArg, MISS_TAGS);
      if (args.length !== 4 || !SNOWFLAKE.test(ownerId ?? '') || !mode || domain === null || tag === null) return undefined;
      return { kind, ownerId: ownerId!, mode, ...(domain && { domain }), ...(tag && { tag }) };
    }
    case 'diagnostic': {
      const [ownerId, runId, positionArg, letter] = args;
      const position = Number(positionArg);
      if (args.length !== 4 || !SNOWFLAKE.test(ownerId ?? '') || !SERVE.test(runId ?? '')) return undefined;
      if (!/^\d{1,2}$/.test(positionArg ?? '') || !isLetter(letter)) return undefined;
      return { kind, ownerId: ownerId!, runId: runId!, position, letter };
    }
    case 'daily': {
      const [postId, letter] = args;
      return args.length === 2 && SERVE.test(postId ?? '') && isLetter(letter) ? { kind, postId: postId!, letter } : undefined;
    }
    case 'leaderboard': {
      const [ownerId, domainArg, periodArg, pageArg] = args;
      const domain = optional(domainArg, DOMAIN_IDS);
      const period = (PERIODS as readonly string[]).includes(periodArg ?? '') ? (periodArg as Period) : undefined;
      if (args.length !== 4 || !SNOWFLAKE.test(ownerId ?? '') || domain === null || !period || !/^\d{1,4}$/.test(pageArg ?? '')) return undefined;
      return { kind, ownerId: ownerId!, period, page: Number(pageArg), ...(domain && { domain }) };
    }
    case 'forget': {
      const [ownerId, answer] = args;
      if (args.length !== 2 || !SNOWFLAKE.test(ownerId ?? '') || (answer !== 'y' && answer !== 'n')) return undefined;
      return { kind, ownerId: ownerId!, confirm: answer === 'y' };
    }
    case 'drill': {
      const [domainArg, tagArg] = args;
      const domain = optional(domainArg, DOMAIN_IDS);
      const tag = optional(tagArg, MISS_TAGS);
      if (args.length !== 2 || domain === null || tag === null) return undefined;
      return { kind, ...(domain && { domain }), ...(tag && { tag }) };
    }
    case 'startDiagnostic':
      return args.length === 0 ? { kind } : undefined;
    case 'report':
    case 'reportKind': {
      const [questionId] = args;
      return args.length === 1 && TOKEN.test(questionId ?? '') ? { kind, questionId: questionId! } : undefined;
    }
    case 'reportForm': {
      const [questionId, reportKind] = args;
      if (args.length !== 2 || !TOKEN.test(questionId ?? '') || !isReportKind(reportKind ?? '')) return undefined;
      return { kind, questionId: questionId!, reportKind: reportKind as ReportKind };
    }
    case 'reportsPage': {
      const [ownerId, pageArg] = args;
      if (args.length !== 2 || !SNOWFLAKE.test(ownerId ?? '') || !/^\d{1,4}$/.test(pageArg ?? '')) return undefined;
      return { kind, ownerId: ownerId!, page: Number(pageArg) };
    }
    case 'sessionAnswer': {
      const [sessionId, indexArg, letter] = args;
      if (args.length !== 3 || !SERVE.test(sessionId ?? '') || !/^\d{1,2}$/.test(indexArg ?? '') || !isLetter(letter)) return undefined;
      return { kind, sessionId: sessionId!, index: Number(indexArg), letter };
    }
    case 'sessionStop':
    case 'sessionMine': {
      const [sessionId] = args;
      return args.length === 1 && SERVE.test(sessionId ?? '') ? { kind, sessionId: sessionId! } : undefined;
    }
    case 'sessionAgain': {
      const [domainArg, questionsArg, secondsArg] = args;
      const domain = optional(domainArg, DOMAIN_IDS);
      if (args.length !== 3 || domain === null || !/^\d{1,3}$/.test(questionsArg ?? '') || !/^\d{1,3}$/.test(secondsArg ?? '')) return undefined;
      return { kind, questions: Number(questionsArg), seconds: Number(secondsArg), ...(domain && { domain }) };
    }
    case 'exam': {
      const [ownerId, examId, code, positionArg, letterArg] = args;
      const action = (Object.keys(EXAM_ACTION_CODE) as ExamAction[]).find((a) => EXAM_ACTION_CODE[a] === code);
      if (args.length !== 5 || !SNOWFLAKE.test(ownerId ?? '') || !SERVE.test(examId ?? '') || !action || !/^\d{1,2}$/.test(positionArg ?? '')) return undefined;
      // Only an answer carries a letter, and it must carry one.
      if (action === 'answer' ? !isLetter(letterArg) : letterArg !== '-') return undefined;
      return {
        kind,
        ownerId: ownerId!,
        examId: examId!,
        action,
        position: Number(positionArg),
        ...(action === 'answer' && { letter: letterArg as ChoiceLetter }),
      };
    }
    case 'examGoto': {
      const [ownerId, examId, partArg] = args;
      if (args.length !== 3 || !SNOWFLAKE.test(ownerId ?? '') || !SERVE.test(examId ?? '') || !/^\d$/.test(partArg ?? '')) return undefined;
      return { kind, ownerId: ownerId!, examId: examId!, part: Number(partArg) };
    }
    case 'examResult': {
      const [ownerId, examId, pageArg] = args;
      if (args.length !== 3 || !SNOWFLAKE.test(ownerId ?? '') || !SERVE.test(examId ?? '') || !/^\d{1,2}$/.test(pageArg ?? '')) return undefined;
      return { kind, ownerId: ownerId!, examId: examId!, page: Number(pageArg) };
    }
  }
}
