// Every failure a researcher can meet becomes one ProviderError kind with a message that says what
// to do next. The SDK's error classes are recognised by shape (status, headers, cause), not by
// `instanceof`, so this module never loads the SDK and also classifies plain fetch failures.
// Messages are scrubbed: servers echo (parts of) keys in 401 bodies, and messages reach the UI.
import { redactSecrets, shorten } from '$lib/core/errors';
import { ProviderError } from '$lib/core/stream/events';
import { corsHint } from './presets';

export interface ErrorContext {
	baseURL: string;
	preset?: string;
	model?: string;
	/** This page's origin, for the CORS hint. */
	origin?: string;
	/** Strings that must never appear in a message (the endpoint's key). */
	secrets?: readonly string[];
	/** The caller aborted (user stop). */
	aborted?: boolean;
	/** Our idle timer fired. */
	timedOut?: boolean;
	idleTimeoutMs?: number;
	/**
	 * After a bare connection failure: true when a no-cors probe reached the server (so the
	 * browser blocked the answer: CORS), false when the server is unreachable, undefined if unknown.
	 */
	reachable?: boolean;
	/** The server had already answered 200 and was streaming when the failure happened. */
	midStream?: boolean;
}

interface ErrorShape {
	status?: unknown;
	type?: unknown;
	headers?: unknown;
	code?: unknown;
	error?: unknown;
	message?: unknown;
	name?: unknown;
	cause?: unknown;
}

const MAX_SERVER_MESSAGE = 300;

export function hostOf(baseURL: string): string {
	try {
		return new URL(baseURL).host;
	} catch {
		return 'the server';
	}
}

/** Removes the given secrets and anything key-shaped, then shortens. */
export function scrub(text: string, secrets: readonly string[] = []): string {
	let clean = text;
	for (const secret of secrets) {
		if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	clean = redactSecrets(clean).replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
	return clean.length > MAX_SERVER_MESSAGE ? `${clean.slice(0, MAX_SERVER_MESSAGE - 1)}…` : clean;
}

function headerGetter(headers: unknown): (name: string) => string | undefined {
	if (headers && typeof (headers as Headers).get === 'function') {
		return (name) => (headers as Headers).get(name) ?? undefined;
	}
	if (headers && typeof headers === 'object') {
		const record = headers as Record<string, unknown>;
		return (name) => {
			const value = record[name] ?? record[name.toLowerCase()];
			return typeof value === 'string' ? value : undefined;
		};
	}
	return () => undefined;
}

/** Seconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterSeconds(headers: unknown, now = Date.now()): number | undefined {
	const get = headerGetter(headers);
	const ms = Number.parseFloat(get('retry-after-ms') ?? '');
	if (Number.isFinite(ms) && ms >= 0) return ms / 1000;
	const raw = get('retry-after');
	if (raw === undefined) return undefined;
	const seconds = Number.parseFloat(raw);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds;
	const date = Date.parse(raw);
	return Number.isFinite(date) ? Math.max(0, (date - now) / 1000) : undefined;
}

function serverMessage(shape: ErrorShape): string {
	const body = shape.error as { message?: unknown } | undefined;
	const raw =
		body && typeof body.message === 'string'
			? body.message
			: typeof shape.message === 'string'
				? shape.message.replace(/^\d{3}\s+/, '')
				: '';
	return raw.trim();
}

function isConnectionFailure(shape: ErrorShape, error: unknown): boolean {
	if (shape.status !== undefined && shape.status !== null) return false;
	const text = `${String(shape.message ?? '')} ${String((shape.cause as ErrorShape | undefined)?.message ?? '')}`;
	if (
		/Connection error|fetch failed|Failed to fetch|NetworkError|Load failed|network error|terminated|socket|ECONN|EPIPE|other side closed/i.test(
			text
		)
	)
		return true;
	return error instanceof TypeError && /fetch|network/i.test(text);
}

function connectionError(context: ErrorContext, host: string): ProviderError {
	if (context.midStream) {
		return new ProviderError(
			'network',
			`The connection to ${host} broke in the middle of the answer (the server or a proxy closed it). Retry the response.`
		);
	}
	const hint = corsHint(context.preset, context.origin);
	if (context.reachable === true) {
		return new ProviderError(
			'cors',
			`The browser blocked the answer from ${host}: the server does not allow requests from this page (CORS). ${hint}`
		);
	}
	if (context.reachable === false) {
		return new ProviderError(
			'network',
			`Could not reach ${host}. Check the base URL and that the server is running and reachable from this computer. If it is running, it may be refusing cross-origin requests (CORS): ${hint}`
		);
	}
	return new ProviderError(
		'network',
		`The connection to ${host} failed: the network is down, the server is not running, or it refuses cross-origin requests (CORS). ${hint}`
	);
}

const STATUS_BY_CODE: Record<string, number> = {
	invalid_api_key: 401,
	invalid_key: 401,
	unauthorized: 401,
	authentication_error: 401,
	permission_denied: 403,
	model_not_found: 404,
	rate_limit_exceeded: 429,
	insufficient_quota: 429
};

const STATUS_BY_TYPE: Record<string, number> = {
	authentication_error: 401,
	auth_error: 401,
	permission_error: 403,
	not_found_error: 404,
	rate_limit_error: 429,
	throttling_error: 429,
	requests: 429,
	tokens: 429,
	invalid_request_error: 400,
	server_error: 500,
	api_error: 500,
	overloaded_error: 503
};

/**
 * The HTTP status an error sent inside a 200 stream stands for. Servers that have already
 * answered 200 (LiteLLM, mock-llm, some proxies) report a wrong key, an unknown model or a rate
 * limit as an `error` event; its code (LiteLLM puts the status there), type or wording tells
 * which, so the researcher gets the same advice as for the HTTP answer.
 */
export function streamedErrorStatus(shape: ErrorShape): number | undefined {
	const body = shape.error && typeof shape.error === 'object' ? (shape.error as ErrorShape) : {};
	const message = typeof shape.error === 'string' ? shape.error : serverMessage(shape);
	const byWords = statusFromWords(message);
	const code = body.code ?? shape.code;
	const numeric = typeof code === 'number' ? code : Number.parseInt(String(code ?? ''), 10);
	// LiteLLM answers an unknown model with 400.
	if (numeric >= 400 && numeric <= 599) return numeric === 400 && byWords === 404 ? 404 : numeric;
	const byCode = typeof code === 'string' ? STATUS_BY_CODE[code.toLowerCase()] : undefined;
	const type = body.type ?? shape.type;
	return (
		byCode ?? byWords ?? (typeof type === 'string' ? STATUS_BY_TYPE[type.toLowerCase()] : undefined)
	);
}

function statusFromWords(message: string): number | undefined {
	if (/api[\s_-]?key|unauthori[sz]ed|authenticat/i.test(message)) return 401;
	const model =
		/\bmodel\b.*\b(not found|does not exist|not exist|unknown|not available|not supported)|\b(unknown|invalid|no such) model/i;
	if (model.test(message)) return 404;
	if (/rate.?limit|too many requests|quota/i.test(message)) return 429;
	return undefined;
}

/** An `error` event inside a stream the server had answered with 200. */
function streamedError(shape: ErrorShape, context: ErrorContext, host: string): ProviderError {
	const status = streamedErrorStatus(shape);
	if (status !== undefined) return httpError(status, shape, context, host, false);
	const said = typeof shape.error === 'string' ? shape.error : serverMessage(shape);
	const quoted = said ? ` The server said: “${scrub(said, context.secrets)}”` : '';
	return new ProviderError(
		'server',
		`${host} reported an error ${context.midStream ? 'in the middle of the answer' : 'instead of an answer'}. This is usually temporary: retry the response.${quoted}`
	);
}

function httpError(
	status: number,
	shape: ErrorShape,
	context: ErrorContext,
	host: string,
	/** False when the status was inferred from an error event in a 200 stream. */
	statusSent = true
) {
	const said = typeof shape.error === 'string' ? shape.error : serverMessage(shape);
	const quoted = said ? ` The server said: “${scrub(said, context.secrets)}”` : '';
	const code = typeof shape.code === 'string' ? shape.code : '';
	const model = context.model ? `“${context.model}”` : 'this model';
	const retryAfter = retryAfterSeconds(shape.headers);
	const tag = (text: string) => (statusSent ? ` (${text})` : '');
	const sent = statusSent ? status : undefined;
	if (status === 401 || status === 403) {
		return new ProviderError(
			'auth',
			`${host} rejected the API key${tag(String(status))}. Enter a valid key for this endpoint (or remove it if the server needs none) and test the connection again.${quoted}`,
			sent
		);
	}
	if (status === 404) {
		if (code === 'model_not_found' || /model/i.test(said) || !statusSent) {
			return new ProviderError(
				'bad-model',
				`${host} does not offer the model ${model}${tag('404')}. Use Test connection to list the models it serves and pick one of them.${quoted}`,
				sent
			);
		}
		return new ProviderError(
			'bad-request',
			`${host} answered 404 Not Found: check the base URL (it usually ends in /v1).${quoted}`,
			sent
		);
	}
	if (status === 408) {
		return new ProviderError(
			'timeout',
			`${host} timed out the request${tag('408')}.${quoted}`,
			sent
		);
	}
	if (status === 429) {
		const wait = retryAfter !== undefined ? ` It asked to wait ${Math.ceil(retryAfter)} s.` : '';
		return new ProviderError(
			'rate-limit',
			`${host} is rate limiting requests${tag('429')}.${wait} Lower the concurrency, wait, or raise the account's limits, then retry the failed responses.${quoted}`,
			sent,
			retryAfter
		);
	}
	if (status >= 500) {
		return new ProviderError(
			'server',
			`${host} had a server error${tag(String(status))}. This is usually temporary: retry the failed responses later.${quoted}`,
			sent,
			retryAfter
		);
	}
	return new ProviderError(
		'bad-request',
		`${host} refused the request${tag(String(status))}: check the model name, sampling parameters and extra headers.${quoted}`,
		sent
	);
}

/** Turns anything thrown while talking to an endpoint into a ProviderError without secrets. */
export function classifyError(error: unknown, context: ErrorContext): ProviderError {
	const host = hostOf(context.baseURL);
	if (error instanceof ProviderError) {
		return new ProviderError(
			error.kind,
			scrub(error.message, context.secrets),
			error.status,
			error.retryAfterSeconds
		);
	}
	if (context.timedOut) {
		const seconds = Math.round((context.idleTimeoutMs ?? 0) / 1000);
		return new ProviderError(
			'timeout',
			`${host} sent nothing for ${seconds} s, so the request was stopped (timeout). The server may be overloaded or the model still loading; retry, or raise the timeout.`
		);
	}
	if (context.aborted) return new ProviderError('aborted', 'Stopped before the answer finished.');
	const shape = (error && typeof error === 'object' ? error : {}) as ErrorShape;
	if (typeof shape.status === 'number') return httpError(shape.status, shape, context, host);
	// The SDK's APIError without a status: the server sent an error event in a 200 stream.
	if (shape.error !== undefined && shape.error !== null) {
		return streamedError(shape, context, host);
	}
	if (error instanceof SyntaxError) {
		return new ProviderError(
			'malformed',
			`${host} sent a malformed stream chunk (not valid JSON). A proxy may be rewriting the stream, or the server is not fully OpenAI-compatible; retry, or check the server's logs.`
		);
	}
	if (shape.name === 'AbortError') {
		return new ProviderError('aborted', 'Stopped before the answer finished.');
	}
	if (/timed out/i.test(String(shape.message ?? ''))) {
		return new ProviderError(
			'timeout',
			`The request to ${host} timed out. The server may be overloaded; retry later.`
		);
	}
	if (isConnectionFailure(shape, error)) return connectionError(context, host);
	const message = typeof shape.message === 'string' ? shape.message : shorten(error, 200);
	return new ProviderError(
		'unknown',
		`Unexpected problem talking to ${host}: ${scrub(message, context.secrets)}`
	);
}

/**
 * After a bare connection failure in a browser, asks whether the server is there at all: an
 * opaque `no-cors` request succeeds when the host answers (so CORS blocked the real call) and
 * fails when nothing listens. It carries no credentials and no key.
 */
export async function probeReachable(
	baseURL: string,
	fetchImpl: typeof fetch | undefined = globalThis.fetch
): Promise<boolean | undefined> {
	if (typeof document === 'undefined' || !fetchImpl) return undefined;
	try {
		await fetchImpl(`${baseURL.replace(/\/+$/, '')}/models`, {
			mode: 'no-cors',
			credentials: 'omit',
			cache: 'no-store',
			referrerPolicy: 'no-referrer',
			signal: AbortSignal.timeout(5_000)
		});
		return true;
	} catch {
		return false;
	}
}

export function isConnectionProblem(error: unknown): boolean {
	const shape = (error && typeof error === 'object' ? error : {}) as ErrorShape;
	return !(error instanceof ProviderError) && isConnectionFailure(shape, error);
}
