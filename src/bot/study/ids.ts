// Where a learner's records live, and fresh ids for served questions and runs.
import type { Random } from '../../domain/random.ts';
import { DM_GUILD } from '../../store/studyStore.ts';

/** Anything that knows its server: interactions, or a plain object in tests. */
export interface InServer {
  guildId: string | null;
}

export function guildKey(interaction: InServer): string {
  return interaction.guildId ?? DM_GUILD;
}

/** A short id, unique enough to tell one served question from another in a custom_id. */
export function freshId(now: Date, random: Random): string {
  return (
    (now.getTime() % 2_176_782_336).toString(36) +
    Math.floor(random() * 1_679_616)
      .toString(36)
      .padStart(4, '0')
  );
}
