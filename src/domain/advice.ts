// Turns a learner's misses into what to drill next.
import { MISS_TAGS, type MissTag } from '../content/ids.ts';

export type TagCounts = Partial<Record<MissTag, number>>;

export function combineMisses(...counts: TagCounts[]): TagCounts {
  const total: TagCounts = {};
  for (const count of counts) for (const tag of MISS_TAGS) if (count[tag]) total[tag] = (total[tag] ?? 0) + count[tag]!;
  return total;
}

/** The most-missed tags, most first; ties keep the cheat sheet's order. At most `limit`. */
export function mostMissedTags(misses: TagCounts, limit = 2): MissTag[] {
  return MISS_TAGS.filter((tag) => (misses[tag] ?? 0) > 0)
    .sort((a, b) => (misses[b] ?? 0) - (misses[a] ?? 0) || MISS_TAGS.indexOf(a) - MISS_TAGS.indexOf(b))
    .slice(0, limit);
}
