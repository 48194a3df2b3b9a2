// An endpoint never holds its API key: keys live in their own table (KeyRecord) so that no
// serializer that walks endpoints can carry a secret out of the browser.
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

export const ENDPOINT_ROLES = ['baseline', 'trained'] as const;

export const SamplingParamsSchema = z
	.object({
		temperature: z.number().min(0).max(2).optional(),
		top_p: z.number().gt(0).max(1).optional(),
		max_tokens: z.int().min(1).max(1_000_000).optional(),
		seed: z.int().optional()
	})
	.strict();
export type SamplingParams = z.infer<typeof SamplingParamsSchema>;

/** How long a server may send nothing before a request is stopped, unless the endpoint says. */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 120;

const HeaderNameSchema = z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a valid HTTP header name');

export const EndpointSchema = z
	.object({
		id: IdSchema,
		label: z.string().trim().min(1, 'must not be empty').max(120),
		/** `baseline`, `trained` or any free text the researcher uses. */
		role: z.string().trim().min(1, 'must not be empty').max(60),
		preset: z.string().max(40).default('custom'),
		baseURL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
		model: z.string().trim().min(1, 'must not be empty').max(200),
		params: SamplingParamsSchema.default({}),
		systemPrompt: z.string().max(20_000).optional(),
		/**
		 * How the endpoint's system prompt meets an item's own system message: joined before it (the
		 * default), joined after it, sent as a separate system message first, or replacing it.
		 */
		systemPromptMode: z.enum(['before', 'after', 'separate', 'replace']).optional(),
		headers: z.record(HeaderNameSchema, z.string().max(2_000)).default({}),
		/**
		 * Seconds of silence after which a request is stopped (a model still loading may need
		 * minutes; a hosted API that is silent for two minutes is not coming back). Absent: the default.
		 */
		idleTimeoutSeconds: z.int().min(5).max(3_600).optional(),
		createdAt: TimestampSchema,
		updatedAt: TimestampSchema
	})
	.strict();
export type Endpoint = z.infer<typeof EndpointSchema>;
export type EndpointInput = z.input<typeof EndpointSchema>;

export const KeyRecordSchema = z
	.object({
		endpointId: IdSchema,
		key: z.string().min(1),
		savedAt: TimestampSchema
	})
	.strict();
export type KeyRecord = z.infer<typeof KeyRecordSchema>;

/** The endpoint's idle timeout in milliseconds, with the default applied. */
export function idleTimeoutMsOf(endpoint: Pick<Endpoint, 'idleTimeoutSeconds'>): number {
	return (endpoint.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000;
}
