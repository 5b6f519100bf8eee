// The one router for component ids: parse, then hand to the handler for that kind.
import { MessageFlags, type MessageComponentInteraction } from 'discord.js';
import type { BotContext } from '../context.ts';
import { parseCustomId, type CustomId } from '../../render/customId.ts';
import type { ComponentHandler } from './handlers/types.ts';
import { onCheatsheetSelect } from './handlers/cheatsheet.ts';
import { onAnswer, onDistinctionQuiz, onDrill, onNext } from './handlers/quiz.ts';
import { onDiagnosticAnswer, onStartDiagnostic } from './handlers/diagnostic.ts';
import { onLeaderboardPage } from './handlers/leaderboard.ts';
import { onForget } from './handlers/forget.ts';
import { onDailyAnswer } from './handlers/daily.ts';

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
};

export function createComponentRouter() {
  return async function routeComponent(interaction: MessageComponentInteraction, ctx: BotContext): Promise<void> {
    const parsed = parseCustomId(interaction.customId);
    if (!parsed.ok) {
      ctx.logger.warn({ customId: interaction.customId, reason: parsed.reason, detail: parsed.detail, userId: interaction.user.id }, 'unroutable component');
      const content =
        parsed.reason === 'stale-version'
          ? 'This button comes from an older version of the bot and no longer works. Run the command again for a fresh one.'
          : 'I do not recognise that button. Run the command again for a fresh one.';
      await interaction.reply({ flags: MessageFlags.Ephemeral, content });
      return;
    }
    const handler = HANDLERS[parsed.id.kind] as ComponentHandler<CustomId['kind']>;
    await handler(interaction, parsed.id, ctx);
  };
}
