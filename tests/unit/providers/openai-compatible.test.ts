// The streaming client against the project's mock server (in-process, random port), through the
// real openai SDK: each fault mode must come out as the right typed error or a successful retry.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, type ChatRequest, type StreamEvent } from '$lib/core/stream/events';
import { createStreamer, streamOnce } from '$lib/providers/openai-compatible';
import { DEFAULT_RETRY_POLICY } from '$lib/providers/retry';
import { createMockServer, type MockServer } from '../../../tools/mock-openai/server';

let mock: MockServer;
let baseURL: string;
const KEY = 'sk-test-provider-0123456789';

beforeAll(async () => {
	mock = createMockServer();
	baseURL = await mock.listen(0);
});
beforeEach(() => {
	mock.reset();
	mock.requests.length = 0;
});
afterAll(() => mock.close());

const delays: number[] = [];
const fastRetries = createStreamer({
	...DEFAULT_RETRY_POLICY,
	baseDelayMs: 5,
	maxDelayMs: 20,
	random: () => 0.5,
	sleep: async (ms) => {
		delays.push(ms);
		await new Promise((resolve) => setTimeout(resolve, ms));
	}
});

function request(model: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
	return {
		endpoint: { id: 'ep-1', baseURL, model, headers: {}, preset: 'custom', params: {} },
		key: KEY,
		messages: [{ role: 'user', content: `Question for ${model} ${Math.random()}` }],
		...overrides
	};
}

interface Drained {
	events: StreamEvent[];
	text: string;
	reasoning: string;
	error: unknown;
}

async function drain(stream: AsyncIterable<StreamEvent>): Promise<Drained> {
	const out: Drained = { events: [], text: '', reasoning: '', error: undefined };
	try {
		for await (const event of stream) {
			out.events.push(event);
			if (event.type === 'delta') out.text += event.text;
			if (event.type === 'reasoning') out.reasoning += event.text;
		}
	} catch (error) {
		out.error = error;
	}
	return out;
}

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

function kindOf(error: unknown): string | undefined {
	return error instanceof ProviderError ? error.kind : undefined;
}

describe('streamChat against the mock server', () => {
	it('streams the answer with usage, finish reason and system fingerprint', async () => {
		const out = await drain(fastRetries(request('mock-trained')));
		expect(out.error).toBeUndefined();
		expect(out.text.length).toBeGreaterThan(20);
		expect(out.events.find((event) => event.type === 'usage')).toMatchObject({
			completionTokens: expect.any(Number)
		});
		expect(out.events.at(-1)).toEqual({
			type: 'finish',
			reason: 'stop',
			systemFingerprint: 'fp_mock0001'
		});
		const sent = mock.requests.at(-1)?.body as Record<string, unknown>;
		expect(sent.stream_options).toEqual({ include_usage: true });
		expect(mock.requests.at(-1)?.headers.authorization).toBe('Bearer ***');
	});

	it.each(['reasoning_content', 'reasoning'])(
		'keeps reasoning streamed as %s apart from the answer',
		async (field) => {
			const out = await drain(
				fastRetries(
					request('mock-reasoning', {
						endpoint: {
							id: 'ep-1',
							baseURL,
							model: 'mock-reasoning',
							preset: 'custom',
							headers: { 'x-mock-reasoning-field': field }
						}
					})
				)
			);
			expect(out.reasoning).toContain('I should separate');
			expect(out.text).not.toContain('I should separate');
			expect(out.text.length).toBeGreaterThan(10);
		}
	);

	it('sends the sampling params and reports a max_tokens cut as finish reason length', async () => {
		const base = request('mock-trained');
		const out = await drain(
			fastRetries({
				...base,
				endpoint: { ...base.endpoint, params: { max_tokens: 5, temperature: 0.3, seed: 7 } }
			})
		);
		expect(out.events.at(-1)).toMatchObject({ type: 'finish', reason: 'length' });
		expect(mock.requests.at(-1)?.body).toMatchObject({ max_tokens: 5, temperature: 0.3, seed: 7 });
	});

	it('sends no Authorization header when the endpoint has no key', async () => {
		const out = await drain(fastRetries(request('mock-baseline', { key: undefined })));
		expect(kindOf(out.error)).toBe('auth');
		expect(mock.requests.at(-1)?.headers.authorization).toBeUndefined();
	});

	it('401 → auth error that says the key was rejected, without the key', async () => {
		const out = await drain(fastRetries(request('mock-baseline', { key: 'sk-bad-abcdef123456' })));
		expect(kindOf(out.error)).toBe('auth');
		expect(String((out.error as Error).message)).toMatch(/rejected the API key/);
		expect(String((out.error as Error).message)).not.toContain('sk-bad-abcdef123456');
		expect(mock.requests).toHaveLength(1);
	});

	it('404 → bad-model error naming the model', async () => {
		const out = await drain(fastRetries(request('mock-trained@404')));
		expect(kindOf(out.error)).toBe('bad-model');
		expect((out.error as Error).message).toContain('mock-trained@404');
	});

	it('429 once → retried after retry-after-ms, then succeeds', async () => {
		delays.length = 0;
		const out = await drain(fastRetries(request('mock-trained@429once')));
		expect(out.error).toBeUndefined();
		expect(out.text.length).toBeGreaterThan(10);
		expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
		expect(delays).toEqual([50]);
	});

	it('500 every time → server error after the retries run out', async () => {
		const out = await drain(fastRetries(request('mock-baseline@500')));
		expect(kindOf(out.error)).toBe('server');
		expect((out.error as Error).message).toMatch(/Sent 4 requests; all failed/);
		expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(4);
	});

	it.each([
		['a wrong key', 'mock-trained@instream', 'sk-bad-abcdef123456', 'auth', /rejected the API key/],
		[
			'an unknown model',
			'gpt-nope@instream',
			KEY,
			'bad-model',
			/does not offer the model “gpt-nope@instream”/
		]
	])(
		'%s reported inside a 200 stream → the same advice as the HTTP error, sent once',
		async (_, model, key, kind, advice) => {
			const out = await drain(fastRetries(request(model, { key })));
			expect(kindOf(out.error)).toBe(kind);
			const message = (out.error as Error).message;
			expect(message).toMatch(advice);
			expect(message).not.toMatch(/middle of the answer|\.\./);
			expect(message).not.toContain('sk-bad-abcdef123456');
			expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		}
	);

	it('a rate limit inside a 200 stream → rate-limit, retried, and the message counts the requests', async () => {
		const out = await drain(fastRetries(request('mock-baseline@429@instream')));
		expect(kindOf(out.error)).toBe('rate-limit');
		expect((out.error as Error).message).toMatch(/rate limiting requests\. Lower the concurrency/);
		expect((out.error as Error).message).toMatch(/Sent 4 requests; all failed/);
		expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(4);
	});

	it('a stream dropped mid-answer → network error after the partial text, not retried', async () => {
		const out = await drain(fastRetries(request('mock-trained@drop')));
		expect(out.text.length).toBeGreaterThan(0);
		expect(kindOf(out.error)).toBe('network');
		expect((out.error as Error).message).toMatch(/broke in the middle of the answer/);
		expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('a malformed chunk → malformed error', async () => {
		const out = await drain(fastRetries(request('mock-trained@malformed')));
		expect(kindOf(out.error)).toBe('malformed');
		expect((out.error as Error).message).toMatch(/not valid JSON/);
	});

	it('a never-ending stream → timeout after the idle limit', async () => {
		const out = await drain(fastRetries(request('mock-trained@hang'), { idleTimeoutMs: 300 }));
		expect(kindOf(out.error)).toBe('timeout');
		expect((out.error as Error).message).toMatch(/sent nothing for \d+ s/);
		// A silent server is not asked again: it would only be silent again.
		expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		await until(() => mock.requests.at(-1)?.aborted === true);
	});

	it('abort stops the network request and ends as an aborted error', async () => {
		const controller = new AbortController();
		const events: StreamEvent[] = [];
		let error: unknown;
		try {
			for await (const event of streamOnce(request('mock-long@slow'), {
				signal: controller.signal
			})) {
				events.push(event);
				if (event.type === 'delta') controller.abort();
			}
		} catch (caught) {
			error = caught;
		}
		expect(kindOf(error)).toBe('aborted');
		expect(events.filter((event) => event.type === 'delta')).toHaveLength(1);
		await until(() => mock.requests.at(-1)?.aborted === true);
		expect(mock.requests.at(-1)?.completed).toBe(false);
	});

	it('abort before the answer starts also stops the request', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		const out = await drain(
			fastRetries(request('mock-trained@hang'), { signal: controller.signal })
		);
		expect(kindOf(out.error)).toBe('aborted');
		await until(() => mock.requests.at(-1)?.aborted === true);
	});
});
