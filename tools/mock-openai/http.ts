// Plain node:http plumbing shared by every route: CORS the way browsers check it, JSON replies,
// bounded body reading, Bearer auth, and header redaction. The browser-side SDK sends Authorization
// and x-stainless-* headers, so every call is preflighted; a `*` in Allow-Headers does not cover
// Authorization, hence the echo of Access-Control-Request-Headers.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { invalidApiKey, missingApiKey, wireError } from './wire';
import type { HttpError } from './wire';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const EXPOSED_HEADERS = [
	'retry-after',
	'retry-after-ms',
	'x-request-id',
	'x-ratelimit-limit-requests',
	'x-ratelimit-remaining-requests',
	'openai-processing-ms'
].join(', ');
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'api-key', 'x-api-key']);

export function headerValue(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** Headers set here are merged into whatever `writeHead` sends later, errors included. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
	res.setHeader('access-control-allow-origin', headerValue(req, 'origin') ?? '*');
	res.setHeader('vary', 'Origin');
	res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
	res.writeHead(204, {
		'access-control-allow-methods': 'GET, POST, OPTIONS',
		'access-control-allow-headers':
			headerValue(req, 'access-control-request-headers') ?? 'authorization, content-type',
		'content-length': '0'
	});
	res.end();
}

export function sendJson(
	res: ServerResponse,
	status: number,
	payload: unknown,
	headers: Record<string, string> = {}
): void {
	const body = JSON.stringify(payload);
	res.writeHead(status, {
		...headers,
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(body))
	});
	res.end(body);
}

export function sendError(res: ServerResponse, error: HttpError): void {
	sendJson(res, error.status, error.body, error.headers);
}

export class BodyTooLargeError extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new BodyTooLargeError());
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function bodyTooLarge(): HttpError {
	return wireError(413, 'The request body is too large.', 'invalid_request_error');
}

/**
 * Any non-empty key passes unless a key list was configured; keys starting `sk-bad` always
 * fail, so browser tests can exercise the 401 path against the shared server.
 */
export function checkAuth(
	req: IncomingMessage,
	keys: ReadonlySet<string> | undefined
): HttpError | undefined {
	const match = /^Bearer\s+(.*)$/i.exec(headerValue(req, 'authorization') ?? '');
	const key = match?.[1]?.trim() ?? '';
	if (key === '') return missingApiKey();
	if (key.startsWith('sk-bad')) return invalidApiKey();
	if (keys !== undefined && !keys.has(key)) return invalidApiKey();
	return undefined;
}

/** Recorded headers must be safe to print in a test failure or paste into an issue. */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		if (!SECRET_HEADERS.has(name)) out[name] = text;
		else out[name] = /^Bearer\s/i.test(text) ? 'Bearer ***' : '***';
	}
	return out;
}
