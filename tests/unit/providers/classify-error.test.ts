import { describe, expect, it } from 'vitest';
import { ProviderError } from '$lib/core/stream/events';
import {
	classifyError,
	retryAfterSeconds,
	scrub,
	type ErrorContext
} from '$lib/providers/classify-error';

const context: ErrorContext = {
	baseURL: 'http://localhost:11434/v1',
	preset: 'ollama',
	model: 'llama3',
	origin: 'https://arena.example'
};

function apiError(status: number, body: object, headers: Record<string, string> = {}) {
	return Object.assign(new Error(`${status} ${JSON.stringify(body)}`), {
		status,
		error: body,
		headers: new Headers(headers),
		code: (body as { code?: string }).code
	});
}

describe('classifyError', () => {
	it('names CORS and the preset’s switch when a bare connection error hides a blocked answer', () => {
		const error = Object.assign(new Error('Connection error.'), {
			cause: new TypeError('Failed to fetch')
		});
		const result = classifyError(error, { ...context, reachable: true });
		expect(result.kind).toBe('cors');
		expect(result.message).toMatch(/CORS/);
		expect(result.message).toContain('OLLAMA_ORIGINS=https://arena.example');
		expect(result.message).not.toBe('Connection error.');
	});

	it('says unreachable, and still mentions CORS, when nothing answers', () => {
		const result = classifyError(new TypeError('Failed to fetch'), {
			...context,
			reachable: false
		});
		expect(result.kind).toBe('network');
		expect(result.message).toMatch(/Could not reach localhost:11434/);
		expect(result.message).toMatch(/CORS/);
	});

	it('without a probe a connection error is network, naming CORS as a possible cause', () => {
		const result = classifyError(new TypeError('fetch failed'), {
			...context,
			preset: 'vllm'
		});
		expect(result.kind).toBe('network');
		expect(result.message).toMatch(/--allowed-origins/);
	});

	it('401 and 403 → auth: the key was rejected; echoed keys are removed', () => {
		const key = 'sk-LEAKCANARY-1234567890abcdef';
		const error = apiError(401, {
			message: `Incorrect API key provided: ${key}.`,
			code: 'invalid_api_key'
		});
		const result = classifyError(error, { ...context, secrets: [key] });
		expect(result.kind).toBe('auth');
		expect(result.status).toBe(401);
		expect(result.message).toMatch(/rejected the API key/);
		expect(result.message).not.toContain('LEAKCANARY');
		expect(classifyError(apiError(403, {}), context).kind).toBe('auth');
	});

	it('404 about a model → bad-model; other 404s point at the base URL', () => {
		const model = classifyError(
			apiError(404, { message: "The model 'llama3' does not exist", code: 'model_not_found' }),
			context
		);
		expect(model.kind).toBe('bad-model');
		expect(model.message).toMatch(/does not offer the model “llama3”/);
		const path = classifyError(apiError(404, { message: 'Not Found' }), context);
		expect(path.kind).toBe('bad-request');
		expect(path.message).toMatch(/base URL/);
	});

	it('429 → rate-limit carrying the server’s retry-after', () => {
		const result = classifyError(
			apiError(429, { message: 'slow down' }, { 'retry-after': '7' }),
			context
		);
		expect(result.kind).toBe('rate-limit');
		expect(result.retryAfterSeconds).toBe(7);
		expect(result.message).toMatch(/wait 7 s/);
	});

	it('5xx → server, 400 → bad-request with the server’s words', () => {
		expect(classifyError(apiError(502, {}), context).kind).toBe('server');
		const bad = classifyError(apiError(400, { message: 'temperature too high' }), context);
		expect(bad.kind).toBe('bad-request');
		expect(bad.message).toContain('temperature too high');
	});

	it('JSON parse failures → malformed; our timer → timeout; the user’s stop → aborted', () => {
		expect(classifyError(new SyntaxError('Unexpected token'), context).kind).toBe('malformed');
		const timeout = classifyError(new Error('Request was aborted.'), {
			...context,
			timedOut: true,
			idleTimeoutMs: 30_000
		});
		expect(timeout.kind).toBe('timeout');
		expect(timeout.message).toMatch(/nothing for 30 s/);
		expect(classifyError(new Error('x'), { ...context, aborted: true }).kind).toBe('aborted');
	});

	it('scrubs provider errors that pass through, and anything key-shaped', () => {
		const passed = classifyError(new ProviderError('server', 'echo sk-secret-abcdefgh'), {
			...context,
			secrets: ['sk-secret-abcdefgh']
		});
		expect(passed.message).not.toContain('abcdefgh');
		expect(scrub('Authorization: Bearer abc.def.ghi')).not.toContain('abc.def');
		expect(scrub('key rk-live-zzzzzzzzzz here')).not.toContain('zzzzzzzzzz');
	});
});

/** What the SDK throws for an `error` event in a 200 stream: an APIError without a status. */
function streamedError(body: unknown) {
	const message =
		typeof body === 'object' && body && 'message' in body ? String(body.message) : String(body);
	return Object.assign(new Error(message), {
		status: undefined,
		error: body,
		headers: new Headers(),
		code: (body as { code?: unknown } | undefined)?.code
	});
}

describe('classifyError for errors inside a 200 stream', () => {
	it.each([
		[
			'OpenAI / mock-llm codes',
			{
				message: 'Incorrect API key provided.',
				type: 'invalid_request_error',
				code: 'invalid_api_key'
			},
			'auth'
		],
		[
			'LiteLLM’s status in `code`',
			{
				message: 'Authentication Error, Invalid proxy server token passed.',
				type: 'auth_error',
				code: '401'
			},
			'auth'
		],
		['wording only', { message: 'Unauthorized' }, 'auth'],
		['an unknown model (code)', { message: 'no such thing', code: 'model_not_found' }, 'bad-model'],
		[
			'an unknown model (LiteLLM)',
			{ message: 'Invalid model name passed in model=gpt-9', code: '400' },
			'bad-model'
		],
		['an unknown model (wording)', { message: "The model 'llama3' does not exist" }, 'bad-model'],
		['a rate limit (type)', { message: 'Slow down', type: 'rate_limit_error' }, 'rate-limit'],
		[
			'a rate limit (LiteLLM)',
			{ message: 'RateLimitError: tpm exceeded', code: '429' },
			'rate-limit'
		],
		['an overload', { message: 'Overloaded', type: 'overloaded_error' }, 'server'],
		['anything else', { message: 'Something broke.' }, 'server'],
		['a bare string', 'upstream went away', 'server']
	])('%s → %s-like advice', (_, body, kind) => {
		const result = classifyError(streamedError(body), context);
		expect(result.kind).toBe(kind);
		expect(result.status).toBeUndefined();
		expect(result.message).not.toMatch(/\.\.|\(\d{3}\)/);
	});

	it('gives the same advice as the HTTP answer, without claiming a status was sent', () => {
		const http = classifyError(apiError(401, { message: 'Incorrect API key provided.' }), context);
		const streamed = classifyError(
			streamedError({ message: 'Incorrect API key provided.', code: 'invalid_api_key' }),
			context
		);
		expect(streamed.message).toBe(http.message.replace(' (401)', ''));
	});

	it('says an unrecognised error came mid-answer only when the answer had started', () => {
		const body = { message: 'Something broke.' };
		expect(classifyError(streamedError(body), context).message).toMatch(/instead of an answer/);
		expect(classifyError(streamedError(body), { ...context, midStream: true }).message).toMatch(
			/in the middle of the answer/
		);
	});
});

describe('retryAfterSeconds', () => {
	it('prefers retry-after-ms, reads seconds and HTTP dates', () => {
		expect(retryAfterSeconds(new Headers({ 'retry-after-ms': '50', 'retry-after': '9' }))).toBe(
			0.05
		);
		expect(retryAfterSeconds(new Headers({ 'retry-after': '2' }))).toBe(2);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(
			retryAfterSeconds(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }), now)
		).toBe(10);
		expect(retryAfterSeconds(new Headers({}))).toBeUndefined();
	});
});
