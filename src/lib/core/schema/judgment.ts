// A judgment is stored with both sides already resolved to endpoints, so an export line is
// self-contained and a later change to the trial table cannot change what a rater said.
import { z } from 'zod';
import { IdSchema, SCHEMA_VERSION, TimestampSchema, TraitSchema } from './common';
import { SideFlagSchema } from './study';
import { OVERALL_CHOICES, TRAIT_CHOICES } from './vocabulary';

export { OVERALL_CHOICES, TRAIT_CHOICES } from './vocabulary';

export const OverallChoiceSchema = z.enum(OVERALL_CHOICES);
export type OverallChoice = z.infer<typeof OverallChoiceSchema>;

export const TraitChoiceSchema = z.enum(TRAIT_CHOICES);
export type TraitChoice = z.infer<typeof TraitChoiceSchema>;

/**
 * A model judge's two readings of one trial, both mapped back to the trial's screen sides: first
 * with the answers as the trial shows them, then with A and B swapped. `consistent` says whether
 * the preferred side survived the swap; the judgment's own verdict is the reconciled one.
 */
export const JudgeOrdersSchema = z
	.object({
		shown: z
			.object({
				overall: OverallChoiceSchema,
				traitChoices: z.record(TraitSchema, TraitChoiceSchema).default({})
			})
			.strict(),
		swapped: z
			.object({
				overall: OverallChoiceSchema,
				traitChoices: z.record(TraitSchema, TraitChoiceSchema).default({})
			})
			.strict(),
		consistent: z.boolean()
	})
	.strict();
export type JudgeOrders = z.infer<typeof JudgeOrdersSchema>;

export const RaterKindSchema = z.enum(['human', 'model']);
export type RaterKind = z.infer<typeof RaterKindSchema>;

export const JudgmentSchema = z
	.object({
		id: IdSchema,
		schema: z.literal(SCHEMA_VERSION),
		app: z.string().min(1).max(40),
		studyId: IdSchema,
		trialId: IdSchema,
		itemId: IdSchema,
		raterId: IdSchema,
		/** Null only when the rater skipped the trial (then skipReason says why). */
		overall: OverallChoiceSchema.nullable(),
		skipReason: z.string().trim().min(1).max(500).nullable().default(null),
		leftEndpointId: IdSchema,
		rightEndpointId: IdSchema,
		/** The endpoint the overall choice prefers; null for tie, both bad and skips. */
		winnerEndpointId: IdSchema.nullable(),
		traitChoices: z.record(TraitSchema, TraitChoiceSchema).default({}),
		flags: z
			.object({
				left: z.array(SideFlagSchema).default([]),
				right: z.array(SideFlagSchema).default([])
			})
			.strict()
			.default({ left: [], right: [] }),
		rationale: z.string().max(20_000).default(''),
		decisionMs: z.number().min(0),
		/** Absent on everything recorded before model judges existed: those are human verdicts. */
		raterKind: RaterKindSchema.optional(),
		/** The judge endpoint, when `raterKind` is 'model'. */
		judgeId: IdSchema.optional(),
		judgeOrders: JudgeOrdersSchema.optional(),
		createdAt: TimestampSchema,
		updatedAt: TimestampSchema
	})
	.strict()
	.refine((judgment) => (judgment.overall === null) !== (judgment.skipReason === null), {
		message: 'a judgment has either an overall choice or a skip reason',
		path: ['overall']
	});
export type Judgment = z.infer<typeof JudgmentSchema>;
export type JudgmentInput = z.input<typeof JudgmentSchema>;

/** The half-filled form of the current trial, saved as the rater types so a reload loses nothing. */
export const DraftSchema = z
	.object({
		key: z.string().min(1),
		trialId: IdSchema,
		overall: OverallChoiceSchema.nullable().default(null),
		traitChoices: z.record(TraitSchema, TraitChoiceSchema).default({}),
		flags: z
			.object({
				left: z.array(SideFlagSchema).default([]),
				right: z.array(SideFlagSchema).default([])
			})
			.default({ left: [], right: [] }),
		rationale: z.string().max(20_000).default(''),
		startedAt: TimestampSchema,
		updatedAt: TimestampSchema
	})
	.strict();
export type Draft = z.infer<typeof DraftSchema>;
