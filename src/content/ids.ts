// The exam's fixed vocabulary. Content files must use exactly these ids; stored records refer to them.
export const DOMAIN_IDS = ['infra', 'lifecycle', 'genaiops', 'quality', 'optimization'] as const;
export type DomainId = (typeof DOMAIN_IDS)[number];

export const MISS_TAGS = ['infrastructure', 'lifecycle', 'genaiops', 'quality', 'observability', 'optimization'] as const;
export type MissTag = (typeof MISS_TAGS)[number];

export const CHOICE_LETTERS = ['A', 'B', 'C', 'D'] as const;
export type ChoiceLetter = (typeof CHOICE_LETTERS)[number];

/** Fewest questions per domain: weeks of fresh questions, in proportion to the exam weights. */
export const MIN_QUESTIONS_PER_DOMAIN: Record<DomainId, number> = {
  infra: 95,
  lifecycle: 145,
  genaiops: 120,
  quality: 70,
  optimization: 70,
};

export function isDomainId(value: string): value is DomainId {
  return (DOMAIN_IDS as readonly string[]).includes(value);
}

export function isMissTag(value: string): value is MissTag {
  return (MISS_TAGS as readonly string[]).includes(value);
}
