// One endpoint's whole transcript for one item, generated once per study and shared by every
// trial and rater. Partial text is kept on abort so no paid-for token is thrown away.
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

export const MessageSchema = z
	.object({
		role: z.enum(['system', 'user', 'assistant']),
		content: z.string(),
		/** Reasoning text streamed apart from the answer (`reasoning_content` / `reasoning`). */
		reasoning: z.string().optional()
	})
	.strict();
export type Message = z.infer<typeof MessageSchema>;

export const RESPONSE_STATUSES = ['pending', 'streaming', 'done', 'error', 'aborted'] as const;
export const ResponseStatusSchema = z.enum(RESPONSE_STATUSES);
export type ResponseStatus = z.infer<typeof ResponseStatusSchema>;

export const ERROR_KINDS = [
	'auth',
	'bad-model',
	'rate-limit',
	'server',
	'network',
	'cors',
	'timeout',
	'aborted',
	'malformed',
	'bad-request',
	'content-filter',
	'unknown'
] as const;
export const ErrorKindSchema = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const ResponseErrorSchema = z
	.object({
		kind: ErrorKindSchema,
		message: z.string().max(2_000),
		status: z.int().optional()
	})
	.strict();
export type ResponseError = z.infer<typeof ResponseErrorSchema>;

export const UsageSchema = z
	.object({
		promptTokens: z.int().min(0),
		completionTokens: z.int().min(0),
		totalTokens: z.int().min(0),
		/** True when the server sent no usage and the figures are our estimate. */
		estimated: z.boolean()
	})
	.strict();
export type Usage = z.infer<typeof UsageSchema>;

export const ParamsSnapshotSchema = z
	.object({
		model: z.string(),
		temperature: z.number().optional(),
		top_p: z.number().optional(),
		max_tokens: z.int().optional(),
		seed: z.int().optional(),
		/** Every system message sent, joined by a blank line (see systemMode for how they were combined). */
		system: z.string().optional(),
		systemMode: z.enum(['before', 'after', 'separate', 'replace']).optional()
	})
	.strict();
export type ParamsSnapshot = z.infer<typeof ParamsSnapshotSchema>;

export const ResponseSchema = z
	.object({
		id: IdSchema,
		studyId: IdSchema,
		itemId: IdSchema,
		endpointId: IdSchema,
		status: ResponseStatusSchema,
		/** Every message sent and received, in order: system?, user, assistant, user, assistant… */
		transcript: z.array(MessageSchema),
		error: ResponseErrorSchema.optional(),
		finishReason: z.string().max(40).optional(),
		usage: UsageSchema.optional(),
		ttftMs: z.number().min(0).optional(),
		totalMs: z.number().min(0).optional(),
		systemFingerprint: z.string().max(200).optional(),
		params: ParamsSnapshotSchema,
		attempts: z.int().min(0).default(0),
		/** Set on attention-check responses made by degrading another response. */
		degradedFrom: IdSchema.optional(),
		createdAt: TimestampSchema,
		updatedAt: TimestampSchema
	})
	.strict();
export type Response = z.infer<typeof ResponseSchema>;
