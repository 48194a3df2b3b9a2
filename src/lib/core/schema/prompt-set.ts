import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** As many items as the library is built to hold. */
export const MAX_SET_MEMBERS = 200_000;

export const PromptSetSchema = z
	.object({
		id: IdSchema,
		name: z.string().trim().min(1, 'must not be empty').max(200),
		version: z.string().min(1).max(40).default('1'),
		origin: z.enum(['builtin', 'imported', 'custom']),
		description: z.string().max(5_000).optional(),
		license: z.string().max(200).optional(),
		/**
		 * Items that live in other sets and also belong to this one (a set saved from a selection):
		 * membership without copies. The set's own items are those whose setId is its id.
		 */
		memberIds: z.array(IdSchema).max(MAX_SET_MEMBERS).optional(),
		createdAt: TimestampSchema
	})
	.strict();
export type PromptSet = z.infer<typeof PromptSetSchema>;
