// Every /ai300 subcommand, in the order help lists them. One place to find each entry point.
import type { Subcommand } from '../types.ts';
import { help } from './help.ts';
import { cheatsheet } from './cheatsheet.ts';
import { distinction } from './distinction.ts';
import { quiz } from './quiz.ts';
import { diagnostic } from './diagnostic.ts';
import { review } from './review.ts';
import { miss } from './miss.ts';
import { stats } from './stats.ts';
import { leaderboard } from './leaderboard.ts';
import { forget } from './forget.ts';

export function ai300Subcommands(): Subcommand[] {
  return [help, cheatsheet, distinction, quiz, diagnostic, review, miss, stats, leaderboard, forget];
}
