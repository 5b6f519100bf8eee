// The one router for component and modal ids: parse, then hand to the handler for that kind.
import { MessageFlags, type MessageComponentInteraction, type ModalSubmitInteraction } from 'discord.js';
import { type CustomId, parseCustomId } from '../../render/customId.ts';
import type { BotContext } from '../context.ts';
import { onCheatsheetSelect } from './handlers/cheatsheet.ts';
import { onDailyAnswer } from './handlers/daily.ts';
import { onDiagnosticAnswer, onStartDiagnostic } from './handlers/diagnostic.ts';
import { onExam, onExamGoto, onExamResult } from './handlers/exam.ts';
import { onForget } from './handlers/forget.ts';
import { onLeaderboardPage } from './handlers/leaderboard.ts';
import { onAnswer, onDistinctionQuiz, onDrill, onNext } from './handlers/quiz.ts';
import { onReport, onReportForm, onReportKind, onReportsPage } from './handlers/report.ts';
import { onSessionAgain, onSessionAnswer, onSessionMine, onSessionStop } from './handlers/session.ts';
import type { ComponentHandler, InteractionFor, ModalKind } from './handlers/types.ts';

/** Total: a component kind without a handler does not compile. */
type HandlerTable = { [K in CustomId['kind']]: ComponentHandler<K> };

const HANDLERS: HandlerTable = {
  cheatsheet: onCheatsheetSelect,
  distinctionQuiz: onDistinctionQuiz,
  answer: onAnswer,
  next: onNext,
  diagnostic: onDiagnosticAnswer,
  leaderboard: onLeaderboardPage,
  forget: onForget,
  daily: onDailyAnswer,
  drill: onDrill,
  startDiagnostic: onStartDiagnostic,
  report: onReport,
  reportKind: onReportKind,
  reportForm: onReportForm,
  reportsPage: onReportsPage,
  sessionAnswer: onSessionAnswer,
  sessionStop: onSessionStop,
  sessionMine: onSessionMine,
  sessionAgain: onSessionAgain,
  exam: onExam,
  examGoto: onExamGoto,
  examResult: onExamResult,
};

const MODAL_KINDS: readonly CustomId['kind'][] = ['reportForm'] satisfies ModalKind[];

export function createComponentRouter() {
  return async function routeComponent(interaction: MessageComponentInteraction | ModalSubmitInteraction, ctx: BotContext): Promise<void> {
    const parsed = parseCustomId(interaction.customId);
    // A modal id on a button (or the reverse) is as unknown as a malformed one.
    const misplaced = parsed.ok && MODAL_KINDS.includes(parsed.id.kind) !== interaction.isModalSubmit();
    if (!parsed.ok || misplaced) {
      const reason = parsed.ok ? 'misplaced' : parsed.reason;
      ctx.logger.warn({ customId: interaction.customId, reason, userId: interaction.user.id }, 'unroutable component');
      const content =
        reason === 'stale-version'
          ? 'This button comes from an older version of the bot and no longer works. Run the command again for a fresh one.'
          : 'I do not recognise that button. Run the command again for a fresh one.';
      await interaction.reply({ flags: MessageFlags.Ephemeral, content });
      return;
    }
    const handler = HANDLERS[parsed.id.kind] as ComponentHandler<CustomId['kind']>;
    await handler(interaction as InteractionFor<CustomId['kind']>, parsed.id, ctx);
  };
}
