// "Test connection" against the mock server, plus a tiny server without GET /models to prove the
// one-token fallback: each outcome must name the exact problem.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '$lib/providers/test-connection';
import { createMockServer, type MockServer } from '../../../tools/mock-openai/server';

let mock: MockServer;
let baseURL: string;
let bare: Server;
let bareURL: string;
const bareCalls: string[] = [];

beforeAll(async () => {
	mock = createMockServer();
	baseURL = await mock.listen(0);
	bare = createServer((req, res) => {
		bareCalls.push(`${req.method} ${req.url}`);
		if (req.method === 'POST' && req.url === '/v1/chat/completions') {
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			const chunk = (delta: object, finish: string | null) =>
				`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
			res.end(chunk({ content: 'OK' }, null) + chunk({}, 'length') + 'data: [DONE]\n\n');
			return;
		}
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('Not Found');
	});
	await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
	bareURL = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
	await mock.close();
	await new Promise((resolve) => bare.close(resolve));
});

const endpoint = (url: string, model: string) => ({
	id: 'ep',
	baseURL: url,
	model,
	headers: {},
	preset: 'custom'
});

describe('testConnection', () => {
	it('lists the models and confirms the chosen one', async () => {
		const result = await testConnection(endpoint(baseURL, 'mock-trained'), 'sk-good-123456');
		expect(result.ok).toBe(true);
		expect(result.models).toContain('mock-baseline');
		expect(result.message).toMatch(/including mock-trained/);
	});

	it('says the key was rejected for a bad key', async () => {
		const result = await testConnection(endpoint(baseURL, 'mock-trained'), 'sk-bad-123456789');
		expect(result.ok).toBe(false);
		expect(result.kind).toBe('auth');
		expect(result.message).toMatch(/rejected the API key/);
	});

	it('reports an unknown model with the list of models that exist', async () => {
		const result = await testConnection(endpoint(baseURL, 'gpt-nope'), 'sk-good-123456');
		expect(result.ok).toBe(false);
		expect(result.kind).toBe('bad-model');
		expect(result.models).toContain('mock-trained');
	});

	it('falls back to a one-token call when the server offers no model list', async () => {
		bareCalls.length = 0;
		const result = await testConnection(endpoint(bareURL, 'local-model'), undefined);
		expect(result.ok).toBe(true);
		expect(result.message).toMatch(/one-token test/);
		expect(bareCalls).toEqual(['GET /v1/models', 'POST /v1/chat/completions']);
	});

	it('names the unreachable host when nothing listens', async () => {
		const result = await testConnection(endpoint('http://127.0.0.1:9/v1', 'm'), undefined);
		expect(result.ok).toBe(false);
		expect(result.kind).toBe('network');
		expect(result.message).toMatch(/127\.0\.0\.1:9/);
	});
});
