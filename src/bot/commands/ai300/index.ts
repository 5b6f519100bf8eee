// The /ai300 command: every study subcommand, in the order help lists them.
import { InteractionContextType } from 'discord.js';
import type { CommandGroup, Subcommand } from '../types.ts';
import { cheatsheet } from './cheatsheet.ts';
import { diagnostic } from './diagnostic.ts';
import { distinction } from './distinction.ts';
import { exam } from './exam.ts';
import { forget } from './forget.ts';
import { leaderboard } from './leaderboard.ts';
import { miss } from './miss.ts';
import { quiz } from './quiz.ts';
import { review } from './review.ts';
import { session } from './session.ts';
import { stats } from './stats.ts';

export function ai300Group(help: Subcommand): CommandGroup {
  return {
    name: 'ai300',
    description: 'AI-300 study companion: cheat sheet, quizzes, stats',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    subcommands: [help, cheatsheet, distinction, quiz, diagnostic, exam, review, session, miss, stats, leaderboard, forget],
  };
}
