// What a study bundle carries over the wire, and what opening it stores on the rater's machine.
// The wire holds, per trial, an opaque trial id and two answers under opaque ids of their own;
// there is no field that could say which endpoint or role wrote an answer, which trials are
// quality checks, or how the plan was made (no endpoint ids, roles, seed, kind, gold side, swap
// source or degraded-from link). The records a rater's database stores are a pure function of the
// wire, so they cannot hold anything the wire lacks.
import { z } from 'zod';
import {
	IdSchema,
	MessageSchema,
	PromptItemSchema,
	RubricSchema,
	TimestampSchema,
	type PromptItem,
	type Response,
	type Study,
	type Trial
} from '../schema';

const AnswerSchema = z.object({ id: IdSchema, transcript: z.array(MessageSchema) }).strict();

const WireTrialSchema = z
	.object({ id: IdSchema, itemId: IdSchema, left: AnswerSchema, right: AnswerSchema })
	.strict();
export type WireTrial = z.infer<typeof WireTrialSchema>;

export const WirePayloadSchema = z
	.object({
		/** Random per study; the rater's study id and the key a rater file is merged by. */
		bundleId: IdSchema,
		study: z
			.object({
				name: z.string().trim().min(1).max(200),
				instructions: z.string().max(20_000),
				rubric: RubricSchema,
				createdAt: TimestampSchema
			})
			.strict(),
		items: z.array(PromptItemSchema),
		trials: z.array(WireTrialSchema).min(1, 'a bundle holds at least one trial')
	})
	.strict()
	.superRefine((payload, context) => {
		const items = new Set(payload.items.map((item) => item.id));
		const ids = new Set<string>();
		payload.trials.forEach((trial, index) => {
			if (!items.has(trial.itemId))
				context.addIssue({
					code: 'custom',
					path: ['trials', index, 'itemId'],
					message: 'names a prompt item the bundle does not hold'
				});
			for (const [field, id] of [
				['id', trial.id],
				['left', trial.left.id],
				['right', trial.right.id]
			] as const) {
				if (ids.has(id))
					context.addIssue({
						code: 'custom',
						path: ['trials', index, field],
						message: 'repeats an id used elsewhere in the bundle'
					});
				ids.add(id);
			}
		});
	});
export type WirePayload = z.infer<typeof WirePayloadSchema>;

/** The records a rater's database holds for an opened bundle. */
export interface BundlePayload {
	study: Study;
	items: PromptItem[];
	responses: Response[];
	trials: Trial[];
}

/** Stand-in endpoints of a bundle study: a rater's machine knows sides, not models. */
export const BUNDLE_SIDES = ['left', 'right'] as const;

/** FNV-1a: the rater's ordering seed comes from the (random) bundle id, not the study's seed. */
export function orderSeed(bundleId: string): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < bundleId.length; index++) {
		hash ^= bundleId.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/** The rater's records: every trial a plain `main` trial, every answer its own response. */
export function bundleRecords(wire: WirePayload): BundlePayload {
	const at = wire.study.createdAt;
	const studyId = wire.bundleId;
	const used = new Set(wire.trials.map((trial) => trial.itemId));
	const items = wire.items.filter((item) => used.has(item.id));
	const study: Study = {
		id: studyId,
		name: wire.study.name,
		endpointIds: [...BUNDLE_SIDES],
		pairing: 'all-pairs',
		itemIds: items.map((item) => item.id),
		repeats: 1,
		seed: orderSeed(studyId),
		rubric: wire.study.rubric,
		instructions: wire.study.instructions,
		revealPolicy: 'never',
		quality: { attentionShare: 0, swapShare: 0, leakTerms: [] },
		kind: 'bundle',
		createdAt: at
	};
	const answer = (itemId: string, { id, transcript }: WireTrial['left']): Response => ({
		id,
		studyId,
		itemId,
		endpointId: id,
		status: 'done',
		transcript,
		params: { model: '' },
		attempts: 0,
		createdAt: at,
		updatedAt: at
	});
	return {
		study,
		items,
		responses: wire.trials.flatMap((trial) => [
			answer(trial.itemId, trial.left),
			answer(trial.itemId, trial.right)
		]),
		trials: wire.trials.map((trial, position) => ({
			id: trial.id,
			studyId,
			itemId: trial.itemId,
			leftResponseId: trial.left.id,
			rightResponseId: trial.right.id,
			leftEndpointId: trial.left.id,
			rightEndpointId: trial.right.id,
			kind: 'main',
			repeat: 0,
			position,
			leakFlagged: false
		}))
	};
}
