// What the runner does after a failed answer. The provider's own retries (retry.ts) cover a
// failure before the first token; the runner covers what they cannot: a stream that broke after
// the answer had started. A failure before the first token has been retried there already, or
// would only repeat (a silent server), so the runner does not send it again.
import type { Response } from '$lib/core/schema';

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
