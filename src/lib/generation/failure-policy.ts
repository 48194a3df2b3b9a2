// What the runner does after a failed answer. The provider's own retries (retry.ts) cover a
// failure before the first token; the runner covers what they cannot: a stream that broke after
// the answer had started. A failure before the first token has been retried there already, or
// would only repeat (a silent server), so the runner does not send it again.
import type { Endpoint, PromptItem, Response, ResponseError } from '$lib/core/schema';
import { responseId } from '$lib/core/plan/response-id';

const TRANSIENT = new Set(['network', 'server', 'rate-limit', 'timeout', 'malformed']);

/** Failures that will repeat for every request to the endpoint: stop sending to it. */
export const ENDPOINT_FATAL = new Set(['auth', 'cors', 'bad-model']);

/** True when a fresh attempt at the whole answer may well succeed. */
export function worthAnotherAttempt(response: Response): boolean {
	return (
		response.status === 'error' &&
		TRANSIENT.has(response.error?.kind ?? '') &&
		response.transcript.at(-1)?.role === 'assistant'
	);
}

const NOT_SENT = 'Not sent, because an earlier request to this endpoint failed: ';

/** The stored answer of a request not sent because its endpoint had already refused (`fatal`). */
export function notAttempted(
	studyId: string,
	endpoint: Endpoint,
	item: PromptItem,
	fatal: ResponseError,
	stored: Pick<Response, 'attempts' | 'createdAt'> | undefined,
	now: string
): Response {
	return {
		id: responseId(studyId, item.id, endpoint.id),
		studyId,
		itemId: item.id,
		endpointId: endpoint.id,
		status: 'error',
		transcript: [],
		error: { ...fatal, message: `${NOT_SENT}${fatal.message}`.slice(0, 2_000) },
		params: { model: endpoint.model },
		attempts: stored?.attempts ?? 0,
		createdAt: stored?.createdAt ?? now,
		updatedAt: now
	};
}
