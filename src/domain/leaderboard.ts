// Ranking learners by readiness, or by one domain's mastery, over a period.
import type { DomainId } from '../content/ids.ts';
import { MIN_ANSWERS_TO_RANK, masteryOf, readiness, totalAnswers, type DomainTallies, type DomainWeights } from './mastery.ts';

export interface Standing {
  userId: string;
  score: number;
  answers: number;
}

export interface Leaderboard {
  ranked: Standing[];
  /** Learners with too few answers in the period to judge, most answers first. */
  unranked: Standing[];
}

export function buildLeaderboard(entries: Iterable<[string, DomainTallies]>, weights: DomainWeights, domain?: DomainId): Leaderboard {
  const ranked: Standing[] = [];
  const unranked: Standing[] = [];
  for (const [userId, tallies] of entries) {
    const answers = domain ? (tallies[domain]?.n ?? 0) : totalAnswers(tallies);
    if (answers === 0) continue;
    const score = domain ? masteryOf(tallies[domain]) : readiness(tallies, weights);
    (answers >= MIN_ANSWERS_TO_RANK ? ranked : unranked).push({ userId, score, answers });
  }
  ranked.sort((a, b) => b.score - a.score || b.answers - a.answers || a.userId.localeCompare(b.userId));
  unranked.sort((a, b) => b.answers - a.answers || a.userId.localeCompare(b.userId));
  return { ranked, unranked };
}

export const PAGE_SIZE = 10;

export function pageCount(board: Leaderboard): number {
  return Math.max(1, Math.ceil(board.ranked.length / PAGE_SIZE));
}

export function rankOf(board: Leaderboard, userId: string): number | undefined {
  const index = board.ranked.findIndex((s) => s.userId === userId);
  return index === -1 ? undefined : index + 1;
}
