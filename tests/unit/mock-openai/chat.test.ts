import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startHarness, user } from './harness';
import type { Harness } from './harness';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.mock.close());

describe('streaming chat completions through the openai SDK', () => {
	it('streams a role chunk, content deltas, a stop finish and a usage chunk', async () => {
		const stream = await h.client().chat.completions.create({
			model: 'mock-trained',
			messages: user('How do vaccines train the immune system?'),
			stream: true,
			stream_options: { include_usage: true }
		});
		const out = await collect(stream);
		expect(out.error).toBeUndefined();
		const [first] = out.chunks;
		expect(first?.object).toBe('chat.completion.chunk');
		expect(first?.id).toMatch(/^chatcmpl-/);
		expect(first?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
		expect(out.content).toContain('How do vaccines train the immune system?');
		expect(out.finish).toBe('stop');
		const last = out.chunks.at(-1);
		expect(last?.choices).toEqual([]);
		const words = out.content.match(/\S+/g)?.length ?? 0;
		expect(last?.usage?.completion_tokens).toBe(words);
		expect(last?.usage?.total_tokens).toBe(
			(last?.usage?.prompt_tokens ?? 0) + (last?.usage?.completion_tokens ?? 0)
		);
	});

	it('sends no usage chunk unless include_usage is asked for', async () => {
		const stream = await h.client().chat.completions.create({
			model: 'mock-baseline',
			messages: user('no usage please'),
			stream: true
		});
		const out = await collect(stream);
		expect(out.chunks.length).toBeGreaterThan(3);
		expect(out.chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
	});

	it('ends the wire stream with data: [DONE]', async () => {
		const response = await fetch(`${h.baseURL}/chat/completions`, {
			method: 'POST',
			headers: { authorization: 'Bearer sk-x', 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'mock-echo', stream: true, messages: user('ping') })
		});
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const text = await response.text();
		expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
		expect(text.split('\n\n').filter((frame) => frame.startsWith('data: {')).length).toBe(3);
	});

	it('cuts at max_tokens with finish_reason length', async () => {
		const stream = await h.client().chat.completions.create({
			model: 'mock-baseline',
			messages: user('Tell me everything about tides'),
			stream: true,
			max_tokens: 7
		});
		const out = await collect(stream);
		expect(out.finish).toBe('length');
		expect(out.content.match(/\S+/g)).toHaveLength(7);
	});

	it('honours max_completion_tokens the same way', async () => {
		const completion = await h.client().chat.completions.create({
			model: 'mock-trained',
			messages: user('Tell me everything about tides'),
			max_completion_tokens: 4
		});
		expect(completion.choices[0]?.finish_reason).toBe('length');
		expect(completion.usage?.completion_tokens).toBe(4);
	});

	it('streams reasoning_content before the content', async () => {
		const stream = await h.client().chat.completions.create({
			model: 'mock-reasoning',
			messages: user('Why is the sky blue?'),
			stream: true
		});
		const out = await collect(stream);
		const fields = out.chunks.flatMap((chunk) => Object.keys(chunk.choices[0]?.delta ?? {}));
		expect(fields).toContain('reasoning_content');
		expect(fields).not.toContain('reasoning');
		expect(fields.indexOf('reasoning_content')).toBeLessThan(fields.lastIndexOf('content'));
		expect(out.reasoning).toContain('Why is the sky blue?');
		expect(out.content.length).toBeGreaterThan(100);
	});

	it('uses the reasoning field when x-mock-reasoning-field says so', async () => {
		const stream = await h
			.client()
			.chat.completions.create(
				{ model: 'mock-reasoning', messages: user('Why is the sky blue?'), stream: true },
				{ headers: { 'x-mock-reasoning-field': 'reasoning' } }
			);
		const out = await collect(stream);
		const fields = out.chunks.flatMap((chunk) => Object.keys(chunk.choices[0]?.delta ?? {}));
		expect(fields).toContain('reasoning');
		expect(fields).not.toContain('reasoning_content');
	});

	it('mock-long streams exactly max_tokens one-word chunks, fast', async () => {
		const started = performance.now();
		const stream = await h.client().chat.completions.create({
			model: 'mock-long',
			messages: user('benchmark'),
			stream: true,
			max_tokens: 16000
		});
		const out = await collect(stream);
		const elapsed = performance.now() - started;
		const contentChunks = out.chunks.filter((chunk) => chunk.choices[0]?.delta.content);
		expect(contentChunks).toHaveLength(16000);
		expect(contentChunks.every((c) => /^\S+\s*$/.test(c.choices[0]?.delta.content ?? ''))).toBe(
			true
		);
		expect(out.content).toMatch(/^## Section/m);
		expect(out.finish).toBe('stop');
		expect(elapsed).toBeLessThan(5000);
	});

	it('mock-long defaults to 8000 tokens', async () => {
		const completion = await h.client().chat.completions.create({
			model: 'mock-long',
			messages: user('benchmark')
		});
		expect(completion.usage?.completion_tokens).toBe(8000);
	});
});

describe('non-streaming chat completions', () => {
	it('returns a chat.completion with message, finish_reason and usage', async () => {
		const completion = await h.client().chat.completions.create({
			model: 'mock-baseline',
			messages: user('Is it safe to swim after eating?'),
			temperature: 0.2,
			seed: 7
		});
		expect(completion.object).toBe('chat.completion');
		expect(completion.model).toBe('mock-baseline');
		const choice = completion.choices[0];
		expect(choice?.message.role).toBe('assistant');
		expect(choice?.message.content).toContain('Is it safe to swim after eating?');
		expect(choice?.finish_reason).toBe('stop');
		expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
	});

	it('mock-echo returns the last user message verbatim, unescaped', async () => {
		const payload = '  <img src=x onerror="alert(1)">\n<script>alert(\'x\')</script> & done ';
		const messages = [
			{ role: 'user' as const, content: 'first' },
			{ role: 'assistant' as const, content: 'ok' },
			{ role: 'user' as const, content: payload }
		];
		const completion = await h.client().chat.completions.create({ model: 'mock-echo', messages });
		expect(completion.choices[0]?.message.content).toBe(payload);
		const stream = await h
			.client()
			.chat.completions.create({ model: 'mock-echo', messages, stream: true });
		expect((await collect(stream)).content).toBe(payload);
	});

	it('mock-reasoning puts reasoning_content on the message', async () => {
		const completion = await h.client().chat.completions.create({
			model: 'mock-reasoning',
			messages: user('Why is the sky blue?')
		});
		const message = completion.choices[0]?.message as unknown as Record<string, unknown>;
		expect(message.reasoning_content).toEqual(expect.stringContaining('Why is the sky blue?'));
		expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(5);
	});

	it('mock-selfnamed claims to be GPT-4o by OpenAI', async () => {
		const completion = await h.client().chat.completions.create({
			model: 'mock-selfnamed',
			messages: user('Who are you?')
		});
		expect(completion.choices[0]?.message.content).toMatch(/^As GPT-4o, made by OpenAI, I/);
	});
});

describe('models', () => {
	it('lists every mock model in OpenAI list shape', async () => {
		const ids: string[] = [];
		for await (const model of h.client().models.list()) {
			expect(model).toMatchObject({ object: 'model', owned_by: expect.any(String) });
			expect(typeof model.created).toBe('number');
			ids.push(model.id);
		}
		expect(ids).toEqual(
			expect.arrayContaining([
				'mock-baseline',
				'mock-trained',
				'mock-echo',
				'mock-long',
				'mock-reasoning',
				'mock-selfnamed'
			])
		);
	});

	it('retrieves one model and 404s an unknown one', async () => {
		const model = await h.client().models.retrieve('mock-echo');
		expect(model.id).toBe('mock-echo');
		await expect(h.client().models.retrieve('gpt-nope')).rejects.toMatchObject({ status: 404 });
	});
});
