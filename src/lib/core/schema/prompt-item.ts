// A prompt item is the conversation every endpoint receives. Follow-up turns are scripted user
// messages sent after each model's *own* previous answer, so pressure tests stay fair.
import { z } from 'zod';
import { DomainSchema, IdSchema, TagSchema, TimestampSchema, TraitSchema } from './common';

export const MAX_TURN_CHARS = 100_000;

export const PromptSourceSchema = z
	.object({
		/** Dataset or origin name, e.g. `truthfulqa`, `builtin`, `hand-made`. */
		dataset: z.string().min(1).max(200),
		file: z.string().max(500).optional(),
		/** 1-based row or line in the source file. */
		row: z.int().min(1).optional(),
		/** Stable key inside the source (e.g. the suite's item key or a dataset's own id). */
		key: z.string().max(200).optional()
	})
	.strict();
export type PromptSource = z.infer<typeof PromptSourceSchema>;

const TurnSchema = z
	.string()
	.trim()
	.min(1, 'must not be empty')
	.max(MAX_TURN_CHARS, `must be at most ${MAX_TURN_CHARS} characters`);

export const PromptItemSchema = z
	.object({
		id: IdSchema,
		setId: IdSchema,
		system: z.string().trim().min(1).max(MAX_TURN_CHARS).optional(),
		/** The first user turn, then any scripted follow-up user turns. */
		turns: z.array(TurnSchema).min(1, 'needs at least one user turn').max(20),
		traits: z.array(TraitSchema).max(20).default([]),
		domain: DomainSchema.optional(),
		tags: z.array(TagSchema).max(50).default([]),
		raterNote: z.string().max(10_000).optional(),
		reference: z.string().max(MAX_TURN_CHARS).optional(),
		source: PromptSourceSchema,
		/** Hash of the content that matters for duplicates (system + turns); see core/content-hash. */
		contentHash: z.string().min(1),
		createdAt: TimestampSchema
	})
	.strict();
export type PromptItem = z.infer<typeof PromptItemSchema>;
export type PromptItemInput = z.input<typeof PromptItemSchema>;
