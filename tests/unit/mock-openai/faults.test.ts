import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { collect, recordFor, startHarness, user } from './harness';
import type { Harness } from './harness';

/** Waits that tolerate a busy machine: a condition reached late is not a failure. */
const PATIENT = { timeout: 30_000 };

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
beforeEach(() => h.mock.reset());
afterAll(() => h.mock.close());

const faultHeader = (fault: string) => ({ headers: { 'x-mock-fault': fault } });

describe('error faults map to the SDK error classes', () => {
	it('401 → AuthenticationError', async () => {
		const call = h.client().chat.completions.create({
			model: 'mock-baseline@401',
			messages: user('hi')
		});
		await expect(call).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
		await expect(call).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
	});

	it('404 fault and unknown models → NotFoundError with model_not_found', async () => {
		const faulted = h.client().chat.completions.create({
			model: 'mock-trained@404',
			messages: user('hi')
		});
		await expect(faulted).rejects.toBeInstanceOf(OpenAI.NotFoundError);
		const unknown = h.client().chat.completions.create({ model: 'gpt-x', messages: user('hi') });
		await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError);
		await expect(unknown).rejects.toMatchObject({
			code: 'model_not_found',
			message: expect.stringContaining("The model 'gpt-x' does not exist")
		});
	});

	it('429 → RateLimitError carrying retry-after: 1', async () => {
		const error: unknown = await h
			.client()
			.chat.completions.create({ model: 'mock-baseline', messages: user('hi') }, faultHeader('429'))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(OpenAI.RateLimitError);
		const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
		expect(rateLimit.status).toBe(429);
		expect(rateLimit.headers.get('retry-after')).toBe('1');
		expect(rateLimit.code).toBe('rate_limit_exceeded');
	});

	it('429once fails the first identical request and serves the second', async () => {
		const request = { model: 'mock-trained@429once', messages: user('retry me') };
		await expect(h.client().chat.completions.create(request)).rejects.toBeInstanceOf(
			OpenAI.RateLimitError
		);
		const second = await h.client().chat.completions.create(request);
		expect(second.choices[0]?.message.content).toContain('retry me');
	});

	it('429once lets the SDK retry on its own after retry-after-ms', async () => {
		const completion = await h
			.client({ maxRetries: 1 })
			.chat.completions.create({ model: 'mock-echo@429once', messages: user('auto retry') });
		expect(completion.choices[0]?.message.content).toBe('auto retry');
		expect(h.mock.requests.filter((r) => recordBodyHas(r.body, 'auto retry'))).toHaveLength(2);
	});

	it('once-faults are keyed by x-mock-fault-key and re-armed by POST /__control/reset', async () => {
		const options = { headers: { 'x-mock-fault': '500once', 'x-mock-fault-key': 'k1' } };
		const call = (text: string) =>
			h.client().chat.completions.create({ model: 'mock-echo', messages: user(text) }, options);
		await expect(call('a')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
		await expect(call('different prompt, same key')).resolves.toBeTruthy();
		const reset = await fetch(`${h.origin}/__control/reset`, { method: 'POST' });
		expect(reset.status).toBe(200);
		await expect(call('a')).rejects.toBeInstanceOf(OpenAI.InternalServerError);
	});

	it('500 → InternalServerError with an OpenAI error body', async () => {
		const call = h.client().chat.completions.create({
			model: 'mock-baseline@500',
			messages: user('hi')
		});
		await expect(call).rejects.toBeInstanceOf(OpenAI.InternalServerError);
		await expect(call).rejects.toMatchObject({ status: 500, type: 'server_error' });
	});

	it('the x-mock-fault header wins over the model suffix', async () => {
		const call = h
			.client()
			.chat.completions.create(
				{ model: 'mock-echo@500', messages: user('hi') },
				faultHeader('none')
			);
		await expect(call).resolves.toMatchObject({ choices: [{ message: { content: 'hi' } }] });
	});

	it('an unknown fault name is a 400, not silently ignored', async () => {
		const call = h
			.client()
			.chat.completions.create({ model: 'mock-echo@slwo', messages: user('x') });
		await expect(call).rejects.toBeInstanceOf(OpenAI.BadRequestError);
	});
});

function recordBodyHas(body: unknown, text: string): boolean {
	return JSON.stringify(body).includes(text);
}

describe('instream: errors inside a 200 stream, as LiteLLM and mock-llm send them', () => {
	it('a rejected key, an unknown model and error faults arrive as one error event', async () => {
		const cases = [
			{
				client: h.client({ apiKey: 'sk-bad-0000' }),
				model: 'mock-trained@instream',
				code: 'invalid_api_key'
			},
			{ client: h.client(), model: 'gpt-x@instream', code: 'model_not_found' },
			{ client: h.client(), model: 'mock-trained@429@instream', code: 'rate_limit_exceeded' },
			{ client: h.client(), model: 'mock-trained@500@instream', code: null }
		];
		for (const { client, model, code } of cases) {
			const text = `in-stream ${model}`;
			const stream = await client.chat.completions.create({
				model,
				messages: user(text),
				stream: true
			});
			const out = await collect(stream);
			expect(out.chunks).toEqual([]);
			expect(out.error).toBeInstanceOf(OpenAI.APIError);
			expect(out.error).toMatchObject({ status: undefined, code });
			expect(recordFor(h.mock, text)?.status).toBe(200);
		}
	});

	it('without stream: true the same request still gets the HTTP error', async () => {
		const call = h.client({ apiKey: 'sk-bad-0000' }).chat.completions.create({
			model: 'mock-trained@instream',
			messages: user('hi')
		});
		await expect(call).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
	});

	it('a healthy request with instream streams as usual', async () => {
		const stream = await h
			.client()
			.chat.completions.create(
				{ model: 'mock-trained', messages: user('all fine'), stream: true },
				faultHeader('instream')
			);
		const out = await collect(stream);
		expect(out.error).toBeUndefined();
		expect(out.finish).toBe('stop');
	});
});

describe('mid-stream faults', () => {
	it('drop: content arrives, then iteration throws without a finish', async () => {
		const stream = await h.client().chat.completions.create({
			model: 'mock-trained@drop',
			messages: user('drop me'),
			stream: true
		});
		const out = await collect(stream);
		expect(out.error).toBeInstanceOf(Error);
		expect(out.content.length).toBeGreaterThan(0);
		expect(out.finish).toBeNull();
		expect(recordFor(h.mock, 'drop me')).toMatchObject({ dropped: true, aborted: false });
	});

	it('droponce: the retry of the same conversation completes', async () => {
		const request = {
			model: 'mock-trained@droponce',
			messages: user('flaky network'),
			stream: true as const
		};
		const first = await collect(await h.client().chat.completions.create(request));
		expect(first.error).toBeDefined();
		const second = await collect(await h.client().chat.completions.create(request));
		expect(second.error).toBeUndefined();
		expect(second.finish).toBe('stop');
		expect(second.content.startsWith(first.content)).toBe(true);
	});

	it('malformed: a broken data line makes the iteration throw', async () => {
		const stream = await h.client({ logLevel: 'off' }).chat.completions.create({
			model: 'mock-baseline@malformed',
			messages: user('garble'),
			stream: true
		});
		const out = await collect(stream);
		expect(out.error).toBeInstanceOf(SyntaxError);
		expect(out.content.length).toBeGreaterThan(0);
	});

	it('empty: no content and finish_reason stop', async () => {
		const stream = await h
			.client()
			.chat.completions.create(
				{ model: 'mock-trained', messages: user('say nothing'), stream: true },
				faultHeader('empty')
			);
		const out = await collect(stream);
		expect(out.error).toBeUndefined();
		expect(out.content).toBe('');
		expect(out.finish).toBe('stop');
	});

	it('filter: finish_reason content_filter after partial content', async () => {
		const full = await h.client().chat.completions.create({
			model: 'mock-trained',
			messages: user('filtered')
		});
		const filtered = await h.client().chat.completions.create({
			model: 'mock-trained@filter',
			messages: user('filtered')
		});
		expect(filtered.choices[0]?.finish_reason).toBe('content_filter');
		const partial = filtered.choices[0]?.message.content ?? '';
		expect(partial.length).toBeGreaterThan(0);
		expect(full.choices[0]?.message.content?.startsWith(partial)).toBe(true);
		expect(partial.length).toBeLessThan(full.choices[0]?.message.content?.length ?? 0);
	});
});

describe('slow streams and aborts', () => {
	it('slow spaces tokens by x-mock-delay-ms', async () => {
		const started = performance.now();
		const stream = await h
			.client()
			.chat.completions.create(
				{ model: 'mock-echo@slow', messages: user('one two three four five'), stream: true },
				{ headers: { 'x-mock-delay-ms': '30' } }
			);
		const out = await collect(stream);
		expect(out.content).toBe('one two three four five');
		// 5 content chunks + role + finish frames, each followed by a 30 ms pause.
		expect(performance.now() - started).toBeGreaterThanOrEqual(150);
	});

	it('hang: aborting the request ends the iteration and is recorded as aborted', async () => {
		const controller = new AbortController();
		const stream = await h
			.client()
			.chat.completions.create(
				{ model: 'mock-baseline@hang', messages: user('hang forever'), stream: true },
				{ signal: controller.signal }
			);
		const iterator = stream[Symbol.asyncIterator]();
		const first = await iterator.next();
		expect(first.value?.choices[0]?.delta.role).toBe('assistant');
		const pending = iterator.next().then(
			(result) => (result.done ? 'ended' : 'chunk'),
			(error: unknown) => (error instanceof OpenAI.APIUserAbortError ? 'ended' : 'error')
		);
		controller.abort();
		expect(await pending).toBe('ended');
		await vi.waitFor(
			() =>
				expect(recordFor(h.mock, 'hang forever')).toMatchObject({
					aborted: true,
					completed: false
				}),
			PATIENT
		);
	});

	it('aborting a slow stream stops the server scheduling more timers', async () => {
		// The server runs in this process, so its timers go through this spy; 37 ms marks its ticks.
		const spy = vi.spyOn(globalThis, 'setTimeout');
		const ticks = () => spy.mock.calls.filter((call) => call[1] === 37).length;
		try {
			const controller = new AbortController();
			const stream = await h
				.client()
				.chat.completions.create(
					{ model: 'mock-long@slow', messages: user('slow abort'), stream: true, max_tokens: 500 },
					{ signal: controller.signal, headers: { 'x-mock-delay-ms': '37' } }
				);
			let received = 0;
			for await (const _chunk of stream) {
				if (++received === 3) controller.abort();
			}
			expect(received).toBe(3);
			await vi.waitFor(() => expect(recordFor(h.mock, 'slow abort')?.aborted).toBe(true), PATIENT);
			const afterAbort = ticks();
			expect(afterAbort).toBeGreaterThanOrEqual(3);
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(ticks()).toBe(afterAbort);
		} finally {
			spy.mockRestore();
		}
	});

	it('a non-streaming hang is recorded as aborted when the client gives up', async () => {
		const controller = new AbortController();
		const call = h
			.client()
			.chat.completions.create(
				{ model: 'mock-echo', messages: user('wait for me') },
				{ signal: controller.signal, headers: { 'x-mock-fault': 'hang' } }
			);
		setTimeout(() => controller.abort(), 50);
		await expect(call).rejects.toBeInstanceOf(OpenAI.APIUserAbortError);
		await vi.waitFor(
			() => expect(recordFor(h.mock, 'wait for me')).toMatchObject({ aborted: true, status: null }),
			PATIENT
		);
	});
});
