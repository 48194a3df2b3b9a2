import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

export const PromptSetSchema = z
	.object({
		id: IdSchema,
		name: z.string().trim().min(1, 'must not be empty').max(200),
		version: z.string().min(1).max(40).default('1'),
		origin: z.enum(['builtin', 'imported', 'custom']),
		description: z.string().max(5_000).optional(),
		license: z.string().max(200).optional(),
		createdAt: TimestampSchema
	})
	.strict();
export type PromptSet = z.infer<typeof PromptSetSchema>;
