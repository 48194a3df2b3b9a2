// The project's own OpenAI-compatible server for unit, e2e and benchmark runs (after chat-ui's
// tests/mock-openai.ts). Plain node:http, no framework, so what goes over the wire is exactly what
// the code writes. Routes: the OpenAI surface under /v1 (and /nocors/v1 without any CORS headers,
// to play a server a browser cannot reach), plus a /__control plane for tests in other processes.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleChat, sendChatError } from './chat';
import {
	BodyTooLargeError,
	answerPreflight,
	applyCors,
	bodyTooLarge,
	checkAuth,
	headerValue,
	readBody,
	sendError,
	sendJson
} from './http';
import { findModel, modelCard, modelList } from './models';
import { startRecord } from './recording';
import type { RecordedRequest } from './recording';
import { FaultState, planFaults } from './scenarios';
import { isHttpError, modelNotFound, wireError } from './wire';

export type { RecordedRequest } from './recording';

export interface MockServerOptions {
	/** Accepted API keys; when absent any non-empty key passes (except `sk-bad…`). */
	keys?: string[];
}

export interface MockServer {
	server: Server;
	/** Listens on 127.0.0.1 (port 0 = any free port) and resolves the base URL ending in `/v1`. */
	listen(port?: number): Promise<string>;
	/** Closes the server, cutting open streams (hanging ones included). */
	close(): Promise<void>;
	/** Live list of recorded API requests (not control-plane calls). */
	requests: RecordedRequest[];
	/** Forgets which once-faults fired, like `POST /__control/reset`. */
	reset(): void;
}

const NO_CORS_PREFIX = '/nocors';

function invalidUrl(req: IncomingMessage, path: string) {
	return wireError(404, `Invalid URL (${req.method ?? 'GET'} ${path})`, 'invalid_request_error');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	if (text.trim() === '') return { ok: true, value: null };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

const INVALID_JSON = wireError(
	400,
	"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
	'invalid_request_error'
);

export function createMockServer(options: MockServerOptions = {}): MockServer {
	const keys = options.keys && options.keys.length > 0 ? new Set(options.keys) : undefined;
	const requests: RecordedRequest[] = [];
	const faults = new FaultState();
	let sequence = 0;
	let isShuttingDown = false;

	const server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			if (res.headersSent) res.destroy();
			else if (error instanceof BodyTooLargeError) sendError(res, bodyTooLarge());
			else sendError(res, wireError(500, `Mock server bug: ${String(error)}`, 'server_error'));
		});
	});

	async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
		if (req.method === 'OPTIONS') return answerPreflight(req, res);
		await readBody(req);
		const route = `${req.method ?? 'GET'} ${path}`;
		switch (route) {
			case 'GET /__control/health':
				return sendJson(res, 200, { ok: true });
			case 'GET /__control/requests':
				return sendJson(res, 200, requests);
			case 'POST /__control/clear':
				requests.length = 0;
				return sendJson(res, 200, { ok: true });
			case 'POST /__control/reset':
				faults.reset();
				return sendJson(res, 200, { ok: true });
			default:
				return sendError(res, invalidUrl(req, path));
		}
	}

	function listModels(req: IncomingMessage, res: ServerResponse, path: string): void {
		// Only error faults make sense for a model list; they let "verify endpoint" flows be tested.
		const plan = planFaults(
			{
				suffixFaults: [],
				header: headerValue(req, 'x-mock-fault'),
				delayHeader: undefined,
				model: 'mock-baseline',
				onceKey: headerValue(req, 'x-mock-fault-key') ?? path
			},
			faults
		);
		if (isHttpError(plan)) return sendError(res, plan);
		if (path === '/v1/models') return sendJson(res, 200, modelList());
		const id = decodeURIComponent(path.slice('/v1/models/'.length));
		if (findModel(id) === undefined) return sendError(res, modelNotFound(id));
		return sendJson(res, 200, modelCard(id));
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://mock.invalid');
		const isNoCors =
			url.pathname === NO_CORS_PREFIX || url.pathname.startsWith(`${NO_CORS_PREFIX}/`);
		const path = isNoCors ? url.pathname.slice(NO_CORS_PREFIX.length) || '/' : url.pathname;
		if (!isNoCors) applyCors(req, res);
		if (!isNoCors && path.startsWith('/__control/')) return control(req, res, path);

		sequence += 1;
		const id = `req_mock${sequence.toString(16).padStart(8, '0')}`;
		res.setHeader('x-request-id', id);
		const parsed = parseJson(await readBody(req));
		const record = startRecord(req, res, id, parsed.ok ? parsed.value : null, () => isShuttingDown);
		requests.push(record);

		if (req.method === 'OPTIONS') {
			// Without CORS the preflight fails, which is what a browser sees from such a server.
			if (isNoCors) return sendError(res, invalidUrl(req, path));
			return answerPreflight(req, res);
		}
		const isModels = path === '/v1/models' || path.startsWith('/v1/models/');
		const isChat = path === '/v1/chat/completions';
		if (!(isModels && req.method === 'GET') && !(isChat && req.method === 'POST')) {
			return sendError(res, invalidUrl(req, path));
		}
		const authError = checkAuth(req, keys);
		if (authError && isChat)
			return sendChatError(req, res, parsed.ok ? parsed.value : null, authError);
		if (authError) return sendError(res, authError);
		if (isModels) return listModels(req, res, path);
		if (!parsed.ok) return sendError(res, INVALID_JSON);
		handleChat(req, res, parsed.value, { faults, record, sequence });
	}

	return {
		server,
		requests,
		reset: () => faults.reset(),
		listen(port = 0) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => {
					server.off('error', reject);
					const { port: actual } = server.address() as AddressInfo;
					resolve(`http://127.0.0.1:${actual}/v1`);
				});
			});
		},
		close() {
			isShuttingDown = true;
			return new Promise((resolve) => {
				if (!server.listening) return resolve();
				server.close(() => resolve());
				server.closeAllConnections();
			});
		}
	};
}
