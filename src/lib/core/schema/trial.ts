// A trial is what one rater sees once: an item and two responses, with the side assignment
// recorded so every judgment resolves to endpoints whatever side they sat on.
import { z } from 'zod';
import { IdSchema } from './common';

export const SideSchema = z.enum(['left', 'right']);
export type Side = z.infer<typeof SideSchema>;

export const TrialSchema = z
	.object({
		id: IdSchema,
		studyId: IdSchema,
		itemId: IdSchema,
		leftResponseId: IdSchema,
		rightResponseId: IdSchema,
		leftEndpointId: IdSchema,
		rightEndpointId: IdSchema,
		/** `attention`: gold trial with a known better side; `swap`: a re-show with sides swapped. */
		kind: z.enum(['main', 'attention', 'swap']).default('main'),
		swapOf: IdSchema.optional(),
		gold: SideSchema.optional(),
		repeat: z.int().min(0).default(0),
		/** Position in the study plan; each rater sees a seeded permutation of it. */
		position: z.int().min(0),
		/** True when either response names a model, vendor or product from the leak list. */
		leakFlagged: z.boolean().default(false)
	})
	.strict()
	.refine((trial) => trial.leftEndpointId !== trial.rightEndpointId || trial.kind === 'attention', {
		message: 'must differ from rightEndpointId',
		path: ['leftEndpointId']
	})
	.refine((trial) => trial.kind !== 'attention' || trial.gold !== undefined, {
		message: 'attention trials need a gold side',
		path: ['gold']
	})
	.refine((trial) => trial.kind !== 'swap' || trial.swapOf !== undefined, {
		message: 'swap trials name the trial they re-show',
		path: ['swapOf']
	});
export type Trial = z.infer<typeof TrialSchema>;
