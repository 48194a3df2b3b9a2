import { describe, expect, it } from 'vitest';
import {
	ProviderError,
	type ChatRequest,
	type ChatStreamer,
	type StreamEvent
} from '$lib/core/stream/events';
import {
	DEFAULT_RETRY_POLICY,
	retryDelayMs,
	withRetry,
	type RetryPolicy
} from '$lib/providers/retry';

const request: ChatRequest = {
	endpoint: { id: 'e', baseURL: 'http://x.test/v1', model: 'm', headers: {}, preset: 'custom' },
	messages: [{ role: 'user', content: 'hi' }]
};

function policy(delays: number[], overrides: Partial<RetryPolicy> = {}): RetryPolicy {
	return {
		...DEFAULT_RETRY_POLICY,
		random: () => 1,
		sleep: async (ms) => {
			delays.push(ms);
		},
		...overrides
	};
}

/** A streamer that fails with the scripted errors (after `tokensBefore` tokens), then answers. */
function scripted(failures: { error: ProviderError; tokensBefore?: number }[]) {
	let calls = 0;
	const streamer: ChatStreamer = async function* () {
		const failure = failures[calls++];
		for (let index = 0; index < (failure?.tokensBefore ?? 0); index++) {
			yield { type: 'delta', text: `t${index} ` } satisfies StreamEvent;
		}
		if (failure) throw failure.error;
		yield { type: 'delta', text: 'ok' };
		yield { type: 'finish', reason: 'stop' };
	};
	return { streamer, calls: () => calls };
}

async function run(streamer: ChatStreamer) {
	const events: StreamEvent[] = [];
	try {
		for await (const event of streamer(request)) events.push(event);
		return { events, error: undefined };
	} catch (error) {
		return { events, error };
	}
}

describe('withRetry', () => {
	it('retries 429 / 5xx / network before the first token, honouring retry-after', async () => {
		const delays: number[] = [];
		const fake = scripted([
			{ error: new ProviderError('rate-limit', 'slow', 429, 2) },
			{ error: new ProviderError('server', 'boom', 503) },
			{ error: new ProviderError('network', 'cut') }
		]);
		const result = await run(withRetry(fake.streamer, policy(delays)));
		expect(result.error).toBeUndefined();
		expect(fake.calls()).toBe(4);
		expect(delays).toEqual([2_000, 1_000, 2_000]);
	});

	it('never retries once a token reached the caller', async () => {
		const fake = scripted([{ error: new ProviderError('network', 'cut'), tokensBefore: 2 }]);
		const result = await run(withRetry(fake.streamer, policy([])));
		expect(fake.calls()).toBe(1);
		expect((result.error as ProviderError).kind).toBe('network');
		expect(result.events).toHaveLength(2);
	});

	it('does not retry errors a retry cannot fix', async () => {
		for (const kind of ['auth', 'bad-model', 'cors', 'malformed', 'timeout'] as const) {
			const fake = scripted([{ error: new ProviderError(kind, kind) }]);
			const result = await run(withRetry(fake.streamer, policy([])));
			expect((result.error as ProviderError).kind).toBe(kind);
			expect(fake.calls()).toBe(1);
		}
	});

	it('gives up after the configured retries and says so', async () => {
		const error = new ProviderError('server', 'boom', 500);
		const fake = scripted([{ error }, { error }, { error }]);
		const result = await run(withRetry(fake.streamer, policy([], { retries: 2 })));
		expect(fake.calls()).toBe(3);
		expect((result.error as Error).message).toBe('boom (Sent 3 requests; all failed.)');
	});

	it('does not wait longer than the policy allows for a retry-after', async () => {
		const fake = scripted([{ error: new ProviderError('rate-limit', 'later', 429, 3_600) }]);
		const result = await run(withRetry(fake.streamer, policy([])));
		expect(fake.calls()).toBe(1);
		expect((result.error as ProviderError).retryAfterSeconds).toBe(3_600);
	});

	it('backs off exponentially with jitter, capped', () => {
		const p = policy([], { random: () => 0, baseDelayMs: 100, maxDelayMs: 1_000 });
		const network = new ProviderError('network', 'x');
		expect([0, 1, 2, 3, 4, 5].map((attempt) => retryDelayMs(network, attempt, p))).toEqual([
			50, 100, 200, 400, 500, 500
		]);
	});
});
