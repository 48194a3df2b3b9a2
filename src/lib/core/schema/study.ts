// A study fixes everything a fair comparison needs before any rater starts: who is compared, on
// what, with which questions, and the seed that makes side assignment and order reproducible.
import { z } from 'zod';
import { IdSchema, TimestampSchema, TraitSchema } from './common';
import { SIDE_FLAGS } from './vocabulary';

export { SIDE_FLAGS } from './vocabulary';

export const SideFlagSchema = z.enum(SIDE_FLAGS);
export type SideFlag = z.infer<typeof SideFlagSchema>;

export const RubricSchema = z
	.object({
		/** Ask per-trait questions for the traits each item probes (or only those listed). */
		traitQuestions: z.enum(['item', 'none', 'listed']).default('item'),
		traits: z.array(TraitSchema).default([]),
		flags: z.array(SideFlagSchema).default([...SIDE_FLAGS]),
		rationale: z.enum(['off', 'optional', 'required']).default('optional')
	})
	.strict();
export type Rubric = z.infer<typeof RubricSchema>;

export const QualityControlSchema = z
	.object({
		/** Share of extra gold trials with one side deliberately degraded. */
		attentionShare: z.number().min(0).max(0.5).default(0),
		/** Share of trials shown again later with sides swapped. */
		swapShare: z.number().min(0).max(0.5).default(0),
		/** Names that, found in a response, flag the trial as a possible identity leak. */
		leakTerms: z.array(z.string().trim().min(2).max(100)).default([])
	})
	.strict();
export type QualityControl = z.infer<typeof QualityControlSchema>;

/**
 * The primary hypotheses, fixed before the first judgment: each names a category ('overall',
 * 'trait:truthfulness', 'domain:health', …) on which every compared pair is tested two-sided at
 * the family-wise level `alpha` (Holm within the family). `hash` covers the hypotheses, alpha and
 * the lock time (see core/preregistration), so a later edit shows.
 */
export const PreregistrationSchema = z
	.object({
		hypotheses: z
			.array(z.string().trim().min(1).max(300))
			.min(1, 'needs at least one hypothesis')
			.max(200),
		alpha: z.number().gt(0).lt(1).default(0.05),
		lockedAt: TimestampSchema,
		hash: z.string().min(1).max(100)
	})
	.strict();
export type Preregistration = z.infer<typeof PreregistrationSchema>;

export const BundleKeySchema = z
	.object({
		bundleId: IdSchema,
		secret: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
		createdAt: TimestampSchema
	})
	.strict();
export type BundleKey = z.infer<typeof BundleKeySchema>;

/** The model judges of a study and the prompt they are given, kept so a reader can rerun them. */
export const JudgeSettingsSchema = z
	.object({
		endpointIds: z.array(IdSchema).max(10).default([]),
		/** The prompt template; placeholders are listed in core/judge/prompt. */
		template: z.string().trim().min(1, 'must not be empty').max(20_000),
		/** Put the trials the judges doubt first in every human rater's order. */
		humansFirst: z.boolean().optional()
	})
	.strict();
export type JudgeSettings = z.infer<typeof JudgeSettingsSchema>;

/**
 * The research design a study was set up for: the recipe it started from (or `custom`), the
 * primary hypotheses it proposes for the lock, and its arms — the categories (e.g.
 * `tag:harmful-steer`) each rater's order is stratified by, so every arm is judged from the start.
 */
export const StudyDesignSchema = z
	.object({
		recipe: z.string().trim().min(1).max(60),
		primary: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
		arms: z.array(z.string().trim().min(1).max(200)).max(20).default([])
	})
	.strict();
export type StudyDesign = z.infer<typeof StudyDesignSchema>;

export const StudySchema = z
	.object({
		id: IdSchema,
		name: z.string().trim().min(1, 'must not be empty').max(200),
		endpointIds: z.array(IdSchema).min(2, 'needs at least two endpoints'),
		baselineEndpointId: IdSchema.optional(),
		pairing: z.enum(['each-vs-baseline', 'all-pairs', 'listed']).default('each-vs-baseline'),
		/** With pairing `listed`: the endpoint pairs compared, each of two study endpoints. */
		pairs: z
			.array(z.tuple([IdSchema, IdSchema]))
			.max(200)
			.optional(),
		itemIds: z.array(IdSchema).min(1, 'needs at least one prompt item'),
		repeats: z.int().min(1).max(20).default(1),
		seed: z.int().min(0).max(0xffff_ffff),
		rubric: RubricSchema.default(RubricSchema.parse({})),
		instructions: z.string().max(20_000).default(''),
		revealPolicy: z.enum(['never', 'after-vote']).default('never'),
		quality: QualityControlSchema.default(QualityControlSchema.parse({})),
		/** `demo` ships with the app; `live` is the presenter's arena; `bundle` was opened from a file. */
		kind: z.enum(['study', 'demo', 'live', 'bundle']).default('study'),
		/**
		 * Researcher side only: opaque id → endpoint id, fixed at the first bundle export, so rater
		 * files map back to real endpoints while rater machines never hold a model's name.
		 */
		bundleMap: z.record(IdSchema, IdSchema).optional(),
		preregistration: PreregistrationSchema.optional(),
		design: StudyDesignSchema.optional(),
		/**
		 * Researcher side only: the bundle's id and the secret its opaque trial and answer ids are
		 * derived from (HMAC), fixed at the first export. Merging a rater file recomputes the ids
		 * from it to map each answer back to its trial, endpoint and kind.
		 */
		bundleKey: BundleKeySchema.optional(),
		judge: JudgeSettingsSchema.optional(),
		createdAt: TimestampSchema
	})
	.strict()
	.refine((study) => new Set(study.endpointIds).size === study.endpointIds.length, {
		message: 'lists an endpoint twice',
		path: ['endpointIds']
	})
	.refine(
		(study) =>
			study.pairing !== 'listed' ||
			((study.pairs?.length ?? 0) > 0 &&
				(study.pairs ?? []).every(
					([a, b]) => a !== b && study.endpointIds.includes(a) && study.endpointIds.includes(b)
				)),
		{ message: 'must list pairs of two different study endpoints', path: ['pairs'] }
	)
	.refine(
		(study) =>
			study.pairing !== 'each-vs-baseline' ||
			(study.baselineEndpointId !== undefined &&
				study.endpointIds.includes(study.baselineEndpointId)),
		{ message: 'must be one of the study endpoints', path: ['baselineEndpointId'] }
	);
export type Study = z.infer<typeof StudySchema>;
export type StudyInput = z.input<typeof StudySchema>;
