import { z } from 'zod';
import { CHOICE_LETTERS, DOMAIN_IDS, MISS_TAGS } from './ids.ts';

// Text limits chosen so that every rendered message stays inside Discord's limits.
export const TEXT_LIMITS = {
  stem: 900,
  choice: 200,
  explanation: 600,
  whyNot: 300,
  reference: 300,
  domainText: 400,
  distinctionName: 90,
  distinctionRule: 500,
  tagText: 500,
} as const;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const domainSchema = z.strictObject({
  id: z.enum(DOMAIN_IDS),
  name: text(80),
  officialName: text(120),
  weight: z.strictObject({ min: z.number().int().min(1).max(100), max: z.number().int().min(1).max(100) }),
  know: text(TEXT_LIMITS.domainText),
  trap: text(TEXT_LIMITS.domainText),
});

export const tagSchema = z.strictObject({
  id: z.enum(MISS_TAGS),
  name: text(40),
  meaning: text(TEXT_LIMITS.tagText),
  advice: text(TEXT_LIMITS.tagText),
  /** Advice for misses in one domain, where the general advice would not fit (a tag spans domains). */
  adviceByDomain: z.partialRecord(z.enum(DOMAIN_IDS), text(TEXT_LIMITS.tagText)).optional(),
});

export const distinctionSchema = z.strictObject({
  id: z
    .string()
    .max(60, 'must be at most 60 characters (it travels in button ids)')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens'),
  name: text(TEXT_LIMITS.distinctionName),
  rule: text(TEXT_LIMITS.distinctionRule),
  domain: z.enum(DOMAIN_IDS),
  /** The outline skill group it belongs to, like `2.3`. */
  group: z.string().regex(/^\d+\.\d+$/, 'must be a skill group id from outline.yaml, like 2.3'),
  tags: z.array(z.enum(MISS_TAGS)).min(1).max(3),
  source: z.enum(['seed', 'ours']),
  /** Two short situations, one for each side of the rule. */
  examples: z.array(text(200)).length(2, 'needs exactly two examples, one for each side'),
  reference: text(TEXT_LIMITS.reference),
});

export const questionSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+-\d{3}$/, 'must look like <domain>-NNN'),
  tags: z.array(z.enum(MISS_TAGS)).min(1, 'needs one or two miss tags').max(2, 'at most two miss tags'),
  distinction: z.string().optional(),
  /** The outline skill (content/outline.yaml) the question mainly tests, like `2.1.3`. */
  skill: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'must be a skill id from outline.yaml, like 2.1.3')
    .optional(),
  stem: text(TEXT_LIMITS.stem),
  choices: z.array(text(TEXT_LIMITS.choice)).length(4, 'needs exactly four choices'),
  answer: z.enum(CHOICE_LETTERS, { error: 'must be the letter of one of the four choices (A, B, C or D)' }),
  explanation: text(TEXT_LIMITS.explanation),
  whyNot: z.partialRecord(z.enum(CHOICE_LETTERS), text(TEXT_LIMITS.whyNot)),
  reference: text(TEXT_LIMITS.reference),
});

const outlineSkillSchema = z.strictObject({ id: z.string().regex(/^\d+\.\d+\.\d+$/), text: text(200) });
const outlineGroupSchema = z.strictObject({ id: z.string().regex(/^\d+\.\d+$/), title: text(200), skills: z.array(outlineSkillSchema).min(1) });
const outlineDomainSchema = z.strictObject({
  number: z.number().int(),
  id: z.enum(DOMAIN_IDS),
  title: text(200),
  weight: z.string(),
  groups: z.array(outlineGroupSchema).min(1),
});
export const outlineFileSchema = z.strictObject({ source: z.string(), domains: z.array(outlineDomainSchema) });

export const retiredFileSchema = z.strictObject({
  retired: z.array(z.strictObject({ id: z.string().regex(/^[a-z]+-\d{3}$/, 'must look like <domain>-NNN'), why: text(300) })),
});

export const domainsFileSchema = z.strictObject({ domains: z.array(domainSchema) });
export const tagsFileSchema = z.strictObject({ tags: z.array(tagSchema) });
export const distinctionsFileSchema = z.strictObject({ distinctions: z.array(distinctionSchema) });
export const questionFileSchema = z.strictObject({ domain: z.enum(DOMAIN_IDS), questions: z.array(questionSchema) });

export type OutlineDomain = z.infer<typeof outlineDomainSchema>;
export type OutlineGroup = z.infer<typeof outlineGroupSchema>;
export type OutlineSkill = z.infer<typeof outlineSkillSchema> & { group: string; domain: (typeof DOMAIN_IDS)[number] };
export type Domain = z.infer<typeof domainSchema>;
export type MissTagInfo = z.infer<typeof tagSchema>;
export type Distinction = z.infer<typeof distinctionSchema>;
export type Question = z.infer<typeof questionSchema> & { domain: (typeof DOMAIN_IDS)[number] };
