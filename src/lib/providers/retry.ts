// Retries belong here, not in the SDK (its own retries are off): only here do we know whether a
// token already reached the caller. Before the first token a retry is invisible and safe; after
// it, a retry would splice two different answers together, so the error goes up instead and the
// runner decides whether to regenerate the whole response.
import type { ChatStreamer, StreamOptions } from '$lib/core/stream/events';
import { ProviderError } from '$lib/core/stream/events';

export interface RetryPolicy {
	/** Retries after the first attempt. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A server asking for a longer wait than this is not retried (the error says how long). */
	maxRetryAfterMs: number;
	random: () => number;
	sleep: (ms: number, signal?: StreamOptions['signal']) => Promise<void>;
}

export function sleep(ms: number, signal?: StreamOptions['signal']): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(new ProviderError('aborted', 'Stopped before the answer finished.'));
			return;
		}
		const onAbort = () => {
			clearTimeout(handle);
			reject(new ProviderError('aborted', 'Stopped before the answer finished.'));
		};
		const handle = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	retries: 3,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 60_000,
	random: Math.random,
	sleep
};

export function isRetryable(error: ProviderError): boolean {
	return error.kind === 'rate-limit' || error.kind === 'server' || error.kind === 'network';
}

/** How long to wait before retry number `attempt` (0-based), or undefined to give up. */
export function retryDelayMs(
	error: ProviderError,
	attempt: number,
	policy: RetryPolicy
): number | undefined {
	if (error.retryAfterSeconds !== undefined) {
		const asked = error.retryAfterSeconds * 1000;
		return asked > policy.maxRetryAfterMs ? undefined : asked;
	}
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	// Full jitter halves synchronized retries when many requests hit the same limit at once.
	return exponential / 2 + (policy.random() * exponential) / 2;
}

function gaveUp(error: ProviderError, retries: number): ProviderError {
	if (retries === 0) return error;
	const note = ` (Sent ${retries + 1} requests; all failed.)`;
	return new ProviderError(error.kind, error.message + note, error.status, error.retryAfterSeconds);
}

/** Wraps a streamer so 429 / 5xx / network failures before the first token are retried. */
export function withRetry(
	streamer: ChatStreamer,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY
): ChatStreamer {
	return async function* retrying(request, options = {}) {
		for (let attempt = 0; ; attempt++) {
			let sawToken = false;
			try {
				for await (const event of streamer(request, options)) {
					if (event.type === 'delta' || event.type === 'reasoning') sawToken = true;
					yield event;
				}
				return;
			} catch (error) {
				if (!(error instanceof ProviderError)) throw error;
				if (sawToken || options.signal?.aborted || !isRetryable(error)) throw error;
				const delay = attempt < policy.retries ? retryDelayMs(error, attempt, policy) : undefined;
				if (delay === undefined) throw gaveUp(error, attempt);
				await policy.sleep(delay, options.signal);
			}
		}
	};
}
