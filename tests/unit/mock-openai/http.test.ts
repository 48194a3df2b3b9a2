import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, user } from './harness';
import type { Harness } from './harness';
import type { RecordedRequest } from '../../../tools/mock-openai/server';

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(() => h.mock.close());

const ORIGIN = 'http://localhost:4173';

function preflight(url: string): Promise<Response> {
	return fetch(url, {
		method: 'OPTIONS',
		headers: {
			origin: ORIGIN,
			'access-control-request-method': 'POST',
			'access-control-request-headers': 'authorization,content-type,x-stainless-os'
		}
	});
}

function post(url: string, body: string, key = 'sk-test'): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		headers: { origin: ORIGIN, authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body
	});
}

describe('CORS', () => {
	it('answers a preflight with 204 and echoes the requested headers', async () => {
		const response = await preflight(`${h.baseURL}/chat/completions`);
		expect(response.status).toBe(204);
		expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
		expect(response.headers.get('access-control-allow-headers')).toBe(
			'authorization,content-type,x-stainless-os'
		);
		expect(response.headers.get('access-control-allow-methods')).toMatch(/GET.*POST.*OPTIONS/);
	});

	it('puts CORS headers on successes and errors, exposing retry-after and x-request-id', async () => {
		for (const model of ['mock-echo', 'mock-echo@429']) {
			const response = await post(
				`${h.baseURL}/chat/completions`,
				JSON.stringify({ model, messages: user('hi') })
			);
			expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
			const exposed = response.headers.get('access-control-expose-headers') ?? '';
			expect(exposed).toContain('retry-after');
			expect(exposed).toContain('x-request-id');
			expect(response.headers.get('x-request-id')).toMatch(/^req_/);
		}
	});

	it('falls back to * when the request has no Origin', async () => {
		const response = await fetch(`${h.baseURL}/models`, {
			headers: { authorization: 'Bearer sk-test' }
		});
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('/nocors serves the same API with no CORS headers and a failing preflight', async () => {
		const nocors = `${h.origin}/nocors/v1`;
		const options = await preflight(`${nocors}/chat/completions`);
		expect(options.status).toBe(404);
		expect(options.headers.get('access-control-allow-origin')).toBeNull();

		const response = await post(
			`${nocors}/chat/completions`,
			JSON.stringify({ model: 'mock-echo', messages: user('no cors') })
		);
		expect(response.status).toBe(200);
		expect(
			[...response.headers.keys()].filter((name) => name.startsWith('access-control'))
		).toEqual([]);
		const body = (await response.json()) as OpenAI.ChatCompletion;
		expect(body.choices[0]?.message.content).toBe('no cors');

		const client = new OpenAI({ baseURL: nocors, apiKey: 'sk-test', maxRetries: 0 });
		const models = await client.models.list();
		expect(models.data.length).toBeGreaterThan(0);
	});
});

describe('API keys', () => {
	it('rejects sk-bad keys with invalid_api_key and never echoes the key', async () => {
		const key = 'sk-bad-0123456789abcdef';
		const response = await post(
			`${h.baseURL}/chat/completions`,
			JSON.stringify({ model: 'mock-echo', messages: user('hi') }),
			key
		);
		expect(response.status).toBe(401);
		const text = await response.text();
		expect(JSON.parse(text)).toMatchObject({
			error: { type: 'invalid_request_error', code: 'invalid_api_key', param: null }
		});
		expect(text).not.toContain('0123456789');
		const client = new OpenAI({ baseURL: h.baseURL, apiKey: key, maxRetries: 0 });
		await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
	});

	it('rejects a request without Authorization', async () => {
		const response = await fetch(`${h.baseURL}/models`);
		expect(response.status).toBe(401);
	});

	it('accepts only the configured keys when a key list is given', async () => {
		const strict = await startHarness({ keys: ['sk-good'] });
		try {
			const good = strict.client({ apiKey: 'sk-good' });
			await expect(good.models.list()).resolves.toBeTruthy();
			const other = strict.client({ apiKey: 'sk-other' });
			await expect(other.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
		} finally {
			await strict.mock.close();
		}
	});
});

describe('request validation', () => {
	it('400s an invalid JSON body', async () => {
		const response = await post(`${h.baseURL}/chat/completions`, '{"model": "mock-echo",');
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
	});

	it('400s missing messages with the parameter named', async () => {
		const response = await post(
			`${h.baseURL}/chat/completions`,
			JSON.stringify({ model: 'mock-echo' })
		);
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({
			error: { param: 'messages', code: 'missing_required_parameter' }
		});
	});

	it('404s unknown paths in OpenAI error shape', async () => {
		const response = await post(`${h.baseURL}/completions/nope`, '{}');
		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({ error: { message: expect.any(String) } });
	});
});

describe('control plane', () => {
	it('records requests with Authorization redacted and extra fields kept', async () => {
		const key = 'sk-secret-abcdef987654';
		const client = new OpenAI({ baseURL: h.baseURL, apiKey: key, maxRetries: 0 });
		await client.chat.completions.create({
			model: 'mock-echo',
			messages: user('record me'),
			top_p: 0.3,
			seed: 42
		});
		const response = await fetch(`${h.origin}/__control/requests`);
		const text = await response.text();
		expect(text).not.toContain('abcdef987654');
		const records = JSON.parse(text) as RecordedRequest[];
		const record = records.find((r) => JSON.stringify(r.body).includes('record me'));
		expect(record).toMatchObject({
			method: 'POST',
			path: '/v1/chat/completions',
			headers: { authorization: 'Bearer ***' },
			body: { top_p: 0.3, seed: 42 },
			status: 200,
			completed: true,
			aborted: false
		});
	});

	it('POST /__control/clear empties the recorded requests', async () => {
		await h.client().models.list();
		expect(h.mock.requests.length).toBeGreaterThan(0);
		const response = await fetch(`${h.origin}/__control/clear`, { method: 'POST' });
		expect(response.status).toBe(200);
		expect(h.mock.requests).toEqual([]);
		const listed = (await (await fetch(`${h.origin}/__control/requests`)).json()) as unknown[];
		expect(listed).toEqual([]);
	});
});
